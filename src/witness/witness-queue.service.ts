import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { UlsReminder } from '../../libs/victims-code/src/index.js';
import { addWorkingDays } from '../../libs/working-days/src/index.js';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import type { HearingType } from '../court/court-vocabulary.js';
import { ulsRemindersOf } from '../journeys/victim-windows.js';
import type { WitnessQueueCounts, WitnessQueueItem, WitnessQueueQuery, WitnessQueueResponse, WitnessQueueSection } from './dto/witness-queue.dto.js';
import type { NonAttendanceReason, SpecialMeasure, SpecialMeasureStatus } from './witness-vocabulary.js';
import { WitnessQueueRepository, type SentencedVictimRow, type WitnessQueueOwner, type WitnessQueueRow } from './witness-queue.repository.js';

/** How far ahead the queue looks for hearings to prepare witnesses for. */
export const HEARINGS_HORIZON_WORKING_DAYS = 10;

/** Sentences received this long ago or less can still have an open ULS window (28 calendar days, with room for a clock change). */
const ULS_LOOKBACK_MS = 30 * 86_400_000;

interface UlsEntry {
  row: SentencedVictimRow;
  window: UlsReminder;
}

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
      const uls = await this.ulsWindows(tx, owner);
      const counts = await this.countsIn(tx, owner, uls);
      if (query.section === 'uls_windows') {
        const shown = uls.slice(query.offset, query.offset + query.limit);
        await this.audited(tx, actor, query.section, shown.map(({ row }) => row));
        return { section: query.section, items: shown.map(ulsItem), total: uls.length, counts, horizon: owner.horizon };
      }
      const rows = await this.queue.page(tx, owner, query.section, query);
      await this.audited(tx, actor, query.section, rows);
      return {
        section: query.section,
        items: rows.map((row) => toItem(query.section, row, owner.now)),
        total: rows.length > 0 ? Number(rows[0].total) : totalOf(query.section, counts),
        counts,
        horizon: owner.horizon,
      };
    });
  }

  /** Reading a page shows names: audited as a listing of its journeys (ids only). */
  private async audited(tx: EntityManager, actor: Actor, section: WitnessQueueSection, rows: ReadonlyArray<Pick<SentencedVictimRow, 'journey_id' | 'area_id'>>): Promise<void> {
    const journeys = new Map(rows.map((row) => [row.journey_id, row.area_id]));
      await this.audit.record(
        tx,
        actor,
        [...journeys].map(([journeyId, areaId]) => ({
          action: 'list' as const,
          entityType: 'journey',
          entityId: journeyId,
          areaId,
          details: { what: 'witness_care_queue', section },
        })),
    );
  }

  /** Counts only: no personal data, so not audited. */
  counts(actor: Actor, mine: boolean): Promise<WitnessQueueCounts> {
    return this.transactions.run(async (tx) => {
      const owner = this.ownerOf(actor, mine);
      return this.countsIn(tx, owner, await this.ulsWindows(tx, owner));
    });
  }

  private async countsIn(tx: EntityManager, owner: WitnessQueueOwner, uls: readonly UlsEntry[]): Promise<WitnessQueueCounts> {
    return {
      ...(await this.queue.counts(tx, owner)),
      ulsWindows: uls.length,
      ulsWindowsClosingSoon: uls.filter(({ window }) => window.remindAt.getTime() <= owner.now.getTime()).length,
    };
  }

  /** Open ULS windows whose victim has not been told of the sentence, closing soonest first. */
  private async ulsWindows(tx: EntityManager, owner: WitnessQueueOwner): Promise<UlsEntry[]> {
    const rows = await this.queue.sentencedVictims(tx, owner, new Date(owner.now.getTime() - ULS_LOOKBACK_MS));
    const reminders = await ulsRemindersOf(tx, rows.map((row) => row.journey_id), owner.now);
    return rows
      .flatMap((row) => (reminders.get(row.journey_id) ?? []).map((window) => ({ row, window })))
      .sort((a, b) => a.window.closesAt.getTime() - b.window.closesAt.getTime() || a.row.reference.localeCompare(b.row.reference));
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
  return section === 'hearings' ? counts.hearings : section === 'not_informed' ? counts.notInformed : section === 'follow_ups' ? counts.followUps : counts.ulsWindows;
}

function journeyOf(row: SentencedVictimRow): WitnessQueueItem['journey'] {
  return { id: row.journey_id, reference: row.reference, personName: `${row.given_name} ${row.family_name}`, enhanced: row.enhanced };
}

function measureOf(measure: { id: string; measure: string; status: string }) {
  return { id: measure.id, measure: measure.measure as SpecialMeasure, status: measure.status as SpecialMeasureStatus };
}

/** The listing's inform duty: met (on time or late) is told; open or breached is not yet; none or withdrawn owes nothing. */
function informedOf(status: string | null): 'told' | 'not_told' | 'not_owed' {
  if (status === 'met' || status === 'met_late') return 'told';
  if (status === 'open' || status === 'breached') return 'not_told';
  return 'not_owed';
}

function ulsItem({ row, window }: UlsEntry): WitnessQueueItem {
  return {
    section: 'uls_windows',
    journey: journeyOf(row),
    ulsWindow: { outcomeId: window.outcomeId, sentencedAt: window.sentencedAt, closesAt: window.closesAt, remindAt: window.remindAt },
  };
}

function toItem(section: WitnessQueueSection, row: WitnessQueueRow, now: Date): WitnessQueueItem {
  const item: WitnessQueueItem = {
    section,
    journey: journeyOf(row),
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
    item.outstandingSpecialMeasures = (row.outstanding ?? []).map(measureOf);
    item.specialMeasures = (row.measures ?? []).map(measureOf);
    item.informed = informedOf(row.informed_status ?? null);
    item.interpreterLanguages = row.interpreter_languages ?? [];
    item.preTrialVisit = row.pre_trial_visit_status ?? null;
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
