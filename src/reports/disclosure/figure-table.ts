import { cellKeyOf, PERTURBATION_TABLE_VERSION, perturb } from './cell-key.js';

/** What a reader sees of a count: a number (perturbed by the cell key method unless the control is off). */
export type ShownCount = number;

/** `total` is the sum of `parts`: true of the counts, not (in general) of the perturbed counts shown. */
export interface Relation {
  readonly total: string;
  readonly parts: readonly string[];
}

/** The smallest protected base a percentage, mean or median is computed over. */
export const MINIMUM_BASE = 10;

/** How a report's counts are protected. */
export type DisclosureMethod = 'cell-key' | 'none';

/** What every answer says of how its figures were protected. */
export interface DisclosureNote {
  method: DisclosureMethod;
  tableVersion: string | null;
  minimumBase: number;
  notice: string;
}

export function disclosureNoteOf(method: DisclosureMethod): DisclosureNote {
  return method === 'cell-key'
    ? {
        method,
        tableVersion: PERTURBATION_TABLE_VERSION,
        minimumBase: MINIMUM_BASE,
        notice:
          'Every count is perturbed by the cell key method (a count of 1 to 4 is shown as 0, a 5 sometimes too; others move by at most 2); the same records always give the same figure. ' +
          'Totals are protected independently; rows may not add up. Percentages, means and medians are computed from protected counts, and are null below the minimum base.',
      }
    : { method, tableVersion: null, minimumBase: 1, notice: 'Exact figures: disclosure control is off (REPORTS_DISCLOSURE_CONTROL=none; never in production).' };
}

/**
 * How a report's figure table is protected:
 * - `cellKey(keys)`: each cell shown as perturb(count, its cell key); `keys` holds each
 *   cell's sum of record keys, worked out by building the report once over its rows' key
 *   columns (see `protectedBuild`);
 * - `recording()`: that first build: the "counts" are key sums, its table taken whole as the
 *   keys (`recorded`) when it is protected;
 * - `none()`: exact (tests comparing figures with SQL; refused in production).
 */
export class CellProtection {
  private constructor(
    readonly method: DisclosureMethod,
    readonly minimumBase: number,
    private readonly keys: ReadonlyMap<string, number> | null,
    readonly isRecording: boolean,
  ) {}

  /** The key pass's table, once protected: each cell's sum of record keys. */
  private keySums: ReadonlyMap<string, number> | null = null;

  static cellKey(keys: ReadonlyMap<string, number>): CellProtection {
    return new CellProtection('cell-key', MINIMUM_BASE, keys, false);
  }

  static recording(): CellProtection {
    return new CellProtection('cell-key', MINIMUM_BASE, null, true);
  }

  static none(): CellProtection {
    return new CellProtection('none', 1, null, false);
  }

  /** The key pass: its table's cells, which are the cells' key sums. */
  record(cells: ReadonlyMap<string, number>): void {
    this.keySums = cells;
  }

  /** What the key pass recorded (nothing if it never protected a table). */
  recorded(): ReadonlyMap<string, number> {
    return this.keySums ?? new Map();
  }

  /** The count as shown. */
  shown(cell: string, count: number): number {
    if (!this.keys) return count;
    // A cell the key build did not make (none should be: a spec checks) keys as an empty one.
    return perturb(count, cellKeyOf(this.keys.get(cell) ?? 0));
  }
}

/**
 * A report's counts and the additive relations between them, collected while the report
 * is built. The relations no longer drive any hiding: they say what a reader knows of the
 * true counts, for the attack harness (src/reports/disclosure/disclosure-attacks.ts).
 */
export class FigureTable {
  private readonly cells = new Map<string, number>();
  private readonly relations: Relation[] = [];
  /** Relations between blocks, column by column: kept as declared, spelled out only if read. */
  private readonly columnRelations: Array<{ total: string; parts: readonly string[]; columns: readonly string[] }> = [];

  /** Records a count under a key unique in the report; answers the key. */
  count(key: string, value: number): string {
    const before = this.cells.size;
    this.cells.set(key, value);
    // One look-up, not has() then set(): a report counts tens of thousands of cells.
    if (this.cells.size === before) throw new Error(`The report counts ${key} twice`);
    return key;
  }

