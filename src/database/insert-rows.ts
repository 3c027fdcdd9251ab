import type { EntityManager } from 'typeorm';

/** Postgres allows 65535 bind parameters per statement. */
const MAX_PARAMETERS = 60_000;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * The one way to insert many rows: multi-row INSERTs in chunks under Postgres's parameter
 * limit, so a bulk import costs a few statements per thousand rows, not one per row.
 * `columns` are snake_case names; each row gives their values in that order. Values that
 * need a cast (jsonb, arrays) are passed already serialised and cast by `casts`.
 */
export async function insertRows<Returned = never>(
  tx: EntityManager,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  options: { casts?: Record<string, string>; returning?: readonly string[]; onConflict?: string } = {},
): Promise<Returned[]> {
  for (const name of [table, ...columns, ...(options.returning ?? [])]) {
    if (!IDENTIFIER.test(name)) throw new Error(`Unsafe identifier ${name}`);
  }
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const returned: Returned[] = [];
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      if (row.length !== columns.length) throw new Error(`${table}: a row has ${row.length} values for ${columns.length} columns`);
      const placeholders = row.map((value, index) => {
        values.push(value);
        const cast = options.casts?.[columns[index]];
        return cast ? `$${values.length}::${cast}` : `$${values.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const returning = options.returning?.length ? ` RETURNING ${options.returning.join(', ')}` : '';
    const conflict = options.onConflict ? ` ${options.onConflict}` : '';
    const result = await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}${conflict}${returning}`, values);
    if (options.returning?.length) returned.push(...(result as Returned[]));
  }
  return returned;
}
