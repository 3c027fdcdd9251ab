/**
 * Small-number suppression for the commissioners' reports, with complementary (secondary)
 * suppression so that a hidden count cannot be worked out by subtraction from the counts
 * that are shown.
 *
 * A report is a set of counts ("cells") and the additive relations between them
 * (`total = part + part + ...`: a row's categories add up to its total, rules add up to
 * their right, months add up to the whole period). The rule, applied to every cell:
 *
 * 1. Primary: a count from 1 to threshold - 1 is shown as `<threshold` ("<5"). Zero is
 *    shown: it identifies nobody, and hiding it would hide that there were no breaches.
 * 2. Secondary: for each relation, we work out what a reader who knows the relation, the
 *    shown counts and this rule (a primary cell is 1..threshold-1, a secondary one at
 *    least the threshold) can deduce about each hidden cell of it. When some hidden cell
 *    is pinned to a single value, the smallest non-zero shown count of the relation is
 *    withheld as well (a part before the total, since totals are what readers need most),
 *    and all relations are checked again until none pins a cell.
 *
 * Withheld cells are never zero (a hidden zero would protect nothing) and are marked
 * differently from primary ones: showing "<5" for a count of 12 would be untrue.
 *
 * One case is left when every non-zero count of a relation is hidden and the reader can
 * still pin one: small parts of a small total (four categories of "<5" under a total of
 * "<5" can only be 1 each, as a shown zero says the hidden ones are at least 1). Then the
 * relation's zeros are hidden too, as "<5" (true of a zero), and a reader of a relation
 * with nothing shown can no longer tell a hidden 0 from a hidden 1.
 *
 * What this does not do: it checks each relation on its own, the way a reader subtracts;
 * solving several relations together (linear programming over a whole table) or
 * differencing two requests with different filters can narrow a hidden cell further.
 * docs/reports.md says so.
 */

export type SuppressionKind = 'primary' | 'secondary';

/** `total` is the sum of `parts`. */
export interface Relation {
  readonly total: string;
  readonly parts: readonly string[];
}

interface Member {
  readonly key: string;
  /** +1 for a part, -1 for the total: the signed values of a relation add up to 0. */
  readonly sign: 1 | -1;
}

interface Bounds {
  readonly low: number;
  readonly high: number;
}

function membersOf(relation: Relation): Member[] {
  return [{ key: relation.total, sign: -1 }, ...relation.parts.map((key): Member => ({ key, sign: 1 }))];
}

function valueOf(cells: ReadonlyMap<string, number>, key: string): number {
  const value = cells.get(key);
  if (value === undefined) throw new Error(`A relation names the cell ${key}, which the report does not have`);
  return value;
}

/** What a reader knows of a hidden cell: a shown zero elsewhere in the relation means a "<5" is not 0. */
function boundsOf(kind: SuppressionKind, threshold: number, zeroMayBeHidden: boolean): Bounds {
  return kind === 'primary' ? { low: zeroMayBeHidden ? 0 : 1, high: threshold - 1 } : { low: threshold, high: Number.POSITIVE_INFINITY };
}

/**
 * The hidden cells of `relation` a reader can pin to one value from the relation alone,
 * knowing the shown counts and the bounds of each kind of hidden cell.
 */
export function pinnedCells(
  cells: ReadonlyMap<string, number>,
  relation: Relation,
  hidden: ReadonlyMap<string, SuppressionKind>,
  threshold: number,
): string[] {
  const members = membersOf(relation);
  const zeroMayBeHidden = members.every((member) => hidden.has(member.key));
  let shownSum = 0;
  const unknown: Array<Member & Bounds> = [];
  for (const member of members) {
    const kind = hidden.get(member.key);
    if (kind) unknown.push({ ...member, ...boundsOf(kind, threshold, zeroMayBeHidden) });
    else shownSum += member.sign * valueOf(cells, member.key);
  }
  // Σ sign·x over the hidden cells = -shownSum. What the others can add up to, with the
  // unbounded (withheld) ones counted apart so that infinities never meet.
  const target = -shownSum;
  const lowOf = (cell: Member & Bounds) => (cell.sign === 1 ? cell.low : -cell.high);
  const highOf = (cell: Member & Bounds) => (cell.sign === 1 ? cell.high : -cell.low);
  let finiteLow = 0;
  let finiteHigh = 0;
  let unboundedLow = 0;
  let unboundedHigh = 0;
  for (const cell of unknown) {
    if (Number.isFinite(lowOf(cell))) finiteLow += lowOf(cell);
    else unboundedLow += 1;
    if (Number.isFinite(highOf(cell))) finiteHigh += highOf(cell);
    else unboundedHigh += 1;
  }
  const pinned: string[] = [];
  for (const cell of unknown) {
    const ownLow = lowOf(cell);
    const ownHigh = highOf(cell);
    const othersLow = unboundedLow - (Number.isFinite(ownLow) ? 0 : 1) > 0 ? Number.NEGATIVE_INFINITY : finiteLow - (Number.isFinite(ownLow) ? ownLow : 0);
    const othersHigh = unboundedHigh - (Number.isFinite(ownHigh) ? 0 : 1) > 0 ? Number.POSITIVE_INFINITY : finiteHigh - (Number.isFinite(ownHigh) ? ownHigh : 0);
    // sign·x = target - others
    const signedLow = target - othersHigh;
    const signedHigh = target - othersLow;
    const low = Math.max(cell.low, cell.sign === 1 ? signedLow : -signedHigh);
    const high = Math.min(cell.high, cell.sign === 1 ? signedHigh : -signedLow);
    // With threshold 2 the marker itself says "1": only what the relation adds counts here.
    if (low === high && cell.low !== cell.high) pinned.push(cell.key);
  }
  return pinned;
}

/** The next cell to withhold in a relation: its smallest non-zero shown part, else its total. */
function complementOf(cells: ReadonlyMap<string, number>, relation: Relation, hidden: ReadonlyMap<string, SuppressionKind>): string | null {
  const shown = (key: string) => !hidden.has(key) && valueOf(cells, key) > 0;
  const parts = relation.parts.filter(shown).sort((a, b) => valueOf(cells, a) - valueOf(cells, b) || a.localeCompare(b));
  if (parts.length > 0) return parts[0];
  return shown(relation.total) ? relation.total : null;
}

/**
 * Which cells to hide, and why. `threshold` 1 hides nothing (no count is from 1 to 0).
 * Deterministic: the same cells and relations always hide the same cells.
 */
export function suppressSmallNumbers(
  cells: ReadonlyMap<string, number>,
  relations: readonly Relation[],
  threshold: number,
): Map<string, SuppressionKind> {
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError(`threshold must be a positive integer, got ${threshold}`);
  const hidden = new Map<string, SuppressionKind>();
  for (const [key, value] of cells) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${key} is not a count: ${value}`);
    if (value > 0 && value < threshold) hidden.set(key, 'primary');
  }
  if (hidden.size === 0) return hidden;

  for (let changed = true; changed; ) {
    changed = false;
    for (const relation of relations) {
      // Each pass over a relation withholds one cell at most, then looks again.
      while (pinnedCells(cells, relation, hidden, threshold).length > 0) {
        const complement = complementOf(cells, relation, hidden);
        if (complement !== null) {
          hidden.set(complement, 'secondary');
        } else {
          const zeros = membersOf(relation).filter((member) => !hidden.has(member.key));
          if (zeros.length === 0) break;
          for (const zero of zeros) hidden.set(zero.key, 'primary');
        }
        changed = true;
      }
    }
  }
  return hidden;
}