  /** Counts `part`, a subset of the counted `total`, and what the total leaves out of it (`<part>~rest`, never shown). */
  subset(total: string, part: string, value: number): string {
    const whole = this.cells.get(total);
    if (whole === undefined) throw new Error(`${part} is not a subset of an uncounted ${total}`);
    this.count(part, value);
    this.relate(total, [part, this.count(restOf(part), whole - value)]);
    return part;
  }

  /** `total` is the sum of `parts` (each a key already counted). */
  relate(total: string, parts: readonly string[]): void {
    this.relations.push({ total, parts });
  }

  /** For each of `columns`, `${total}|<column>` is the sum of `${part}|<column>` over `parts`. */
  relateColumns(total: string, parts: readonly string[], columns: readonly string[]): void {
    if (parts.length > 0) this.columnRelations.push({ total, parts, columns });
  }

  /**
   * The table as shown. In the key pass (`CellProtection.recording`) this records every
   * cell's key and then throws `KeysRecorded`, which `protectedBuild` catches: the rest of a
   * report's build only shows figures, and is done once, in the pass that shows them.
   */
  protect(protection: CellProtection): ShownFigures {
    if (protection.isRecording) {
      protection.record(this.cells);
      throw new KeysRecorded();
    }
    // Every cell must be a count, shown or not (a subset's remainder is never shown, and
    // must not be negative); each is perturbed when it is shown.
    if (protection.method === 'cell-key') {
      for (const value of this.cells.values()) if (!Number.isInteger(value) || value < 0) throw new RangeError(`not a count: ${value}`);
    }
    const relations = () => [
      ...this.relations,
      ...this.columnRelations.flatMap(({ total, parts, columns }) => columns.map((column) => ({ total: `${total}|${column}`, parts: parts.map((part) => `${part}|${column}`) }))),
    ];
    return new ShownFigures(this.cells, relations, protection);
  }
}

/** The end of a report's key pass: thrown by `FigureTable.protect` once every cell's key is recorded. */
export class KeysRecorded extends Error {
  constructor() {
    super('every cell key is recorded');
    this.name = 'KeysRecorded';
  }
}

/** The key of what a subset's total leaves out of it: counted, never shown. */
export function restOf(part: string): string {
  return `${part}~rest`;
}

/** The counts as a reader may see them, and figures derived only from shown (protected) counts. */
export class ShownFigures {
  constructor(
    private readonly trueCounts: ReadonlyMap<string, number>,
    private readonly relationsOf: () => readonly Relation[],
    readonly protection: CellProtection,
  ) {}

  /** The relations declared between the true counts. */
  get relations(): readonly Relation[] {
    return this.relationsOf();
  }

  show(key: string): ShownCount {
    const count = this.trueCounts.get(key);
    if (count === undefined) throw new Error(`The report has no count ${key}`);
    return this.protection.shown(key, count);
  }

  /** Every cell as shown, and as it truly is: for the attack harness and specs, never for an answer. */
  cellsForAudit(): Array<{ key: string; shown: number; truth: number }> {
    return [...this.trueCounts].map(([key, truth]) => ({ key, truth, shown: this.protection.shown(key, truth) }));
  }

  private base(keys: readonly string[]): number | null {
    const base = keys.reduce((sum, key) => sum + this.show(key), 0);
    return this.isBase(base) ? base : null;
  }

  /** Whether a sum of shown counts is a protected base: at least the minimum, and not zero. */
  isBase(base: number): boolean {
    return base >= this.protection.minimumBase && base > 0;
  }

  /** part / (sum of `whole`), as a percentage, from the shown counts; null below the minimum base. */
  percentOf(part: string, whole: readonly string[]): number | null {
    const base = this.base(whole);
    return base === null ? null : this.percentOver(this.show(part), base);
  }

  /** A shown count over a base of shown counts, as a percentage; null below the minimum base. */
  percentOver(part: ShownCount, base: number): number | null {
    return this.isBase(base) ? Math.min(100, percent(part, base)!) : null;
  }

  /** sum / the shown count `of`; null below the minimum base. */
  meanOf(sum: number, of: string): number | null {
    const base = this.base([of]);
    return base === null ? null : mean(sum, base);
  }

  /** A figure over the records of `over` (a median, a percentile): null below the minimum base. */
  overBase(over: readonly string[], compute: () => number | null): number | null {
    return this.base(over) === null ? null : compute();
  }
}

/** A percentage to one decimal place; null without a base. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null;
}

/** A mean to two decimal places; null without a base. */
export function mean(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 100) / 100 : null;
}
