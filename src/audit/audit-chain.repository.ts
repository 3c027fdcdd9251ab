import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertRows } from '../database/insert-rows.js';
import type { SealedEntry, TreeHead } from './audit-chain.js';

/** An audit_log row as a leaf reads it, with the transaction that wrote it. */
export interface AuditRow extends Omit<SealedEntry, 'position'> {
  xactId: string;
}

export interface ChainLink {
  position: string;
  entrySeq: string;
  leafHash: string;
  chainHash: string;
}

/** The last sealed row: where the next seal goes on, and what the chain's head is. */
export interface ChainEnd extends ChainLink {
  xactId: string;
}

export interface StoredTreeHead extends TreeHead {
  signature: string;
}

/** A sealed link with the row it seals (null when the row is gone). */
export interface LinkWithRow extends ChainLink {
  row: AuditRow | null;
}

const HEAD_COLUMNS = `first_position::text AS "firstPosition", tree_size::text AS "treeSize", range_root AS "rangeRoot",
  chain_hash AS "chainHash", sealed_at AS "sealedAt", signature`;

/** One sealer at a time, whatever the number of workers: a transaction-scoped advisory lock. */
const SEALER_LOCK = 724_302;

const ROW_COLUMNS = `a.seq::text AS seq, a.at, a.actor_user_id AS "actorUserId", a.actor_role AS "actorRole",
  a.actor_organisation_id AS "actorOrganisationId", a.action, a.entity_type AS "entityType", a.entity_id AS "entityId",
  a.area_id AS "areaId", a.request_id AS "requestId", a.reason, a.person_ids::text[] AS "personIds", a.details,
  a.xact_id::text AS "xactId"`;

function toRow(raw: Record<string, unknown>): AuditRow {
  return {
    seq: raw.seq as string,
    at: raw.at as Date,
    actorUserId: raw.actorUserId as string | null,
    actorRole: raw.actorRole as string | null,
    actorOrganisationId: raw.actorOrganisationId as string | null,
    action: raw.action as string,
    entityType: raw.entityType as string,
    entityId: raw.entityId as string | null,
    areaId: raw.areaId as string | null,
    requestId: raw.requestId as string | null,
    reason: raw.reason as string | null,
    personIds: raw.personIds as string[],
    details: raw.details as Record<string, unknown>,
    xactId: raw.xactId as string,
  };
}

