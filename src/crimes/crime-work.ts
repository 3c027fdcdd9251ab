import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { notFound } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { IdempotencyStore } from '../idempotency/idempotency.store.js';
import type { CrimeRef } from './crime-ref.js';
import type { JourneyRef } from '../journeys/journey-ref.js';
import { JourneyLedger, type JourneyChanges, type RecordedChange } from '../journeys/journey-ledger.js';
import type { NewJourneyEvent } from '../journeys/journey-events.js';
import { CrimesRepository } from './crimes.repository.js';

/** A partner system's retry key for a create, with what identifies the request it was first used for. */
export interface PartnerRetry {
  key: string;
  operation: string;
  body: unknown;
}

export interface CrimeAnswer<T> {
  body: T;
  /** The answer was stored by an earlier call with the same Idempotency-Key. */
  replayed: boolean;
}

/** The retry identity of a call: none when the caller sent no Idempotency-Key. */
export function partnerRetry(key: string | null, operation: string, body: unknown): PartnerRetry | null {
  return key ? { key, operation, body } : null;
}

/** What a crime-level command adds to one journey on the crime; nothing when it does not concern it. */
export type JourneyEntry = { events: readonly NewJourneyEvent[]; changes?: JourneyChanges } | null;

/**
 * The frame of every command and read about a crime rather than one journey: police and
 * CPS decisions, defendants, hearings, verdicts. A command runs in one transaction with
 * the crime locked (out of the caller's scope: 404, audited); what happened is then told
 * to every journey on the crime through the JourneyLedger, so each victim and witness gets
 * the event on their timeline and the Code duties it opens.
 *
 * Journeys whose support has closed are told too: the Code's rights to information (a
 * charge, a hearing, the outcome) belong to the victim, not to the support service, and
 * do not end when support does.
 */
@Injectable()
export class CrimeWork {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly crimes: CrimesRepository,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyStore,
  ) {}

  command<T>(actor: Actor, crimeId: string, work: (tx: EntityManager, crime: CrimeRef) => Promise<T>): Promise<T> {
    return this.transactions.run(async (tx) => {
      const crime = await this.crimes.lockInScope(tx, AccessScope.of(actor), crimeId);
      if (!crime) {
        // The command's transaction will roll back: the denial is audited on its own.
        await this.transactions.run((own) => this.audit.record(own, actor, { action: 'access_denied', entityType: 'crime', entityId: crimeId }));
        throw notFound('The crime');
      }
      return work(tx, crime);
    });
  }

  /**
   * A command a police, CPS or court feed may retry (RELIABILITY.md): with a retry key, the
   * first answer is stored in the command's own transaction and a retry with the same key
   * and body gets it back. Claimed after the crime is locked, so a racing retry waits for
   * the first to commit and then replays it.
   */
  commandOnce<T>(actor: Actor, crimeId: string, retry: PartnerRetry | null, work: (tx: EntityManager, crime: CrimeRef) => Promise<T>, statusCode = 201): Promise<CrimeAnswer<T>> {
    return this.command(actor, crimeId, async (tx, crime) => {
      if (retry) {
        const earlier = await this.idempotency.claim(tx, actor.userId, retry.key, retry.operation, retry.body);
        if (earlier) return { body: earlier.body as T, replayed: true };
      }
      const body = await work(tx, crime);
      if (retry) await this.idempotency.complete(tx, actor.userId, retry.key, { statusCode, body });
      return { body, replayed: false };
    });
  }

  /** A read of the crime's records, audited as a read of the crime naming `what`; another area's crime is not found. */
  async read<T>(actor: Actor, crimeId: string, what: string, work: (tx: EntityManager, crime: CrimeRef) => Promise<T>): Promise<T> {
    const result = await this.transactions.run(async (tx) => {
      const crime = await this.crimes.findInScope(tx, AccessScope.of(actor), crimeId);
      if (!crime) {
        await this.audit.record(tx, actor, { action: 'access_denied', entityType: 'crime', entityId: crimeId });
        return { found: false as const };
      }
      const value = await work(tx, crime);
      await this.audit.record(tx, actor, { action: 'read', entityType: 'crime', entityId: crime.id, areaId: crime.areaId, details: { what } });
      return { found: true as const, value };
    });
    if (!result.found) throw notFound('The crime');
    return result.value;
  }

  /**
   * Tells every journey on the crime what happened, each locked in id order (so two
   * commands on one crime can never deadlock) and changed through the ledger.
   */
  async recordOnJourneys(tx: EntityManager, actor: Actor, crime: CrimeRef, entryFor: (journey: JourneyRef) => JourneyEntry): Promise<RecordedChange[]> {
    const changes: RecordedChange[] = [];
    for (const journey of await this.lockJourneys(tx, actor, crime)) {
      const entry = entryFor(journey);
      if (!entry || entry.events.length === 0) continue;
      changes.push(await this.ledger.record(tx, actor, journey, entry.events, entry.changes));
    }
    return changes;
  }

  /** Every journey on the crime, locked for the rest of the transaction. */
  async lockJourneys(tx: EntityManager, actor: Actor, crime: CrimeRef): Promise<JourneyRef[]> {
    const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM journeys WHERE crime_id = $1 ORDER BY id`, [crime.id]);
    const journeys: JourneyRef[] = [];
    for (const { id } of rows) journeys.push(await this.ledger.lock(tx, actor, id));
    return journeys;
  }
}
