import type { EntityManager } from 'typeorm';
import type { Duty as EngineDuty } from '../../libs/victims-code/src/index.js';
import type { Actor } from '../../src/access/actor.js';
import { FixedClock } from '../../src/app/clock.js';
import { CommonError, notFound } from '../../src/app/common.errors.js';
import type { AuditRecord, AuditService } from '../../src/audit/audit.service.js';
import type { TransactionRunner } from '../../src/database/transaction.js';
import type { JourneyResponse } from '../../src/journeys/dto/journey.dto.js';
import type { Journey } from '../../src/journeys/entities/journey.entity.js';
import type { JourneyChanges, JourneyLedger, RecordedChange } from '../../src/journeys/journey-ledger.js';
import type { JourneyEventType, NewJourneyEvent } from '../../src/journeys/journey-events.js';
import type { JourneyRef } from '../../src/journeys/journey-ref.js';
import { JourneyWork } from '../../src/journeys/journey-work.js';
import type { JourneysService } from '../../src/journeys/journeys.service.js';

/**
 * One journey and the frame its commands run in (JourneyWork over a fake transaction,
 * ledger, journeys service and audit), in memory: service specs test a module's rules on
 * it in milliseconds, without PostgreSQL. The real JourneyWork runs (closed journeys
 * refused, instants in the future refused against the FixedClock); the ledger records the
 * events and journey changes a command hands it, and moves the journey's version on.
 *
 * A command that throws rolls back what the frame holds, and the arrays made with
 * `table()`, as a transaction would. The integration tests keep the real thing (SQL,
 * duties, audit chain, scoping) covered.
 */
export class JourneyFrame {
  readonly clock: FixedClock;
  readonly actor: Actor;
  journey: JourneyRef;
  /** What each `ledger.record` was handed, in order. */
  readonly recorded: Array<{ events: NewJourneyEvent[]; changes: JourneyChanges }> = [];
  readonly audits: AuditRecord[] = [];
  /** What each audited read of the journey named. */
  readonly reads: string[] = [];
  /** Events already on the timeline before the spec began (for `hasEvent`). */
  readonly history: JourneyEventType[] = [];
  /** Duties the next `ledger.record` reports as met, withdrawn or breached. */
  changedDuties: EngineDuty[] = [];
  /** What `JourneysService.hasOtherOpenJourney` answers. */
  otherOpenJourney = false;

  readonly transactions: TransactionRunner;
  readonly ledger: JourneyLedger;
  readonly audit: AuditService;
  readonly journeys: JourneysService;
  readonly work: JourneyWork;

  private readonly tables: unknown[][] = [];

  constructor(options: { now: string; journey?: Partial<JourneyRef>; actor?: Partial<Actor> }) {
    this.clock = new FixedClock(new Date(options.now));
    this.actor = { ...WORKER, ...options.actor };
    this.journey = journeyRef(options.journey);
    this.transactions = { run: (work: (tx: EntityManager) => Promise<unknown>) => this.inTransaction(work) } as unknown as TransactionRunner;
    this.ledger = {
      lock: async (_tx: EntityManager, _actor: Actor, journeyId: string, expectedVersion?: number) => {
        if (journeyId !== this.journey.id) throw notFound('The journey');
        if (expectedVersion !== undefined && expectedVersion !== this.journey.version) {
          throw CommonError.of('CONFLICT', 'The journey was changed by someone else; reload it and try again', { expectedVersion });
        }
        return this.journey;
      },
      record: async (_tx: EntityManager, _actor: Actor, _journey: JourneyRef, events: readonly NewJourneyEvent[], changes: JourneyChanges = {}) => {
        this.recorded.push({ events: [...events], changes });
        const latest = Math.max(this.journey.lastEventAt.getTime(), ...events.map((event) => event.occurredAt.getTime()));
        this.journey = { ...this.journey, ...refChanges(changes), version: this.journey.version + 1, lastEventAt: new Date(latest) };
        const change: RecordedChange = {
          journey: this.journey as unknown as Journey,
          events: events.map((event, index) => ({ id: `event-${this.recorded.length}-${index}`, type: event.type, occurredAt: event.occurredAt, receivedAt: event.receivedAt ?? null, payload: event.payload as Record<string, unknown> })),
          opened: [],
          changed: this.changedDuties,
          unmatched: [],
        };
        return change;
      },
      hasEvent: async (_tx: EntityManager, journeyId: string, type: JourneyEventType) =>
        journeyId === this.journey.id && (this.history.includes(type) || this.events.some((event) => event.type === type)),
    } as unknown as JourneyLedger;
    this.audit = {
      record: async (_tx: EntityManager, _actor: Actor | null, records: AuditRecord | AuditRecord[]) => {
        this.audits.push(...(Array.isArray(records) ? records : [records]));
      },
    } as unknown as AuditService;
    this.journeys = {
      readInScope: (_actor: Actor, journeyId: string, what: string, read: (tx: EntityManager, journey: Journey) => Promise<unknown>) =>
        this.inTransaction(async (tx) => {
          if (journeyId !== this.journey.id) throw notFound('The journey');
          this.reads.push(what);
          return read(tx, this.journey as unknown as Journey);
        }),
      view: async (_tx: EntityManager, journey: Journey) => ({ id: journey.id, stage: journey.stage, version: journey.version }) as unknown as JourneyResponse,
      hasOtherOpenJourney: async () => this.otherOpenJourney,
    } as unknown as JourneysService;
    this.work = new JourneyWork(this.transactions, this.ledger, this.journeys, this.clock);
  }

