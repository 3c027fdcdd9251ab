import type { EntityManager } from 'typeorm';
import { CommonError, notFound } from '../app/common.errors.js';

/**
 * Optimistic locking that really guards the write: `UPDATE ... WHERE id = $1 AND version = $2`.
 * (TypeORM's @VersionColumn only bumps the number; typeorm#2848.) One row changed or a 409.
 */
export async function updateVersioned(
  tx: EntityManager,
  options: {
    table: string;
    id: string;
    expectedVersion: number;
    /** Column name (snake_case) to new value. */
    changes: Record<string, unknown>;
    what: string;
  },
): Promise<number> {
  const columns = Object.keys(options.changes);
  for (const column of columns) {
    if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`Unsafe column name ${column}`);
  }
  if (!/^[a-z_][a-z0-9_]*$/.test(options.table)) throw new Error(`Unsafe table name ${options.table}`);
  const assignments = columns.map((column, index) => `"${column}" = $${index + 3}`);
  const sql = `UPDATE "${options.table}" SET ${[...assignments, 'version = version + 1', 'updated_at = now()'].join(', ')}
               WHERE id = $1 AND version = $2 RETURNING version`;
  // TypeORM answers an UPDATE with [rows, rowCount].
  const [rows]: [Array<{ version: number }>, number] = await tx.query(sql, [
    options.id,
    options.expectedVersion,
    ...Object.values(options.changes),
  ]);
  if (rows.length === 1) return rows[0].version;
  const exists: unknown[] = await tx.query(`SELECT 1 FROM "${options.table}" WHERE id = $1`, [options.id]);
  if (exists.length === 0) throw notFound(options.what);
  throw CommonError.of('CONFLICT', `${options.what} was changed by someone else; reload it and try again`, {
    expectedVersion: options.expectedVersion,
  });
}
