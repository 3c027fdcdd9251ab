import { type Relation, type SuppressionKind, suppressSmallNumbers } from './small-numbers.js';

/** The key of what a subset's total leaves out of it: counted so it can be suppressed, never shown. */
export function restOf(part: string): string {
  return `${part}~rest`;
}

/** What a reader sees of a count: the number, or a marker when it is hidden. */
export type ShownCount = number | string;

/** The marker of a count withheld so that a small one cannot be worked out (secondary suppression). */
export const WITHHELD = 'withheld';

/** The marker of a small count (primary suppression): `<5` for the default threshold. */
export function smallCountMarker(threshold: number): string {
  return `<${threshold}`;
}

/**
 * A report's counts and the additive relations between them, collected while the report
 * is built and suppressed together, so every relation is protected, whichever table or
 * row it crosses.
 */
export class FigureTable {
  private readonly cells = new Map<string, number>();
  private readonly relations: Relation[] = [];

  /** Records a count under a key unique in the report; answers the key. */
  count(key: string, value: number): string {
    if (this.cells.has(key)) throw new Error(`The report counts ${key} twice`);
    this.cells.set(key, value);
    return key;
  }

  /**
   * Counts `part`, a subset of the counted `total`, and what the total leaves out of it
   * (`<part>~rest`, counted and never shown), related: total = part + rest. Without the
   * rest, a reader subtracting a shown part from a shown total would learn a small
   * remainder ("50 compared, 48 improved": 2 did not) that nothing hides.
   */
  subset(total: string, part: string, value: number): string {
    const whole = this.cells.get(total);
    if (whole === undefined || whole < value) throw new Error(`${part} is not a subset of ${total}`);
    this.count(part, value);
    this.relate(total, [part, this.count(restOf(part), whole - value)]);
    return part;
  }

  /** `total` is the sum of `parts` (each a key already counted). */
  relate(total: string, parts: readonly string[]): void {
    this.relations.push({ total, parts });
  }

  suppress(threshold: number): ShownFigures {
    return new ShownFigures(this.cells, this.relations, suppressSmallNumbers(this.cells, this.relations, threshold), threshold);
  }
}

/** The counts as a reader may see them, and figures derived only from counts that are shown. */
export class ShownFigures {
  constructor(
    private readonly cells: ReadonlyMap<string, number>,
    readonly relations: readonly Relation[],
    private readonly hidden: ReadonlyMap<string, SuppressionKind>,
    readonly threshold: number,
  ) {}

  show(key: string): ShownCount {
    const kind = this.hidden.get(key);
    if (kind === 'primary') return smallCountMarker(this.threshold);
    if (kind === 'secondary') return WITHHELD;
    const value = this.cells.get(key);
    if (value === undefined) throw new Error(`The report has no count ${key}`);
    return value;
  }

  isShown(key: string): boolean {
    return !this.hidden.has(key);
  }

  /**
   * A figure computed from counts (a percentage, a mean, a median): shown only when every
   * count it is computed from is shown and the number of people it summarises reaches the
   * threshold, so it can neither reveal a hidden count nor describe fewer people than one
   * could. Null otherwise, or when `compute` has nothing to say (no base).
   */
  derived(inputs: readonly string[], base: number, compute: () => number | null): number | null {
    if (!inputs.every((key) => this.isShown(key))) return null;
    if (base < this.threshold || base === 0) return null;
    return compute();
  }

  get suppressedCount(): number {
    return this.hidden.size;
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
