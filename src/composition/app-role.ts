import type { DataSource } from 'typeorm';
import { APPEND_ONLY_TABLES } from '../audit/audit-tables.js';

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The role a database URL logs in as. */
export function roleOf(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).username);
}

/**
 * What the app's role may do, granted by the owner after every migration run (so new tables
 * are covered): read and write the app's tables, except the append-only audit tables, which
 * it may only INSERT into and SELECT from. It owns nothing, so it cannot ALTER a table,
 * disable a trigger, TRUNCATE, or grant itself more; the migrations' own table is not its.
 */
export async function grantAppRole(dataSource: DataSource, appRole: string): Promise<void> {
  const role = quoteIdentifier(appRole);
  const appendOnly = APPEND_ONLY_TABLES.map(quoteIdentifier).join(', ');
  await dataSource.transaction(async (tx) => {
    await tx.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await tx.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await tx.query(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${role}`);
    await tx.query(`REVOKE UPDATE, DELETE ON ${appendOnly} FROM ${role}`);
    await tx.query(`REVOKE ALL ON schema_migrations FROM ${role}`);
    await tx.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
  });
}
