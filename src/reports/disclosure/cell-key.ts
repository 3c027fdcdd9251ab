/**
 * The cell key method (ABS TableBuilder; ONS, Census 2021 flexible tables), as the
 * commissioners' reports apply it. docs/reports.md ("Disclosure control") publishes the
 * table below and says why.
 *
 * - Every counted record (a duty, a journey, a hearing, a special measure...) carries a
 *   fixed random record key from 0 to KEY_RANGE - 1, drawn once when it is written
 *   (`record_key`, migration 1765353600000).
 * - A cell's key is the sum of its records' keys modulo KEY_RANGE: the same records always
 *   make the same cell key, whatever filters, areas or periods selected them.
 * - The perturbation table maps (count, cell key) to a small adjustment. The same cell
 *   always gets the same answer (asking again gains nothing), and two cells that differ by
 *   a few records have unrelated keys, so their difference is not the difference of the truth.
 *
 * Every cell is perturbed on its own, totals included (a total's key is its own records'):
 * rows need not add up to their totals, and no relation between shown cells is exact.
 */

/** Record keys run from 0 to KEY_RANGE - 1. */
export const KEY_RANGE = 256;

/** Published with the figures, so a reader can cite which table perturbed them. */
export const PERTURBATION_TABLE_VERSION = 'vjs-ckm-2';

/** One row of the perturbation table: a cell of `count` whose key is in [keyFrom, keyTo) is shown as count + adjustment. */
export interface PerturbationRow {
  /** The true count, or 'larger' for every count from LARGE_FROM up. */
  count: number | 'larger';
  keyFrom: number;
  keyTo: number;
  adjustment: number;
}

/** Counts from here up share one row set: at most ±2, most unchanged or ±1. */
export const LARGE_FROM = 7;

/** The smallest count ever shown as itself: smaller counts (1-4) always show as 0. */
export const SMALLEST_SHOWN = 5;

/**
 * The perturbation table. Zero stays zero, and so does every count of 1 to 4: a small
 * count is set to zero, as TableBuilder does, so no count is ever shown as 1 to 4. A count
 * of 5 shows as 0 one time in eight (so a shown 0 may be anything from 0 to 5, and a true 4
 * is never at the top of what a 0 may be), else as 5 to 7. From 5 up no count is ever shown
 * below 5. From 7 up: 59% unchanged, 37.5% ±1, 3% ±2.
 *
 * Why a true 1 to 4 is never shown as a number (vjs-ckm-1 showed them as 3 to 6): a shown
 * value is a range of possible counts, and the smallest count that can be shown as a value
 * sits at the bottom of that value's range. Were a 1 shown as 3 (range 1 to 5), one
 * relation capping it from above (all areas less the other areas) would pin it. Now every
 * true 1 to 4 is inside the range of what it is shown as (0: 0 to 5), never at an end, and
 * only relations binding it from both sides at once could pin it.
 */
export const PERTURBATION_TABLE: readonly PerturbationRow[] = [
  { count: 1, keyFrom: 0, keyTo: 256, adjustment: -1 },
  { count: 2, keyFrom: 0, keyTo: 256, adjustment: -2 },
  { count: 3, keyFrom: 0, keyTo: 256, adjustment: -3 },
  { count: 4, keyFrom: 0, keyTo: 256, adjustment: -4 },
  { count: 5, keyFrom: 0, keyTo: 32, adjustment: -5 },
  { count: 5, keyFrom: 32, keyTo: 176, adjustment: 0 },
  { count: 5, keyFrom: 176, keyTo: 240, adjustment: 1 },
  { count: 5, keyFrom: 240, keyTo: 256, adjustment: 2 },
  { count: 6, keyFrom: 0, keyTo: 52, adjustment: -1 },
  { count: 6, keyFrom: 52, keyTo: 204, adjustment: 0 },
  { count: 6, keyFrom: 204, keyTo: 252, adjustment: 1 },
  { count: 6, keyFrom: 252, keyTo: 256, adjustment: 2 },
  { count: 'larger', keyFrom: 0, keyTo: 4, adjustment: -2 },
  { count: 'larger', keyFrom: 4, keyTo: 52, adjustment: -1 },
  { count: 'larger', keyFrom: 52, keyTo: 204, adjustment: 0 },
  { count: 'larger', keyFrom: 204, keyTo: 252, adjustment: 1 },
  { count: 'larger', keyFrom: 252, keyTo: 256, adjustment: 2 },
];

/** A sum of record keys (or of cell keys) as a cell key: modulo KEY_RANGE, never negative. */
export function cellKeyOf(keySum: number): number {
  return ((keySum % KEY_RANGE) + KEY_RANGE) % KEY_RANGE;
}

/**
 * The table's adjustments by row (counts 1 to LARGE_FROM - 1, then every larger count) and
 * cell key, looked up once: a report perturbs tens of thousands of cells. A (count, key)
 * the table has no row for is NaN here, and refused by `perturb`.
 */
const ADJUSTMENTS: readonly Float64Array[] = Array.from({ length: LARGE_FROM + 1 }, (_, count) => {
  const adjustments = new Float64Array(KEY_RANGE).fill(Number.NaN);
  for (let key = 0; key < KEY_RANGE; key++) {
    const row = PERTURBATION_TABLE.find((entry) => (count === LARGE_FROM ? entry.count === 'larger' : entry.count === count) && key >= entry.keyFrom && key < entry.keyTo);
    if (row) adjustments[key] = row.adjustment;
  }
  return adjustments;
});

/** The count as shown: the perturbation table's adjustment for (count, cell key). */
export function perturb(count: number, cellKey: number): number {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`not a count: ${count}`);
  if (count === 0) return 0;
  const key = cellKeyOf(cellKey);
  const adjustment = ADJUSTMENTS[Math.min(count, LARGE_FROM)][key];
  if (Number.isNaN(adjustment)) throw new Error(`the perturbation table has no row for ${count} at key ${key}`);
  return count + adjustment;
}

/** Every value a count may be shown as. */
export function shownValuesOf(count: number): number[] {
  if (count === 0) return [0];
  const rows = PERTURBATION_TABLE.filter((entry) => entry.count === count || (entry.count === 'larger' && count >= LARGE_FROM));
  return [...new Set(rows.map((row) => count + row.adjustment))].sort((a, b) => a - b);
}

/**
 * What a reader who knows the table can say of a shown count: the true counts that could
 * have been shown so (shownValuesOf, turned round). Never a single value: 0 may be 0 to 5;
 * n from 5 up anything from max(5, n - 2) to n + 2. Nothing is ever shown as 1 to 4.
 */
export function possibleCountsOf(shown: number): { low: number; high: number } {
  if (shown === 0) return { low: 0, high: SMALLEST_SHOWN };
  if (!Number.isInteger(shown) || shown < SMALLEST_SHOWN) throw new RangeError(`the table never shows ${shown}`);
  return { low: Math.max(shown - 2, SMALLEST_SHOWN), high: shown + 2 };
}
