import { describe, expect, it } from '@jest/globals';
import { runDisclosureAttacks } from './disclosure-attacks.js';

/**
 * The attack harness of issue 21, kept in the suite: the disclosure review's attacks, run
 * on generated duties with known truth against the real compliance report and quarterly
 * return. `npm run bench:disclosure` runs it larger and prints the figures.
 */
describe('the disclosure attack harness', () => {
  const findings = runDisclosureAttacks({ duties: 8_000, areas: 4, seed: 21, method: 'cell-key' });
  const row = (prefix: string) => findings.rows.find((entry) => entry.attack.startsWith(prefix))!;

  it('recovers no small count from one answer solved whole, nor from the quarterly return beside the reports, nor by asking again', () => {
    expect(row('one answer').smallCells).toBeGreaterThan(100);
    expect(row('one answer').exactRecoveries).toBe(0);
    expect(row('the quarterly return').smallCells).toBeGreaterThan(20);
    expect(row('the quarterly return').exactRecoveries).toBe(0);
    expect(findings.repeatedQueriesDiffering).toBe(0);
  });

  it('recovers no small count by differencing areas, filters or periods either: zero in all', () => {
    for (const prefix of ['areas differenced', 'filters differenced', 'periods differenced']) {
      expect([prefix, row(prefix).smallCells > 100, row(prefix).exactRecoveries]).toEqual([prefix, true, 0]);
    }
    const total = row('every attack');
    expect(total.smallCells).toBeGreaterThan(1_000);
    expect(total.exactRecoveries).toBe(0);
  });

  it('still answers the question: the most-breached right and organisation kind, every large cell within 2, nothing hidden', () => {
    expect(findings.utility.mostBreachedRight.shown).toBe(findings.utility.mostBreachedRight.truth);
    expect(findings.utility.mostBreachedRight.truth).toBe(4);
    expect(findings.utility.mostBreachedOwner.shown).toBe(findings.utility.mostBreachedOwner.truth);
    expect(findings.utility.cellsOf20OrMore).toBeGreaterThan(100);
    expect(findings.utility.within2Percent).toBeGreaterThanOrEqual(95);
    expect(findings.utility.hiddenOf10OrMore).toBe(0);
  });
});
