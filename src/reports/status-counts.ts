import { type FigureTable, type ShownCount, type ShownFigures, percent } from './disclosure/figure-table.js';

/** Where duties due in a period stand as at the report's instant. */
export interface StatusCounts {
  met: number;
  metLate: number;
  breached: number;
  open: number;
  withdrawn: number;
}

export const STATUS_KEYS = ['met', 'metLate', 'breached', 'open', 'withdrawn'] as const;
export type StatusKey = (typeof STATUS_KEYS)[number];
export type StatusColumn = 'due' | StatusKey;
export const STATUS_COLUMNS: readonly StatusColumn[] = ['due', ...STATUS_KEYS];

export function noStatusCounts(): StatusCounts {
  return { met: 0, metLate: 0, breached: 0, open: 0, withdrawn: 0 };
}

export function addStatusCounts(into: StatusCounts, from: StatusCounts): void {
  // Written out: a report adds thousands of blocks, and a loop over the keys is a keyed (slow) access each time.
  into.met += from.met;
  into.metLate += from.metLate;
  into.breached += from.breached;
  into.open += from.open;
  into.withdrawn += from.withdrawn;
}

export function dueOf(counts: StatusCounts): number {
  return counts.met + counts.metLate + counts.breached + counts.open + counts.withdrawn;
}

/** A block's counts in the figure table under `${prefix}|<column>`, related: due = met + metLate + breached + open + withdrawn. */
export function countStatusBlock(figures: FigureTable, prefix: string, counts: StatusCounts): void {
  const due = figures.count(`${prefix}|due`, dueOf(counts));
  figures.relate(due, STATUS_KEYS.map((key) => figures.count(`${prefix}|${key}`, counts[key])));
}

/** Relates each column of a block to the same column of its parts (a right to its rules, a whole period to its months). */
export function relateStatusBlocks(figures: FigureTable, total: string, parts: readonly string[]): void {
  figures.relateColumns(total, parts, STATUS_COLUMNS);
}

export interface ShownStatusBlock {
  due: ShownCount;
  met: ShownCount;
  metLate: ShownCount;
  breached: ShownCount;
  open: ShownCount;
  withdrawn: ShownCount;
  onTimePercent: number | null;
}

/** A block as shown; on time = met / (met + met late + breached), from shown counts only. */
export function showStatusBlock(shown: ShownFigures, prefix: string, counts: StatusCounts): ShownStatusBlock {
  const met = shown.show(`${prefix}|met`);
  const metLate = shown.show(`${prefix}|metLate`);
  const breached = shown.show(`${prefix}|breached`);
  return {
    due: shown.show(`${prefix}|due`),
    met,
    metLate,
    breached,
    open: shown.show(`${prefix}|open`),
    withdrawn: shown.show(`${prefix}|withdrawn`),
    onTimePercent: shown.percentOver(met, met + metLate + breached),
  };
}
