import { expect } from '@jest/globals';
import { shownValuesOf } from '../../src/reports/disclosure/cell-key.js';

/** Figures that are not counts: percentages, means, medians and the like. */
const DERIVED = /(Percent|percent|mean\w*|median\w*|p90\w*|Score|right|label|from|to)$/;

/**
 * Walks an answer as shown beside the same answer built exactly, and checks every count
 * is as the perturbation table allows: a zero stays zero, no count is shown as 1 to 4, and
 * each is one of the values its true count may be shown as (0 for 1 to 4, else within 2). Answers
 * how many counts it checked and how many were changed.
 */
export function expectProtected(shown: unknown, truth: unknown, path = ''): { counts: number; changed: number } {
  let counts = 0;
  let changed = 0;
  if (truth !== null && typeof truth === 'object') {
    for (const [key, value] of Object.entries(truth)) {
      const inner = expectProtected((shown as Record<string, unknown>)[key], value, `${path}.${key}`);
      counts += inner.counts;
      changed += inner.changed;
    }
  } else if (typeof truth === 'number' && Number.isInteger(truth) && !DERIVED.test(path)) {
    expect([path, typeof shown]).toEqual([path, 'number']);
    expect([path, shownValuesOf(truth).includes(shown as number)]).toEqual([path, true]);
    counts += 1;
    if (shown !== truth) changed += 1;
  }
  return { counts, changed };
}
