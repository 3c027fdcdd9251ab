import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type Relation, pinnedCells, suppressSmallNumbers } from './small-numbers.js';
import { FigureTable, WITHHELD } from './figure-table.js';

/** A table of counts with row totals, column totals and a grand total, and its relations. */
function table(rows: number[][]): { cells: Map<string, number>; relations: Relation[] } {
  const cells = new Map<string, number>();
  const relations: Relation[] = [];
  const columns = rows[0].length;
  rows.forEach((row, r) => {
    row.forEach((value, c) => cells.set(`r${r}c${c}`, value));
    cells.set(`r${r}total`, row.reduce((sum, value) => sum + value, 0));
    relations.push({ total: `r${r}total`, parts: row.map((_, c) => `r${r}c${c}`) });
  });
  for (let c = 0; c < columns; c++) {
    cells.set(`total-c${c}`, rows.reduce((sum, row) => sum + row[c], 0));
    relations.push({ total: `total-c${c}`, parts: rows.map((_, r) => `r${r}c${c}`) });
  }
  cells.set('total', rows.flat().reduce((sum, value) => sum + value, 0));
  relations.push({ total: 'total', parts: rows.map((_, r) => `r${r}total`) });
  relations.push({ total: 'total', parts: Array.from({ length: columns }, (_, c) => `total-c${c}`) });
  return { cells, relations };
}

describe('small-number suppression', () => {
  it('hides counts from 1 to 4 as primary and shows zeros and counts of 5 or more', () => {
    const { cells, relations } = table([[0, 3, 20, 40]]);
    const hidden = suppressSmallNumbers(cells, relations, 5);
    expect(hidden.get('r0c1')).toBe('primary');
    expect(hidden.has('r0c0')).toBe(false);
  });

  it('withholds the next smallest count of a row holding one small count, so the total cannot give it away', () => {
    const { cells, relations } = table([[0, 3, 20, 40]]);
    const hidden = suppressSmallNumbers(cells, relations, 5);
    expect(hidden.get('r0c2')).toBe('secondary');
    expect(hidden.has('r0c3')).toBe(false);
    expect(hidden.has('r0total')).toBe(false);
    // 63 - 40 = 23 = small + withheld: small is anything from 3 to 4... not one value.
    for (const relation of relations) expect(pinnedCells(cells, relation, hidden, 5)).toEqual([]);
  });

  it('withholds another count when the small one and its complement could only add up one way', () => {
    // 1 + 5 = 6: a small count (1-4) and a withheld one (5 or more) adding to 6 can only be 1 and 5.
    const { cells, relations } = table([[1, 5, 0, 30]]);
    const hidden = suppressSmallNumbers(cells, relations, 5);
    expect(hidden.get('r0c0')).toBe('primary');
    expect(hidden.get('r0c1')).toBe('secondary');
    expect(hidden.get('r0c3')).toBe('secondary');
  });

  it('keeps hidden cells hidden across the columns of a table as well as its rows', () => {
    const { cells, relations } = table([
      [2, 10, 30],
      [12, 40, 7],
      [9, 11, 50],
    ]);
    const hidden = suppressSmallNumbers(cells, relations, 5);
    expect(hidden.get('r0c0')).toBe('primary');
    for (const relation of relations) expect(pinnedCells(cells, relation, hidden, 5)).toEqual([]);
    // The first column: 2 + 12 + 9 = 23; one of 12 and 9 is withheld with the 2.
    expect([hidden.has('r1c0'), hidden.has('r2c0')]).toContain(true);
  });

  it('hides the zeros beside small parts of a small total, which could otherwise only be 1 each', () => {
    const { cells, relations } = table([[1, 1, 1, 1, 0]]);
    const hidden = suppressSmallNumbers(cells, relations, 5);
    expect(hidden.get('r0c4')).toBe('primary');
    for (const relation of relations) expect(pinnedCells(cells, relation, hidden, 5)).toEqual([]);
  });

  it('shows zeros in a relation where something is shown', () => {
    const { cells, relations } = table([[0, 3, 20, 40]]);
    expect(suppressSmallNumbers(cells, relations, 5).has('r0c0')).toBe(false);
  });

  it('hides nothing with threshold 1', () => {
    const { cells, relations } = table([[1, 2, 3]]);
    expect(suppressSmallNumbers(cells, relations, 1).size).toBe(0);
  });

  it('refuses a relation naming a count the report does not have', () => {
    expect(() => suppressSmallNumbers(new Map([['a', 1]]), [{ total: 'a', parts: ['b'] }], 5)).toThrow(/cell b/);
  });

  it('for any table, hides every small count, a zero only beside small counts, and leaves no hidden count pinned by a row, column or total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10 }),
        fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 60 })), { minLength: 2, maxLength: 5 }), {
          minLength: 1,
          maxLength: 5,
        }).filter((rows) => rows.every((row) => row.length === rows[0].length)),
        (threshold, rows) => {
          const { cells, relations } = table(rows);
          const hidden = suppressSmallNumbers(cells, relations, threshold);
          for (const [key, value] of cells) {
            if (value > 0 && value < threshold) expect(hidden.get(key)).toBe('primary');
            if (value === 0 && hidden.has(key)) expect(hidden.get(key)).toBe('primary');
            if (hidden.get(key) === 'secondary') expect(value).toBeGreaterThanOrEqual(threshold);
          }
          for (const relation of relations) expect(pinnedCells(cells, relation, hidden, threshold)).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('a figure table', () => {
  it('shows small counts as <5, withheld ones as withheld, and derives figures only from shown counts', () => {
    const figures = new FigureTable();
    const met = figures.count('met', 40);
    const late = figures.count('late', 3);
    const breached = figures.count('breached', 9);
    const due = figures.count('due', 52);
    figures.relate(due, [met, late, breached]);
    const shown = figures.suppress(5);
    expect([shown.show(met), shown.show(late), shown.show(breached), shown.show(due)]).toEqual([40, '<5', WITHHELD, 52]);
    expect(shown.derived([met, late, breached], 52, () => 77)).toBeNull();
    expect(shown.derived([met, due], 52, () => 77)).toBe(77);
    expect(shown.derived([met], 4, () => 77)).toBeNull();
  });

  it('refuses to count the same figure twice', () => {
    const figures = new FigureTable();
    figures.count('a', 1);
    expect(() => figures.count('a', 2)).toThrow(/twice/);
  });

  it('hides a subset when what its total leaves out of it is small: 50 compared and 48 improved would say 2 did not', () => {
    const figures = new FigureTable();
    const compared = figures.count('compared', 50);
    const improved = figures.subset(compared, 'improved', 48);
    const shown = figures.suppress(5);
    expect([shown.show(compared), shown.show(improved)]).toEqual([50, WITHHELD]);
    const plenty = new FigureTable();
    plenty.subset(plenty.count('compared', 50), 'improved', 30);
    expect(plenty.suppress(5).show('improved')).toBe(30);
    expect(() => plenty.subset('compared', 'more', 51)).toThrow(/not a subset/);
  });
});
