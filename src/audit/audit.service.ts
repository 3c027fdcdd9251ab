import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { insertRows } from '../database/insert-rows.js';
import { beforeCommit } from '../database/transaction.js';
import type { AuditAction } from './entities/audit-entry.entity.js';

export interface AuditRecord {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  areaId?: string | null;
  /** People the audited answer exposed, besides those found from the entity (see AuditSubjects). */
  personIds?: readonly string[];
  /**
   * `personIds` already names everyone the record exposes (the caller holds the journey), so
   * nothing is looked up: a round trip saved on the hottest paths, reads and referrals.
   */
  personIdsComplete?: boolean;
  /** Ids, counts and field names only; never values of personal data. */
  details?: Record<string, unknown>;
}

/**
 * Finds the people behind audit records that name something of theirs (a journey, a crime),
 * so that every row about a person's data carries the person's id, whichever module wrote
 * it. The journeys module provides it (audit sits below journeys and cannot read them).
 */
export interface AuditSubjects {
  peopleOf(tx: EntityManager, records: readonly AuditRecord[]): Promise<string[][]>;
}

interface PendingRecord {
  actor: Actor | null;
  record: AuditRecord;
  at: Date;
}

const COLUMNS = [
  'at', 'actor_user_id', 'actor_role', 'actor_organisation_id', 'action', 'entity_type', 'entity_id', 'area_id',
  'request_id', 'reason', 'person_ids', 'details',
] as const;

/**
 * Writes the audit log inside the caller's transaction, so an audited read or write and its
 * audit row commit together (and a failed audit fails the request: no unaudited access to
 * personal data). Nothing else happens on the request path: no lock, no read of the chain.
 * The worker's AuditSealer chains committed rows within seconds (docs/SECURITY.md).
 *
 * Records made in a TransactionRunner transaction are written just before it commits, in
 * one statement, so the rows' transaction is open for as short a time as possible after
 * they exist (the sealer waits for older transactions to end); a long one that has written
 * already may `flush` them sooner.
 */
@Injectable()
export class AuditService {
  private readonly pending = new WeakMap<EntityManager, PendingRecord[]>();
  private subjects: AuditSubjects | undefined;

  constructor(private readonly clock: Clock) {}

  /** Called once by the module that can find a record's people (journeys). */
  findPeopleWith(subjects: AuditSubjects): void {
    this.subjects = subjects;
  }

  async record(tx: EntityManager, actor: Actor | null, records: AuditRecord | AuditRecord[]): Promise<void> {
    const list = Array.isArray(records) ? records : [records];
    if (list.length === 0) return;
    const at = this.clock.now();
    const entries = list.map((record) => ({ actor, record, at }));
    const pending = this.pending.get(tx);
    if (pending) {
      pending.push(...entries);
      return;
    }
    const deferred = beforeCommit(tx, async () => {
      const all = this.pending.get(tx) ?? [];
      this.pending.delete(tx);
      await this.write(tx, all);
    });
    if (deferred) this.pending.set(tx, entries);
    else await this.write(tx, entries);
  }

  /**
   * Writes the records `tx` holds for its commit now, in the order they were made. For a
   * long transaction that has written already (a CSV import, between chunks): its xid is
   * taken, so the sealer waits for it either way, and 100,000 rows' records held until
   * commit would only hold the worker's memory (issue 20).
   */
  async flush(tx: EntityManager): Promise<void> {
    const pending = this.pending.get(tx);
    if (!pending?.length) return;
    this.pending.set(tx, []);
    await this.write(tx, pending);
  }

  private async write(tx: EntityManager, entries: readonly PendingRecord[]): Promise<void> {
    if (entries.length === 0) return;
    const lookUp = entries.filter((entry) => !entry.record.personIdsComplete);
    const lookedUp = this.subjects && lookUp.length ? await this.subjects.peopleOf(tx, lookUp.map((entry) => entry.record)) : [];
    const found = entries.map((entry) => (entry.record.personIdsComplete ? [] : (lookedUp[lookUp.indexOf(entry)] ?? [])));
    const rows = entries.map(({ actor, record, at }, index) => {
      const people = new Set([...(record.personIds ?? []), ...(found[index] ?? [])]);
      if (record.entityType === 'person' && record.entityId) people.add(record.entityId);
      return [
        at,
        actor?.userId ?? null,
        actor ? actor.roles.join(',') || 'system' : null,
        actor?.organisationId ?? null,
        record.action,
        record.entityType,
        record.entityId ?? null,
        record.areaId ?? null,
        actor?.requestId ?? null,
        actor?.accessReason ?? null,
        [...people].sort(),
        JSON.stringify(record.details ?? {}),
      ];
    });
    await insertRows(tx, 'audit_log', COLUMNS, rows, { casts: { details: 'jsonb', person_ids: 'uuid[]' } });
  }
}
