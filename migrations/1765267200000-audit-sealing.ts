import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain off the hot path (issue 18). A request's transaction writes its audit rows
 * and nothing else: no global lock, no read of the last hash. The worker's sealer then
 * chains committed rows, in the order of their transaction ids, into `audit_chain` (a
 * gap-free `position` per row, HMAC-keyed chain hash) and signs a tree head over each sealed
 * range (`audit_tree_heads`, an RFC 9162 Merkle tree hash of the range's leaves). See
 * docs/SECURITY.md for why the gap-free order is assigned by the sealer, not the request.
 *
 * - `xact_id`: the writing transaction's id. Rows of transactions older than every running
 *   one (the snapshot's xmin) are final, committed or never there, so the sealer may seal
 *   them in (xact_id, seq) order without waiting on, or missing, anything.
 * - `person_ids`: every person the audited answer exposed (issue 18's "who saw this record").
 * - `prev_hash`/`hash` go: the unkeyed SHA-256 chain is replaced by the sealer's chain; rows
 *   written before this migration are sealed like any other, in seq order.
 */
export class AuditSealing1765267200000 implements MigrationInterface {
  name = 'AuditSealing1765267200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit_log ADD COLUMN person_ids uuid[] NOT NULL DEFAULT '{}'::uuid[]`);
    await db.query(`ALTER TABLE audit_log ADD COLUMN xact_id xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await db.query(`ALTER TABLE audit_log DROP COLUMN prev_hash, DROP COLUMN hash`);
    // "Who saw this person": rows naming the person, by time.
    await db.query(`CREATE INDEX audit_log_person_idx ON audit_log USING gin (person_ids)`);
    // The sealer's cursor and the verifier's unsealed tail.
    await db.query(`CREATE INDEX audit_log_xact_idx ON audit_log (xact_id, seq)`);

    await db.query(`
      CREATE TABLE audit_chain (
        position bigint PRIMARY KEY CONSTRAINT audit_chain_position_check CHECK (position > 0),
        -- No foreign key: its check locks the audit_log row (FOR KEY SHARE), which needs UPDATE
        -- on audit_log, held by nobody. Verification reports a sealed row that is gone.
        entry_seq bigint NOT NULL CONSTRAINT audit_chain_entry_key UNIQUE,
        leaf_hash text NOT NULL,
        chain_hash text NOT NULL,
        sealed_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE audit_tree_heads (
        tree_size bigint PRIMARY KEY,
        first_position bigint NOT NULL,
        range_root text NOT NULL,
        chain_hash text NOT NULL,
        sealed_at timestamptz NOT NULL,
        signature text NOT NULL,
        CONSTRAINT audit_tree_heads_range_check CHECK (first_position > 0 AND first_position <= tree_size)
      )`);
    for (const table of ['audit_chain', 'audit_tree_heads']) {
      await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
      await db.query(`
        CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
      await db.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_tree_heads`);
    await db.query(`DROP TABLE audit_chain`);
    await db.query(`DROP INDEX audit_log_xact_idx`);
    await db.query(`DROP INDEX audit_log_person_idx`);
    await db.query(`ALTER TABLE audit_log DROP COLUMN xact_id, DROP COLUMN person_ids`);
    // The old chain cannot be rebuilt (it was unkeyed over rows now sealed otherwise): the
    // columns come back empty-hashed, and verification of the old kind will fail.
    await db.query(`ALTER TABLE audit_log ADD COLUMN prev_hash text NOT NULL DEFAULT '', ADD COLUMN hash text NOT NULL DEFAULT ''`);
  }
}
