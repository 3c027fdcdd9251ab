import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CODE_EVENT_TYPES,
  eventInstantProblems,
  evaluateDuties,
  type CodeEvent,
  type EventReason,
  type Duty as EngineDuty,
  type DutyEvaluation,
  type UnmatchedEvent,
} from '../../libs/victims-code/src/index.js';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { Clock, futureInstantProblems } from '../app/clock.js';
import type { FieldProblem } from '../app/domain-error.js';
import { CommonError, notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { insertRows } from '../database/insert-rows.js';
import { TransactionRunner } from '../database/transaction.js';
import { updateVersioned } from '../database/versioned-update.js';
import { Outbox, type OutboxRequest } from '../outbox/outbox.js';
import { CodeRuleSets } from './code-rule-sets.js';
import { dutyChanges, isOwed, type StoredDutyState } from './duty-changes.js';
import type { EnhancedBasis } from './enhanced-bases.js';
import type { Journey } from './entities/journey.entity.js';
import type { JourneyRef } from './journey-ref.js';
import { isCodeEventType, type JourneyEventType, type NewJourneyEvent } from './journey-events.js';
import type { ClosureReason, JourneyRole, JourneyStage, ReferralConsentRecorded } from './journey-vocabulary.js';
import { JourneysRepository } from './journeys.repository.js';

/** A new journey, with ids the caller generated so a whole batch is computed before it is written. */
export interface JourneyDraft {
  id: string;
  areaId: string;
  reference: string;
  personId: string;
  crimeId: string;
  role: JourneyRole;
  referralConsent: ReferralConsentRecorded;
  referredAt: Date;
  enhancedCategories: string[];
  enhancedReason: string | null;
  enhancedDecidedBy: string | null;
  enhancedBases: EnhancedBasis[];
  /** The organisation the journey starts with (referral intake: the area's victim care service), so its first duties have a team. */
  leadOrganisationId?: string | null;
}

/** Columns of the journey a command may change along with its events. */
export type JourneyChanges = Partial<{
  stage: JourneyStage;
  leadWorkerId: string | null;
  leadOrganisationId: string | null;
  enhancedCategories: string[];
  enhancedReason: string | null;
  enhancedDecidedBy: string | null;
  enhancedBases: EnhancedBasis[];
  informationVia: string | null;
  unsuccessfulContactAttempts: number;
  firstContactedAt: Date | null;
  unableToContactAt: Date | null;
  supportStartedAt: Date | null;
  closedAt: Date | null;
  closureReason: ClosureReason | null;
  closureNote: string | null;
  satisfactionScore: number | null;
  satisfactionComment: string | null;
  satisfactionDeclined: boolean | null;
}>;

export interface StoredJourneyEvent {
  id: string;
  type: string;
  occurredAt: Date;
  receivedAt: Date | null;
  payload: Record<string, unknown>;
}

/** What a command did to a journey's duties, for its answer and its tests. */
export interface DutyOutcome {
  opened: EngineDuty[];
  /** Duties the command met, withdrew or found breached. */
  changed: EngineDuty[];
  unmatched: UnmatchedEvent[];
}

export interface RecordedChange extends DutyOutcome {
  journey: Journey;
  events: StoredJourneyEvent[];
}

interface DutyRow {
  id: string;
  journey_id: string;
  key: string;
  status: EngineDuty['status'];
  due_at: Date;
  enhanced: boolean;
  met_at: Date | null;
}

interface EventRow {
  id: string;
  journey_id: string;
  type: string;
  occurred_at: Date;
  received_at: Date | null;
  reason: EventReason | null;
  payload: Record<string, unknown>;
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * The one way a journey changes. A command hands its events here, inside its own
 * transaction; the ledger stores them on the timeline, asks libs/victims-code what they
 * do to the journey's duties, stores the duties opened, met, withdrawn or breached, asks
 * the outbox to schedule or cancel their reminders, and moves the journey's version on.
 * Everything commits with the command's own rows or not at all.
 */
@Injectable()
export class JourneyLedger {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly journeys: JourneysRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly codeRuleSets: CodeRuleSets,
  ) {}

  /**
   * The journey for a command, locked until the transaction ends, so two commands on one
   * journey run one after the other. Outside the caller's scope it is not found (404, and
   * the attempt is audited); with `expectedVersion` (If-Match) a stale copy is a 409.
   */
  async lock(tx: EntityManager, actor: Actor, journeyId: string, expectedVersion?: number): Promise<Journey> {
    const journey = await this.journeys.lockInScope(tx, AccessScope.of(actor), journeyId);
    if (!journey) {
      // The command's transaction will roll back: the denial is audited on its own.
      await this.transactions.run((own) =>
        this.audit.record(own, actor, { action: 'access_denied', entityType: 'journey', entityId: journeyId }),
      );
      throw notFound('The journey');
    }
    if (expectedVersion !== undefined && expectedVersion !== journey.version) {
      throw CommonError.of('CONFLICT', 'The journey was changed by someone else; reload it and try again', { expectedVersion });
    }
    return journey;
  }

  /** Adds a command's events to a locked journey, with their duties, outbox rows and the journey's changes. */
  async record(tx: EntityManager, actor: Actor, journey: JourneyRef, events: readonly NewJourneyEvent[], changes: JourneyChanges = {}): Promise<RecordedChange> {
    const now = this.clock.now();
    this.checkDates(events, now);
    const stored = events.map((event) => ({ ...event, id: randomUUID() }));
    await this.insertEvents(tx, actor, journey.id, journey.areaId, stored, now);

    // Every command re-evaluates the journey's duties, not only those with Code events: a
    // duty that has passed its deadline is stored as breached by whatever touches the
    // journey next (the reminders worker's breach event, or a caseworker's note).
    const history: EventRow[] = await tx.query(
      `SELECT id, journey_id, type, occurred_at, received_at, reason, payload FROM journey_events WHERE journey_id = $1 AND type = ANY($2::text[]) ORDER BY seq`,
      [journey.id, CODE_EVENT_TYPES],
    );
    const dutyRows: DutyRow[] = await tx.query(`SELECT id, journey_id, key, status, due_at, enhanced, met_at FROM duties WHERE journey_id = $1`, [journey.id]);
    const evaluation = this.evaluate(
      history.map(codeEventOfRow).filter(isPresent),
      now,
    );
    const facts = evaluation.facts;
    // A correction re-times what its record opened, met or late: the one case where a duty
    // already met or withdrawn is rewritten (the timeline keeps the record and its correction).
    const revise = events.some((event) => event.type === 'record.corrected');
    const outcome = await this.persistDuties(tx, journey.id, journey.areaId, dutyRows.map(toStoredDuty), evaluation, revise);

    const latest = Math.max(journey.lastEventAt.getTime(), ...events.map((event) => event.occurredAt.getTime()));
    const columns: Record<string, unknown> = {
      last_event_at: new Date(latest),
      enhanced_since: facts.enhancedSince,
      opted_out_of: [...facts.optedOutOf],
    };
    for (const [name, value] of Object.entries(changes)) columns[snakeCase(name)] = name === 'enhancedBases' ? JSON.stringify(value) : value;
    await updateVersioned(tx, { table: 'journeys', id: journey.id, expectedVersion: journey.version, changes: columns, what: 'The journey' });

    return {
      journey: await this.journeys.byId(tx, journey.id),
      events: stored.map(({ id, type, occurredAt, receivedAt, payload }) => ({ id, type, occurredAt, receivedAt: receivedAt ?? null, payload: payload as Record<string, unknown> })),
      ...outcome,
    };
  }

  /** Whether the journey's timeline already holds an event of this type. */
  async hasEvent(tx: EntityManager, journeyId: string, type: JourneyEventType): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM journey_events WHERE journey_id = $1 AND type = $2 LIMIT 1`, [journeyId, type]);
    return rows.length > 0;
  }

  /**
   * Writes new journeys with their first events and duties, as one batch: a referral is a
   * batch of one, a CSV import a batch of thousands. Returns each journey's duty outcome.
   */
  async open(tx: EntityManager, actor: Actor, drafts: ReadonlyArray<{ journey: JourneyDraft; events: readonly NewJourneyEvent[] }>): Promise<Map<string, DutyOutcome>> {
    const now = this.clock.now();
    const outcomes = new Map<string, DutyOutcome>();
    const journeyRows: unknown[][] = [];
    const eventRows: unknown[][] = [];
    const dutyRows: unknown[][] = [];
    const outbox: OutboxRequest[] = [];
    for (const { journey, events } of drafts) {
      this.checkDates(events, now);
      const stored = events.map((event) => ({ ...event, id: randomUUID() }));
      const evaluation = this.evaluate(stored.map((event) => toCodeEvent(event.id, event)).filter(isPresent), now);
      const latest = Math.max(journey.referredAt.getTime(), ...events.map((event) => event.occurredAt.getTime()));
      journeyRows.push([
        journey.id, journey.areaId, journey.reference, journey.personId, journey.crimeId, journey.role, 'referred',
        journey.referralConsent, journey.enhancedCategories, journey.enhancedReason, journey.enhancedDecidedBy,
        JSON.stringify(journey.enhancedBases), evaluation.facts.enhancedSince, [...evaluation.facts.optedOutOf], journey.referredAt, new Date(latest),
        journey.leadOrganisationId ?? null,
      ]);
      for (const event of stored) {
        eventRows.push(eventValues(event, journey.id, journey.areaId, now, actor.userId));
      }
      const opened: EngineDuty[] = [];
      for (const duty of evaluation.duties) {
        const id = randomUUID();
        dutyRows.push(dutyValues(id, journey.id, journey.areaId, duty));
        if (isOwed(duty.status)) outbox.push(dutyOpened(id));
        opened.push(duty);
      }
      outcomes.set(journey.id, { opened, changed: [], unmatched: [...evaluation.unmatched] });
    }
    await insertRows(
      tx,
      'journeys',
      ['id', 'area_id', 'reference', 'person_id', 'crime_id', 'role', 'stage', 'referral_consent', 'enhanced_categories',
        'enhanced_reason', 'enhanced_decided_by', 'enhanced_bases', 'enhanced_since', 'opted_out_of', 'referred_at', 'last_event_at',
        'lead_organisation_id'],
      journeyRows,
      { casts: { enhanced_categories: 'text[]', enhanced_bases: 'jsonb', opted_out_of: 'text[]' } },
    );
    await insertRows(tx, 'journey_events', EVENT_COLUMNS, eventRows, { casts: { payload: 'jsonb' } });
    await insertRows(tx, 'duties', DUTY_COLUMNS, dutyRows, { casts: { subject: 'jsonb' } });
    await this.outbox.add(tx, outbox);
    return outcomes;
  }

  private evaluate(events: CodeEvent[], now: Date): DutyEvaluation {
    // Evaluated as at now, or the latest event when a client's clock runs a little ahead.
    const instants = events.flatMap((event) => [event.occurredAt.getTime(), event.receivedAt?.getTime() ?? 0]);
    const at = new Date(Math.max(now.getTime(), ...instants));
    // The rule set in force when each trigger took effect decides its timescale.
    return evaluateDuties({ events, at, ruleSets: this.codeRuleSets.ruleSets });
  }

  /**
   * Instants a command may not record: any in the future, and news received before it
   * happened. Commands check their own fields first, naming them; this is the last guard.
   */
  private checkDates(events: readonly NewJourneyEvent[], now: Date): void {
    const problems: FieldProblem[] = [];
    for (const event of events) {
      problems.push(...futureInstantProblems({ occurredAt: event.occurredAt, receivedAt: event.receivedAt }, now));
      problems.push(...eventInstantProblems({ occurredAt: event.occurredAt, receivedAt: event.receivedAt }));
    }
    if (problems.length > 0) throw validationFailed(problems.filter((problem, index) => problems.findIndex((p) => p.field === problem.field) === index));
  }

  private async insertEvents(
    tx: EntityManager,
    actor: Actor,
    journeyId: string,
    areaId: string,
    events: ReadonlyArray<NewJourneyEvent & { id: string }>,
    now: Date,
  ): Promise<void> {
    await insertRows(
      tx,
      'journey_events',
      EVENT_COLUMNS,
      events.map((event) => eventValues(event, journeyId, areaId, now, actor.userId)),
      { casts: { payload: 'jsonb' } },
    );
  }

  private async persistDuties(
    tx: EntityManager,
    journeyId: string,
    areaId: string,
    stored: StoredDutyState[],
    evaluation: DutyEvaluation,
    revise = false,
  ): Promise<DutyOutcome> {
    const { insert, update } = dutyChanges(stored, evaluation.duties, { reviseFinal: revise });
    const outbox: OutboxRequest[] = [];
    const rows = insert.map((duty) => {
      const id = randomUUID();
      if (isOwed(duty.status)) outbox.push(dutyOpened(id));
      return dutyValues(id, journeyId, areaId, duty);
    });
    await insertRows(tx, 'duties', DUTY_COLUMNS, rows, { casts: { subject: 'jsonb' } });
    for (const { id, before, duty } of update) {
      await tx.query(
        `UPDATE duties SET status = $2, due_at = $3, enhanced = $4, met_at = $5, discharged_by_event_id = $6,
           working_days_late = $7, withdrawn_reason = $8, withdrawn_at = $9, opened_at = $10, rule_set_version = $11,
           version = version + 1, updated_at = now()
         WHERE id = $1`,
        [id, duty.status, duty.dueAt, duty.enhanced, duty.metAt, duty.dischargedByEventId, duty.workingDaysLate, duty.withdrawnReason, duty.withdrawnAt,
          duty.openedAt, duty.ruleSetVersion],
      );
      if (!isOwed(duty.status)) {
        outbox.push({ topic: 'duty.closed', aggregateId: id, payload: {} });
      } else if (before.dueAt.getTime() !== duty.dueAt.getTime()) {
        outbox.push({ topic: 'duty.rescheduled', aggregateId: id, payload: { dutyId: id } });
      }
    }
    await this.outbox.add(tx, outbox);
    return { opened: [...insert], changed: update.map(({ duty }) => duty), unmatched: [...evaluation.unmatched] };
  }
}

const EVENT_COLUMNS = ['id', 'journey_id', 'area_id', 'type', 'occurred_at', 'received_at', 'reason', 'recorded_at', 'actor_user_id', 'payload'];

function eventValues(event: NewJourneyEvent & { id: string }, journeyId: string, areaId: string, now: Date, userId: string): unknown[] {
  return [event.id, journeyId, areaId, event.type, event.occurredAt, event.receivedAt ?? null, event.reason ?? null, now, userId, JSON.stringify(event.payload)];
}

const DUTY_COLUMNS = [
  'id', 'journey_id', 'area_id', 'key', 'rule_id', 'rule_set_version', 'code_right', 'owner', 'subject', 'opened_at',
  'opened_by_event_id', 'due_at', 'enhanced', 'status', 'met_at', 'discharged_by_event_id', 'working_days_late',
  'withdrawn_reason', 'withdrawn_at',
];

function dutyValues(id: string, journeyId: string, areaId: string, duty: EngineDuty): unknown[] {
  return [
    id, journeyId, areaId, duty.key, duty.ruleId, duty.ruleSetVersion, duty.right, duty.owner, JSON.stringify(duty.subject),
    duty.openedAt, duty.openedByEventId, duty.dueAt, duty.enhanced, duty.status, duty.metAt, duty.dischargedByEventId,
    duty.workingDaysLate, duty.withdrawnReason, duty.withdrawnAt,
  ];
}

function dutyOpened(id: string): OutboxRequest {
  return { topic: 'duty.opened', aggregateId: id, payload: { dutyId: id } };
}

function toCodeEvent(id: string, event: { type: string; occurredAt: Date; receivedAt?: Date | null; reason?: EventReason | null; payload: object }): CodeEvent | null {
  if (!isCodeEventType(event.type)) return null;
  return {
    id,
    type: event.type,
    occurredAt: event.occurredAt,
    ...(event.receivedAt ? { receivedAt: event.receivedAt } : {}),
    ...(event.reason ? { reason: event.reason } : {}),
    payload: event.payload,
  } as CodeEvent;
}

/** A stored event as the engine reads it. */
export function codeEventOfRow(row: { id: string; type: string; occurred_at: Date | string; received_at: Date | string | null; reason: EventReason | null; payload: object }): CodeEvent | null {
  return toCodeEvent(row.id, {
    type: row.type,
    occurredAt: new Date(row.occurred_at),
    receivedAt: row.received_at ? new Date(row.received_at) : null,
    reason: row.reason,
    payload: row.payload,
  });
}

function toStoredDuty(row: DutyRow): StoredDutyState {
  return { id: row.id, key: row.key, status: row.status, dueAt: new Date(row.due_at), enhanced: row.enhanced, metAt: row.met_at ? new Date(row.met_at) : null };
}

function isPresent<T>(value: T | null): value is T {
  return value !== null;
}
