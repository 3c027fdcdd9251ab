import { describe, expect, it } from '@jest/globals';
import { copyOf, REPORT_RESULTS_KEPT, REPORT_RESULTS_MAX_CHARS, ReportResults } from './report-results.js';

describe('ReportResults', () => {
  it('answers a kept report as a copy: a caller that changes it does not change what the next is given', () => {
    const results = new ReportResults();
    const built = { asOf: new Date('2026-11-30T23:00:00Z'), whole: { total: { met: 12 } } };
    results.set('k', built);
    built.whole.total.met = 99;

    const first = results.get<typeof built>('k')!;
    expect(first).toEqual({ asOf: new Date('2026-11-30T23:00:00Z'), whole: { total: { met: 12 } } });
    expect(first.asOf).toBeInstanceOf(Date);
    first.whole.total.met = 1;
    expect(results.get<typeof built>('k')!.whole.total.met).toBe(12);
    expect(results.stats()).toEqual({ size: 1, chars: JSON.stringify({ asOf: new Date('2026-11-30T23:00:00Z'), whole: { total: { met: 12 } } }).length, hits: 2, misses: 0, warmed: 0 });
  });

  it('keys by every input: another area, period or refresh is another key', () => {
    const key = (areas: string[], from: string, version: string) => ReportResults.keyOf(['code-compliance', version, areas, { from, to: '2026-09-30' }]);
    const keys = new Set([key(['a'], '2026-07-01', '1'), key(['b'], '2026-07-01', '1'), key(['a', 'b'], '2026-07-01', '1'), key(['a'], '2026-08-01', '1'), key(['a'], '2026-07-01', '2')]);
    expect(keys.size).toBe(5);
    expect(key(['a'], '2026-07-01', '1')).toBe(key(['a'], '2026-07-01', '1'));
  });

  it('lets the least recently used report go first once full', () => {
    const results = new ReportResults();
    for (let index = 0; index < REPORT_RESULTS_KEPT; index++) results.set(`k${index}`, { index });
    expect(results.get('k0')).toEqual({ index: 0 }); // k0 is now the most recent; k1 the least
    results.set('new', { index: -1 });

    expect(results.stats().size).toBe(REPORT_RESULTS_KEPT);
    expect(results.get('k1')).toBeUndefined();
    expect(results.get('k0')).toEqual({ index: 0 });
    expect(results.get('new')).toEqual({ index: -1 });
  });
});

describe('ReportResults, by size', () => {
  it('keeps no more than REPORT_RESULTS_MAX_CHARS, the least recently used going first, and not one report over a quarter of it', () => {
    const results = new ReportResults();
    const report = (fill: string) => ({ rows: [fill.repeat(REPORT_RESULTS_MAX_CHARS / 5)] });
    results.set('a', report('a'));
    results.set('b', report('b'));
    results.set('c', report('c'));
    results.set('d', report('d'));
    expect(results.stats().size).toBe(4);
    results.set('e', report('e'));
    expect(results.stats().size).toBe(4);
    expect(results.get('a')).toBeUndefined();
    expect(results.stats().chars).toBeLessThanOrEqual(REPORT_RESULTS_MAX_CHARS);

    results.set('big', { rows: ['x'.repeat(REPORT_RESULTS_MAX_CHARS / 4 + 1)] });
    expect(results.get('big')).toBeUndefined();
    results.set('b', { small: true });
    expect(results.get('b')).toEqual({ small: true });
    expect(results.stats().size).toBe(4);
  });
});

describe('ReportResults, across refreshes', () => {
  const origin = (identity: string, version: string, lastRead: number, rebuilt: string[] = []) => ({
    identity,
    version,
    lastRead,
    rebuild: async () => {
      rebuilt.push(identity);
    },
  });

  it('keeps one refresh’s report per request: a later refresh’s replaces it', () => {
    const results = new ReportResults();
    results.set('a@1', { met: 1 }, origin('a', '1', 100));
    results.set('b@1', { met: 2 }, origin('b', '1', 100));
    results.set('a@2', { met: 3 }, origin('a', '2', 100));
    expect(results.get('a@1')).toBeUndefined();
    expect([results.get('a@2'), results.get('b@1'), results.stats().size]).toEqual([{ met: 3 }, { met: 2 }, 2]);
  });

  it('offers for warming the reports of other refreshes read since a time, most recently read first, up to a number', () => {
    const results = new ReportResults();
    results.set('old@1', {}, origin('old', '1', 10));
    results.set('a@1', {}, origin('a', '1', 200));
    results.set('b@1', {}, origin('b', '1', 100));
    results.set('c@2', {}, origin('c', '2', 300));
    results.set('plain', {});
    expect(results.warmable('2', 50).map((found) => found.identity)).toEqual(['a', 'b']);
    expect(results.warmable('2', 50, 1).map((found) => found.identity)).toEqual(['a']);
    // Reading it marks it read.
    results.get('b@1', 250);
    expect(results.warmable('2', 50).map((found) => found.identity)).toEqual(['b', 'a']);
  });

  it('builds a report once for readers who arrive together', async () => {
    const results = new ReportResults();
    let builds = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const build = async () => {
      builds++;
      await gate;
      return { met: builds };
    };
    const first = results.once('k', build);
    const second = results.once('k', build);
    release();
    expect(await Promise.all([first, second])).toEqual([{ value: { met: 1 }, shared: false }, { value: { met: 1 }, shared: true }]);
    expect(builds).toBe(1);
    // Once built, the next is another build.
    expect(await results.once('k', build)).toEqual({ value: { met: 2 }, shared: false });
  });
});

describe('copyOf', () => {
  it('copies dates, maps, sets, arrays and plain objects deeply, and refuses class instances it would flatten', () => {
    const original = { at: new Date(0), list: [{ n: 1 }], byKey: new Map([['a', { n: 2 }]]), tags: new Set(['x']), none: null, empty: undefined };
    const copy = copyOf(original);
    expect(copy).toEqual(original);
    expect(copy.at).toBeInstanceOf(Date);
    expect(copy.at).not.toBe(original.at);
    expect(copy.list[0]).not.toBe(original.list[0]);
    expect(copy.byKey.get('a')).not.toBe(original.byKey.get('a'));
    class Figure {
      n = 1;
    }
    expect(() => copyOf({ figure: new Figure() })).toThrow('Figure');
  });
});
