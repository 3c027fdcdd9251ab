import type { EntityManager } from 'typeorm';
import type { Actor } from '../../src/access/actor.js';
import { notFound } from '../../src/app/common.errors.js';
import type { CrimeRef } from '../../src/crimes/crime-ref.js';
import type { CrimeAnswer, CrimeWork, JourneyEntry, PartnerRetry } from '../../src/crimes/crime-work.js';
import type { Journey } from '../../src/journeys/entities/journey.entity.js';
import type { RecordedChange } from '../../src/journeys/journey-ledger.js';
import type { NewJourneyEvent } from '../../src/journeys/journey-events.js';
import type { JourneyRef } from '../../src/journeys/journey-ref.js';
import { JourneyFrame, journeyRef, WORKER } from './journey-frame.fake.js';

/** What a crime-level command told one journey on the crime. */
export interface Told {
  journeyId: string;
  events: NewJourneyEvent[];
}

/**
 * A crime, the journeys on it and the frame crime-level commands run in (CrimeWork), in
 * memory, over a JourneyFrame (its transaction, rollback, audit and clock). The frame's own
 * journey is the first on the crime and goes through its ledger; `otherJourneys` are told
 * too. A partner's retry with a key already used gets the first answer back, as
 * IdempotencyStore does. The integration tests keep the SQL, locking and scoping covered.
 */
export class CrimeFrame extends JourneyFrame {
  crime: CrimeRef;
  /** More journeys on the crime, besides the frame's own. */
  otherJourneys: JourneyRef[] = [];
  /** Every journey a command told, in order; rolled back with a refused command. */
  readonly told: Told[] = this.table<Told>();
  readonly crimeWork: CrimeWork;
  private readonly answers: Array<{ key: string; body: unknown }> = this.table();

  constructor(options: { now: string; journey?: Partial<JourneyRef>; actor?: Partial<Actor>; crime?: Partial<CrimeRef> }) {
    super(options);
    this.crime = crimeRef({ id: this.journey.crimeId, areaId: this.journey.areaId, ...options.crime });
    const command = <T>(actor: Actor, crimeId: string, work: (tx: EntityManager, crime: CrimeRef) => Promise<T>): Promise<T> =>
      this.transactions.run(async (tx) => {
        if (!this.inScope(actor, crimeId)) throw notFound('The crime');
        return work(tx, this.crime);
      });
    this.crimeWork = {
      command,
      commandOnce: <T>(actor: Actor, crimeId: string, retry: PartnerRetry | null, work: (tx: EntityManager, crime: CrimeRef) => Promise<T>): Promise<CrimeAnswer<T>> =>
        command(actor, crimeId, async (tx, crime) => {
          const key = retry ? `${actor.userId}|${retry.key}` : null;
          const earlier = key ? this.answers.find((answer) => answer.key === key) : undefined;
          if (earlier) return { body: earlier.body as T, replayed: true };
          const body = await work(tx, crime);
          if (key) this.answers.push({ key, body });
          return { body, replayed: false };
        }),
      read: <T>(actor: Actor, crimeId: string, what: string, work: (tx: EntityManager, crime: CrimeRef) => Promise<T>): Promise<T> =>
        this.transactions.run(async (tx) => {
          if (!this.inScope(actor, crimeId)) throw notFound('The crime');
          const value = await work(tx, this.crime);
          await this.audit.record(tx, actor, { action: 'read', entityType: 'crime', entityId: this.crime.id, areaId: this.crime.areaId, details: { what } });
          return value;
        }),
      recordOnJourneys: (tx: EntityManager, actor: Actor, _crime: CrimeRef, entryFor: (journey: JourneyRef) => JourneyEntry) => this.recordOnJourneys(tx, actor, entryFor),
      lockJourneys: async () => this.journeysOnCrime(),
    } as unknown as CrimeWork;
  }

  /** The journeys on the crime, in id order as CrimeWork locks them. */
  journeysOnCrime(): JourneyRef[] {
    return [this.journey, ...this.otherJourneys].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Types of the events told to one journey, in order. */
  toldTo(journeyId: string): string[] {
    return this.told.filter((entry) => entry.journeyId === journeyId).flatMap((entry) => entry.events.map((event) => event.type));
  }

  private async recordOnJourneys(tx: EntityManager, actor: Actor, entryFor: (journey: JourneyRef) => JourneyEntry): Promise<RecordedChange[]> {
    const changes: RecordedChange[] = [];
    for (const journey of this.journeysOnCrime()) {
      const entry = entryFor(journey);
      if (!entry || entry.events.length === 0) continue;
      this.told.push({ journeyId: journey.id, events: [...entry.events] });
      if (journey.id === this.journey.id) {
        changes.push(await this.ledger.record(tx, actor, journey, entry.events, entry.changes));
      } else {
        const events = entry.events.map((event, index) => ({ id: `event-${journey.id}-${index}`, type: event.type, occurredAt: event.occurredAt, receivedAt: event.receivedAt ?? null, payload: event.payload as Record<string, unknown> }));
        changes.push({ journey: { ...journey, version: journey.version + 1 } as unknown as Journey, events, opened: [], changed: [], unmatched: [] } as RecordedChange);
      }
    }
    return changes;
  }

  private inScope(actor: Actor, crimeId: string): boolean {
    return crimeId === this.crime.id && actor.areaIds.includes(this.crime.areaId);
  }
}

export function crimeRef(overrides: Partial<CrimeRef> = {}): CrimeRef {
  return {
    id: journeyRef().crimeId,
    areaId: WORKER.areaIds[0]!,
    crimeReference: 'CLE/26/012345',
    offenceCategory: 'other',
    offenceDate: '2026-02-27',
    reportedAt: new Date('2026-02-28T10:00:00Z'),
    ...overrides,
  };
}
