import { Injectable } from '@nestjs/common';
import { addWorkingDays } from '../../libs/working-days/src/index.js';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import type { HearingType } from '../court/court-vocabulary.js';
import type { WitnessQueueCounts, WitnessQueueItem, WitnessQueueQuery, WitnessQueueResponse, WitnessQueueSection } from './dto/witness-queue.dto.js';
import type { NonAttendanceReason, SpecialMeasure, SpecialMeasureStatus } from './witness-vocabulary.js';
import { WitnessQueueRepository, type WitnessQueueOwner, type WitnessQueueRow } from './witness-queue.repository.js';

/** How far ahead the queue looks for hearings to prepare witnesses for. */
export const HEARINGS_HORIZON_WORKING_DAYS = 10;

/**
 * The witness care officer's queue: hearings coming up with each witness's warning and
 * special measures, witnesses not yet told of a listing, and failures to attend to follow
 * up. A page shows names, so reading it is audited as a listing of its journeys (ids only).
 */
@Injectable()
export class WitnessQueueService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly queue: WitnessQueueRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(actor: Actor, query: WitnessQueueQuery): Promise<WitnessQueueResponse> {
    return this.transactions.run(async (tx) => {
      const owner = this.ownerOf(actor, query.mine);
      const rows = await this.queue.page(tx, owner, query.section, query);
      const counts = await this.queue.counts(tx, owner);
      const journeys = new Map(rows.map((row) => [row.journey_id, row.area_id]));
      await this.audit.record(
        tx,
        actor,
        [...journeys].map(([journeyId, areaId]) => ({
          action: 'list' as const,
          entityType: 'journey',
          entityId: journeyId,
          areaId,
          details: { what: 'witness_care_queue', section: query.section },
        })),
      );
      return {
        section: query.section,
        items: rows.map((row) => toItem(query.section, row, owner.now)),
        total: rows.length > 0 ? Number(rows[0].total) : totalOf(query.section, counts),
        counts,
        horizon: owner.horizon,
      };
    });
  }

  /** Counts only: no personal data, so not audited. */
  counts(actor: Actor, mine: boolean): Promise<WitnessQueueCounts> {
    return this.transactions.run((tx) => this.queue.counts(tx, this.ownerOf(actor, mine)));
  }

  private ownerOf(actor: Actor, mine: boolean): WitnessQueueOwner {
    const now = this.clock.now();
    return {
      scope: AccessScope.of(actor),
      officerId: mine ? actor.userId : null,
      now,
      horizon: addWorkingDays(now, HEARINGS_HORIZON_WORKING_DAYS),
    };
  }
}

function totalOf(section: WitnessQueueSection, counts: WitnessQueueCounts): number {
  return section === 'hearings' ? counts.hearings : section === 'not_informed' ? counts.notInformed : counts.followUps;
}

function toItem(section: WitnessQueueSection, row: WitnessQueueRow, now: Date): WitnessQueueItem {
  const item: WitnessQueueItem = {
    section,
    journey: { id: row.journey_id, reference: row.reference, personName: `${row.given_name} ${row.family_name}`, enhanced: row.enhanced },
    hearing: {
      id: row.hearing_id,
      type: row.hearing_type as HearingType | null,
      courtName: row.court_name,
      listedFor: row.listed_for ? new Date(row.listed_for) : null,
      listingVersion: row.listing_version,
    },
  };
  if (section === 'hearings') {
    item.warned = Boolean(row.warned);
    item.outstandingSpecialMeasures = (row.outstanding ?? []).map((measure) => ({
      id: measure.id,
      measure: measure.measure as SpecialMeasure,
      status: measure.status as SpecialMeasureStatus,
    }));
  }
  if (section === 'not_informed' && row.duty_id && row.duty_due_at) {
    const dueAt = new Date(row.duty_due_at);
    item.duty = { id: row.duty_id, ruleId: 'wcu.inform-hearing', dueAt, status: dueAt.getTime() < now.getTime() ? 'breached' : 'open' };
  }
  if (section === 'follow_ups' && row.attendance_id) {
    item.followUp = { attendanceId: row.attendance_id, reason: row.reason as NonAttendanceReason, version: Number(row.attendance_version) };
  }
  return item;
}