  /** An array of rows that rolls back with the frame when a command throws. */
  table<T extends object>(rows: T[] = []): T[] {
    this.tables.push(rows);
    return rows;
  }

  /** Every event recorded, in order. */
  get events(): NewJourneyEvent[] {
    return this.recorded.flatMap((entry) => entry.events);
  }

  eventTypes(): string[] {
    return this.events.map((event) => event.type);
  }

  /** Every recorded event's payload, untyped, to read a field of. */
  payloads(): Array<Record<string, unknown>> {
    return this.events.map((event) => event.payload as Record<string, unknown>);
  }

  private async inTransaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const saved = {
      journey: this.journey,
      recorded: this.recorded.length,
      audits: this.audits.length,
      reads: this.reads.length,
      tables: this.tables.map((rows) => rows.map((row) => ({ ...(row as object) }))),
    };
    try {
      return await work(TX);
    } catch (error) {
      this.journey = saved.journey;
      this.recorded.length = saved.recorded;
      this.audits.length = saved.audits;
      this.reads.length = saved.reads;
      this.tables.forEach((rows, index) => rows.splice(0, rows.length, ...saved.tables[index]));
      throw error;
    }
  }
}

/** The transaction the fakes hand around: services pass it on and never look inside. */
export const TX = Object.freeze({}) as EntityManager;

export const WORKER: Actor = {
  userId: '11111111-1111-4111-8111-111111111111',
  roles: ['caseworker'],
  organisationId: '22222222-2222-4222-8222-222222222222',
  areaIds: ['33333333-3333-4333-8333-333333333333'],
  requestId: 'spec',
  accessReason: null,
  sessionFamilyId: null,
};

export function journeyRef(overrides: Partial<JourneyRef> = {}): JourneyRef {
  return {
    id: '44444444-4444-4444-8444-444444444444',
    areaId: WORKER.areaIds[0]!,
    reference: 'VJ-2026-000001',
    crimeId: '55555555-5555-4555-8555-555555555555',
    personId: '66666666-6666-4666-8666-666666666666',
    stage: 'referred',
    version: 1,
    lastEventAt: new Date('2026-03-02T09:00:00Z'),
    referredAt: new Date('2026-03-02T09:00:00Z'),
    optedOutOf: [],
    firstContactedAt: null,
    unsuccessfulContactAttempts: 0,
    unableToContactAt: null,
    supportStartedAt: null,
    ...overrides,
  };
}

/** The journey's columns a command changed that other modules see on a JourneyRef. */
function refChanges(changes: JourneyChanges): Partial<JourneyRef> {
  const ref: Partial<JourneyRef> = {};
  if (changes.stage !== undefined) ref.stage = changes.stage;
  if (changes.firstContactedAt !== undefined) ref.firstContactedAt = changes.firstContactedAt;
  if (changes.unsuccessfulContactAttempts !== undefined) ref.unsuccessfulContactAttempts = changes.unsuccessfulContactAttempts;
  if (changes.unableToContactAt !== undefined) ref.unableToContactAt = changes.unableToContactAt;
  if (changes.supportStartedAt !== undefined) ref.supportStartedAt = changes.supportStartedAt;
  return ref;
}

/** Runs `work` and answers the DomainError it threw, for `expect(...).toMatchObject({ code })`. */
export async function refusal(work: () => Promise<unknown>): Promise<{ code: string; status: number; extensions: Record<string, unknown> }> {
  try {
    await work();
  } catch (error) {
    return error as { code: string; status: number; extensions: Record<string, unknown> };
  }
  throw new Error('expected the command to be refused');
}

/** The row at `expectedVersion`, its version moved on; else a 409 (or 404), as updateVersioned answers. */
export function versioned<T extends { id: string; version: number }>(rows: T[], id: string, expectedVersion: number, what: string): T {
  const row = rows.find((candidate) => candidate.id === id);
  if (!row) throw notFound(what);
  if (row.version !== expectedVersion) throw CommonError.of('CONFLICT', `${what} was changed by someone else; reload it and try again`, { expectedVersion });
  row.version += 1;
  return row;
}
