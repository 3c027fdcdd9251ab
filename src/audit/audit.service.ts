import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { canonicalJson } from '../app/canonical-json.js';
import { Clock } from '../app/clock.js';
import { insertRows } from '../database/insert-rows.js';
import { beforeCommit } from '../database/transaction.js';
import type { AuditAction } from './entities/audit-entry.entity.js';

export interface AuditRecord {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  areaId?: string | null;
  /** Ids, counts and field names only; never values of personal data. */
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Serialises writers of the chain; held until the writing transaction commits. */
const AUDIT_CHAIN_LOCK = 724_301;

export interface ChainedFields {
  seq: string;
  at: Date;
  actorUserId: string | null;
  actorRole: string | null;
  actorOrganisationId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  areaId: string | null;
  requestId: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

export function chainHash(prevHash: string, row: ChainedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(row)).digest('hex');
}

interface PendingRecord {
  actor: Actor | null;
  record: AuditRecord;
  at: Date;
}

/**
 * Writes the append-only, hash-chained audit log inside the caller's transaction, so an
 * audited read or write and its audit row commit together (and a failed audit fails the
 * request: no unaudited access to personal data).
 *
 * The chain needs one writer at a time (an advisory lock held until commit). So that a
 * long transaction (a CSV import of 100,000 referrals) does not make every other audited
 * request wait for its whole length, records made in a TransactionRunner transaction are
 * kept until just before it commits and written then: the lock is held for the last
 * statement and the commit only.
 */
@Injectable()
export class AuditService {
  private readonly pending = new WeakMap<EntityManager, PendingRecord[]>();

  constructor(private readonly clock: Clock) {}

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

  private async write(tx: EntityManager, entries: readonly PendingRecord[]): Promise<void> {
    if (entries.length === 0) return;
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const last: Array<{ hash: string }> = await tx.query('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    let prevHash = last[0]?.hash ?? GENESIS_HASH;
    const seqs: Array<{ seq: string }> = await tx.query(
      `SELECT nextval(pg_get_serial_sequence('audit_log', 'seq'))::text AS seq FROM generate_series(1, $1)`,
      [entries.length],
    );
    const rows = entries.map(({ actor, record, at }, index) => {
      const row: ChainedFields = {
        seq: seqs[index].seq,
        at,
        actorUserId: actor?.userId ?? null,
        actorRole: actor ? actor.roles.join(',') || 'system' : null,
        actorOrganisationId: actor?.organisationId ?? null,
        action: record.action,
        entityType: record.entityType,
        entityId: record.entityId ?? null,
        areaId: record.areaId ?? null,
        requestId: actor?.requestId ?? null,
        reason: actor?.accessReason ?? null,
        details: record.details ?? {},
      };
      const hash = chainHash(prevHash, row);
      const values = [
        row.seq, row.at, row.actorUserId, row.actorRole, row.actorOrganisationId, row.action, row.entityType,
        row.entityId, row.areaId, row.requestId, row.reason, JSON.stringify(row.details), prevHash, hash,
      ];
      prevHash = hash;
      return values;
    });
    await insertRows(
      tx,
      'audit_log',
      ['seq', 'at', 'actor_user_id', 'actor_role', 'actor_organisation_id', 'action', 'entity_type',
        'entity_id', 'area_id', 'request_id', 'reason', 'details', 'prev_hash', 'hash'],
      rows,
      { casts: { details: 'jsonb' } },
    );
  }
}
