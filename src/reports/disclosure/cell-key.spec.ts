import { describe, expect, it } from '@jest/globals';
import { KEY_RANGE, perturb, possibleCountsOf, shownValuesOf } from './cell-key.js';

const KEYS = Array.from({ length: KEY_RANGE }, (_, key) => key);

describe('the cell key perturbation table', () => {
  it('keeps zero at zero and never shows a count as 1 or 2', () => {
    expect(KEYS.map((key) => perturb(0, key))).toEqual(KEYS.map(() => 0));
    for (let count = 1; count <= 200; count++) {
      for (const key of KEYS) expect([count, key, [1, 2].includes(perturb(count, key))]).toEqual([count, key, false]);
    }
    expect(KEYS.some((key) => perturb(1, key) === 1) || KEYS.some((key) => perturb(2, key) === 2)).toBe(false);
  });

  it('moves counts of 5 and more by 2 at most, most by 1 or not at all, and the same cell key always the same way', () => {
    for (const count of [5, 20, 1_000, 123_456]) {
      const moves = KEYS.map((key) => perturb(count, key) - count);
      expect(Math.max(...moves.map(Math.abs))).toBe(2);
      expect(moves.filter((move) => Math.abs(move) <= 1).length / KEY_RANGE).toBeGreaterThan(0.9);
      expect(KEYS.map((key) => perturb(count, key))).toEqual(KEYS.map((key) => perturb(count, key + KEY_RANGE)));
    }
  });

  it('never leaves a reader one possible count for what is shown', () => {
    for (let count = 0; count <= 60; count++) {
      for (const shown of shownValuesOf(count)) {
        const possible = possibleCountsOf(shown);
        expect(possible.low).toBeLessThanOrEqual(count);
        expect(possible.high).toBeGreaterThanOrEqual(count);
        expect(possible.high).toBeGreaterThan(possible.low);
        // And the bounds are tight: each end is a count that can be shown so.
        expect(shownValuesOf(possible.low)).toContain(shown);
        expect(shownValuesOf(possible.high)).toContain(shown);
      }
    }
  });
});