/** The sealed side of the audit log: audit_chain and audit_tree_heads, append-only like audit_log. */
@Injectable()
export class AuditChainRepository {
  async trySealerLock(tx: EntityManager): Promise<boolean> {
    const [row]: Array<{ locked: boolean }> = await tx.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [SEALER_LOCK]);
    return row.locked;
  }

  async end(tx: EntityManager): Promise<ChainEnd | null> {
    const [row]: ChainEnd[] = await tx.query(
      `SELECT c.position::text AS position, c.entry_seq::text AS "entrySeq", c.leaf_hash AS "leafHash", c.chain_hash AS "chainHash",
              a.xact_id::text AS "xactId"
         FROM audit_chain c JOIN audit_log a ON a.seq = c.entry_seq
        ORDER BY c.position DESC LIMIT 1`,
    );
    return row ?? null;
  }

  /**
   * Rows past the chain's end whose transactions are older than every transaction still
   * running (the snapshot's xmin), in (transaction, seq) order. Such rows are final: their
   * transaction committed (they are visible) or rolled back (they never will be), so sealing
   * them can neither skip a row nor wait for one. Rows of a transaction still running, or
   * younger than one, wait for the next seal.
   */
  async finalRowsAfter(tx: EntityManager, after: { xactId: string; seq: string } | null, limit: number): Promise<AuditRow[]> {
    const rows: Array<Record<string, unknown>> = after
      ? await tx.query(
          `SELECT ${ROW_COLUMNS} FROM audit_log a
            WHERE a.xact_id < pg_snapshot_xmin(pg_current_snapshot()) AND (a.xact_id, a.seq) > ($1::xid8, $2::bigint)
            ORDER BY a.xact_id, a.seq LIMIT $3`,
          [after.xactId, after.seq, limit],
        )
      : await tx.query(
          `SELECT ${ROW_COLUMNS} FROM audit_log a
            WHERE a.xact_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY a.xact_id, a.seq LIMIT $1`,
          [limit],
        );
    return rows.map(toRow);
  }

  async append(tx: EntityManager, links: readonly ChainLink[], head: StoredTreeHead): Promise<void> {
    await insertRows(
      tx,
      'audit_chain',
      ['position', 'entry_seq', 'leaf_hash', 'chain_hash', 'sealed_at'],
      links.map((link) => [link.position, link.entrySeq, link.leafHash, link.chainHash, head.sealedAt]),
    );
    await insertRows(
      tx,
      'audit_tree_heads',
      ['tree_size', 'first_position', 'range_root', 'chain_hash', 'sealed_at', 'signature'],
      [[head.treeSize, head.firstPosition, head.rangeRoot, head.chainHash, head.sealedAt, head.signature]],
    );
  }

  async latestHead(tx: EntityManager): Promise<StoredTreeHead | null> {
    const [head]: StoredTreeHead[] = await tx.query(
      `SELECT ${HEAD_COLUMNS} FROM audit_tree_heads ORDER BY tree_size DESC LIMIT 1`,
    );
    return head ?? null;
  }

  /** Sealed links after `afterPosition`, in position order, each with its row (or null if the row is gone). */
  async linksAfter(tx: EntityManager, afterPosition: string, limit: number): Promise<LinkWithRow[]> {
    const rows: Array<Record<string, unknown>> = await tx.query(
      `SELECT c.position::text AS position, c.entry_seq::text AS "entrySeq", c.leaf_hash AS "leafHash", c.chain_hash AS "chainHash",
              a.seq IS NOT NULL AS present, ${ROW_COLUMNS}
         FROM audit_chain c LEFT JOIN audit_log a ON a.seq = c.entry_seq
        WHERE c.position > $1::bigint
        ORDER BY c.position LIMIT $2`,
      [afterPosition, limit],
    );
    return rows.map((raw) => ({
      position: raw.position as string,
      entrySeq: raw.entrySeq as string,
      leafHash: raw.leafHash as string,
      chainHash: raw.chainHash as string,
      row: raw.present ? toRow(raw) : null,
    }));
  }

  async headsAfter(tx: EntityManager, afterTreeSize: string, limit: number): Promise<StoredTreeHead[]> {
    return tx.query(`SELECT ${HEAD_COLUMNS} FROM audit_tree_heads WHERE tree_size > $1::bigint ORDER BY tree_size LIMIT $2`, [afterTreeSize, limit]);
  }

  async chainHashAt(tx: EntityManager, position: string): Promise<string | null> {
    const [row]: Array<{ chainHash: string }> = await tx.query(`SELECT chain_hash AS "chainHash" FROM audit_chain WHERE position = $1::bigint`, [position]);
    return row?.chainHash ?? null;
  }

  /** Rows written after the chain's end: not sealed yet (the unsealed tail). */
  async countAfter(tx: EntityManager, end: { xactId: string; seq: string } | null): Promise<number> {
    const [row]: Array<{ n: number }> = end
      ? await tx.query(`SELECT count(*)::int AS n FROM audit_log WHERE (xact_id, seq) > ($1::xid8, $2::bigint)`, [end.xactId, end.seq])
      : await tx.query(`SELECT count(*)::int AS n FROM audit_log`);
    return row.n;
  }

  /**
   * Rows placed before the chain's end that the chain does not hold: written after the
   * fact with an old transaction id or seq (the app role can INSERT), never sealed.
   */
  async countBehindEndOutsideChain(tx: EntityManager, end: { xactId: string; seq: string }): Promise<number> {
    const [row]: Array<{ n: number }> = await tx.query(
      `SELECT count(*)::int AS n FROM audit_log a
        WHERE (a.xact_id, a.seq) <= ($1::xid8, $2::bigint)
          AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry_seq = a.seq)`,
      [end.xactId, end.seq],
    );
    return row.n;
  }
}
