import { CellProtection, type DisclosureMethod, KeysRecorded } from './figure-table.js';

/** The suffix of a fact row's key column: `<count>_key` holds the sum of that count's record keys (mod 256). */
export const KEY_SUFFIX = '_key';

/**
 * The same fact rows with each count replaced by its key column (`met` by `met_key`), so
 * that a report built over them makes, in every cell, the sum of that cell's record keys
 * instead of its count. Works on a list of rows or an object of lists (one level deep).
 */
export function keyRowsOf<T>(rows: T): T {
  if (Array.isArray(rows)) {
    // The counts that have a key column, found once per list (every row of a list has the same columns).
    const first = rows[0] as Record<string, unknown> | undefined;
    const counts = first ? Object.keys(first).filter((column) => !column.endsWith(KEY_SUFFIX) && `${column}${KEY_SUFFIX}` in first) : [];
    const keyColumns = counts.map((column) => `${column}${KEY_SUFFIX}`);
    // A list without key columns (a compliance report's late days) is the same in both passes.
    if (counts.length === 0) return rows;
    return rows.map((row: Record<string, unknown>) => {
      const keyed: Record<string, unknown> = { ...row };
      for (let index = 0; index < counts.length; index++) {
        const key = row[keyColumns[index]];
        if (key !== undefined) keyed[counts[index]] = Number(key);
      }
      return keyed;
    }) as T;
  }
  if (rows !== null && typeof rows === 'object') {
    return Object.fromEntries(Object.entries(rows).map(([name, list]) => [name, Array.isArray(list) ? keyRowsOf(list) : list])) as T;
  }
  return rows;
}

/**
 * Builds a report protected by `method`. For the cell key method the report is built twice
 * from the same code: once over the key columns, which records each cell's sum of record
 * keys under the cell's name, then over the counts, each cell perturbed by its own key. So
 * every cell (a rule, a right, a total, a month, the whole period, an all-areas row) is
 * keyed by exactly its own records, however the report sums them, with no second copy of
 * any report's arithmetic to keep in step. The key pass stops when its table is protected:
 * what a report does after that (rendering its figures) needs no keys, so it is done once.
 */
export function protectedBuild<R, T>(method: DisclosureMethod, rows: R, build: (rows: R, protection: CellProtection) => T): T {
  if (method === 'none') return build(rows, CellProtection.none());
  const recording = CellProtection.recording();
  try {
    build(keyRowsOf(rows), recording);
  } catch (stopped) {
    // The key pass ends once the table is protected (FigureTable.protect): every cell's key is recorded.
    if (!(stopped instanceof KeysRecorded)) throw stopped;
  }
  return build(rows, CellProtection.cellKey(recording.recorded()));
}
