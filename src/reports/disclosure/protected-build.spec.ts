import { describe, expect, it } from '@jest/globals';
import { nearestRanks } from '../code-compliance.report.js';
import { perturb } from './cell-key.js';
import { type CellProtection, FigureTable } from './figure-table.js';
import { keyRowsOf, protectedBuild } from './protected-build.js';

interface Row {
  area: string;
  met: number;
  met_key: number;
  breached: number;
  breached_key: number;
}

const ROWS: Row[] = [
  { area: 'a', met: 40, met_key: 200, breached: 9, breached_key: 17 },
  { area: 'b', met: 31, met_key: 100, breached: 6, breached_key: 250 },
];

describe('protectedBuild', () => {
  it('perturbs every cell by its own records\' key sum, renders once, and stops the key pass once the table is protected', () => {
    const passes: string[] = [];
    const build = (rows: Row[], protection: CellProtection) => {
      passes.push('counted');
      const figures = new FigureTable();
      for (const row of rows) {
        figures.count(`${row.area}|met`, row.met);
        figures.count(`${row.area}|breached`, row.breached);
      }
      figures.count('all|met', rows.reduce((sum, row) => sum + row.met, 0));
      const shown = figures.protect(protection);
      passes.push('rendered');
      return { a: shown.show('a|met'), b: shown.show('b|breached'), all: shown.show('all|met') };
    };

    const answer = protectedBuild('cell-key', ROWS, build);

    expect(answer).toEqual({ a: perturb(40, 200), b: perturb(6, 250), all: perturb(71, 300) });
    // The key pass counted and was stopped at protect(); only the shown pass rendered.
    expect(passes).toEqual(['counted', 'counted', 'rendered']);
    expect(protectedBuild('none', ROWS, build)).toEqual({ a: 40, b: 6, all: 71 });
  });

  it('lets any other error of the key pass through', () => {
    expect(() => protectedBuild('cell-key', ROWS, () => {
      throw new Error('a report that cannot be built');
    })).toThrow('a report that cannot be built');
  });

  it('puts each count\'s key column in its place and leaves the columns without one', () => {
    expect(keyRowsOf(ROWS)).toEqual([
      { area: 'a', met: 200, met_key: 200, breached: 17, breached_key: 17 },
      { area: 'b', met: 100, met_key: 100, breached: 250, breached_key: 250 },
    ]);
    expect(keyRowsOf({ duties: ROWS.slice(0, 1), none: [] })).toEqual({ duties: [{ area: 'a', met: 200, met_key: 200, breached: 17, breached_key: 17 }], none: [] });
    expect(ROWS[0].met).toBe(40);
    // A list with no key columns is not copied: it is the same in both passes.
    const late = [{ month: '2026-04-01', working_days_late: 3, late: 2 }];
    expect(keyRowsOf({ late }).late).toBe(late);
  });
});

describe('nearestRanks', () => {
  it('answers the value at rank ceil(q * n) for each q, from one sort of the days', () => {
    // 1 day late x 5, 3 days x 3, 10 days x 2: ten duties.
    const late = new Map([[10, 2], [1, 5], [3, 3]]);
    expect(nearestRanks(late, [0.5, 0.9])).toEqual([1, 10]);
    expect(nearestRanks(late, [0.6, 0.8, 1])).toEqual([3, 3, 10]);
    expect(nearestRanks(late, [0])).toEqual([1]);
    expect(nearestRanks(new Map(), [0.5, 0.9])).toEqual([null, null]);
  });
});
