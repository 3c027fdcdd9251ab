import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DutyOwner } from '../../libs/victims-code/src/index.js';
import { londonDate } from '../../libs/working-days/src/index.js';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import {
  WORK_ITEM_KINDS,
  type WorkItem,
  type WorkItemKind,
  type WorkQueueCounts,
  type WorkQueueQuery,
  type WorkQueueResponse,
  type WorkQueueView,
} from './dto/work-queue.dto.js';
import { type QueueOwner, type QueueRow, WorkQueueRepository } from './work-queue.repository.js';

export type { QueueRow } from './work-queue.repository.js';

/** Whose queue the daily digest reads: a user as the worker finds them, not a request's Actor. */
export interface DigestReader {
  userId: string;
  organisationId: string;
  organisationKind: string;
  areaIds: readonly string[];
  supervisor: boolean;
}

/** What the daily digest tells a user of from their own ("mine") view. */
const DIGEST_KINDS: readonly WorkItemKind[] = ['duty_overdue', 'duty_due_today', 'new_referral'];

/** Organisations that owe duties of their own kind see only those; everyone else sees all. */
export const DUTY_OWNER_OF_ORGANISATION: Partial<Record<string, DutyOwner>> = {
  victim_care_service: 'victim_care_service',
  witness_care_unit: 'witness_care_unit',
};

/**
 * What a worker or a team should do next: new referrals to contact, Code duties due today
 * or overdue, support plan actions due. Showing it shows personal data (names), so each
 * page read is audited as a listing of the journeys on it.
 */
@Injectable()
export class WorkQueueService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly queue: WorkQueueRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** `kinds` and `ruleId` narrow further than the API's query can (the workspace's "first contact due" tab). */
  list(actor: Actor, query: WorkQueueQuery & { kinds?: readonly WorkItemKind[]; ruleId?: string }): Promise<WorkQueueResponse> {
    return this.transactions.run(async (tx) => {
      const owner = await this.ownerOf(tx, actor, query.view, query.areaId);
      const kinds = query.kinds ?? (query.kind ? [query.kind] : WORK_ITEM_KINDS);
      const filters = { kinds, stage: query.stage, leadWorkerId: query.leadWorkerId, enhanced: query.enhanced, ruleId: query.ruleId };
      const rows = await this.queue.page(tx, owner, filters, query.sort, query);
      const total = rows.length > 0 ? Number(rows[0].total) : query.offset > 0 ? await this.queue.total(tx, owner, filters) : 0;
      const journeys = new Map(rows.map((row) => [row.journey_id, row.area_id]));
      await this.audit.record(
        tx,
        actor,
        [...journeys].map(([journeyId, areaId]) => ({ action: 'list' as const, entityType: 'journey', entityId: journeyId, areaId, details: { what: 'work_queue', view: query.view } })),
      );
      return { items: rows.map((row) => toItem(row, owner.now)), total };
    });
  }

  /** Counts only: no personal data, so not audited. */
  counts(actor: Actor, view: WorkQueueView): Promise<WorkQueueCounts> {
    return this.transactions.run(async (tx) => {
      const counts = await this.queue.counts(tx, await this.ownerOf(tx, actor, view), WORK_ITEM_KINDS);
      return {
        newReferrals: counts.get('new_referral') ?? 0,
        dutiesDueToday: counts.get('duty_due_today') ?? 0,
        dutiesOverdue: counts.get('duty_overdue') ?? 0,
        actionsDue: counts.get('action_due') ?? 0,
      };
    });
  }

  /**
   * Counts of each kind under the same filters as a listing, and of the duties of one rule
   * (the workspace's tabs). Counts only: not audited.
   */
  filteredCounts(
    actor: Actor,
    query: Pick<WorkQueueQuery, 'view' | 'stage' | 'enhanced' | 'areaId' | 'leadWorkerId'>,
    ruleId: string,
  ): Promise<{ byKind: Map<WorkItemKind, number>; ofRule: number }> {
    return this.transactions.run(async (tx) => {
      const owner = await this.ownerOf(tx, actor, query.view, query.areaId);
      const filters = { stage: query.stage, enhanced: query.enhanced, leadWorkerId: query.leadWorkerId };
      const byKind = await this.queue.counts(tx, owner, WORK_ITEM_KINDS, filters);
      const ofRule = await this.queue.counts(tx, owner, ['duty_due_today', 'duty_overdue'], { ...filters, ruleId });
      return { byKind, ofRule: [...ofRule.values()].reduce((sum, count) => sum + count, 0) };
    });
  }

  /**
   * The items of a user's morning digest, in the caller's transaction: their "mine" view
   * (overdue duties, duties due today, new referrals) and, for a supervisor, their team's
   * overdue duties not already in it; at most `limit` of each. Not audited: the email
   * carries references, rules and deadlines only.
   */
  async digestItems(tx: EntityManager, reader: DigestReader, now: Date, today: string, limit: number): Promise<QueueRow[]> {
    const owner: QueueOwner = {
      view: 'mine',
      userId: reader.userId,
      organisationId: reader.organisationId,
      scope: AccessScope.of(reader),
      dutyOwner: DUTY_OWNER_OF_ORGANISATION[reader.organisationKind] ?? null,
      now,
      today,
    };
    const page = { limit, offset: 0 };
    const rows = await this.queue.page(tx, owner, { kinds: DIGEST_KINDS }, 'due', page);
    if (reader.supervisor) {
      const mine = new Set(rows.map((row) => row.duty_id));
      const team = await this.queue.page(tx, { ...owner, view: 'team' }, { kinds: ['duty_overdue'] }, 'due', page);
      rows.push(...team.filter((row) => !mine.has(row.duty_id)));
    }
    return rows;
  }

  private async ownerOf(tx: EntityManager, actor: Actor, view: WorkQueueView, areaId?: string): Promise<QueueOwner> {
    // An area outside the caller's scope is simply empty, as for any listing.
    const scope = areaId ? AccessScope.of(actor).within(areaId) : AccessScope.of(actor);
    const organisationKind = await this.queue.organisationKind(tx, actor.organisationId);
    const now = this.clock.now();
    return {
      view,
      userId: actor.userId,
      organisationId: actor.organisationId,
      scope,
      dutyOwner: organisationKind ? (DUTY_OWNER_OF_ORGANISATION[organisationKind] ?? null) : null,
      now,
      today: londonDate(now),
    };
  }
}

function toItem(row: QueueRow, now: Date): WorkItem {
  const item: WorkItem = {
    kind: row.kind,
    journey: {
      id: row.journey_id,
      reference: row.reference,
      stage: row.stage,
      enhanced: row.enhanced,
      personName: `${row.given_name} ${row.family_name}`,
      leadWorker: row.lead_worker_id ? { id: row.lead_worker_id, name: row.lead_worker_name ?? '' } : null,
    },
    dueAt: new Date(row.due_at),
  };
  if (row.duty_id && row.rule_id && row.duty_due_at) {
    const dueAt = new Date(row.duty_due_at);
    item.duty = { id: row.duty_id, ruleId: row.rule_id, dueAt, status: dueAt.getTime() < now.getTime() ? 'breached' : 'open' };
  }
  if (row.action_id && row.due_on) item.action = { id: row.action_id, description: row.description ?? '', dueOn: row.due_on };
  return item;
}
