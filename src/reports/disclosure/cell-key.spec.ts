import { describe, expect, it } from '@jest/globals';
import { KEY_RANGE, perturb, possibleCountsOf, shownValuesOf } from './cell-key.js';

const KEYS = Array.from({ length: KEY_RANGE }, (_, key) => key);

describe('the cell key perturbation table', () => {
  it('keeps zero at zero, shows every count of 1 to 4 as 0, and never shows a count as 1 to 4', () => {
    expect(KEYS.map((key) => perturb(0, key))).toEqual(KEYS.map(() => 0));
    for (const count of [1, 2, 3, 4]) expect(KEYS.map((key) => perturb(count, key))).toEqual(KEYS.map(() => 0));
    for (let count = 1; count <= 200; count++) {
      for (const key of KEYS) {
        const shown = perturb(count, key);
        expect([count, key, shown >= 1 && shown <= 4]).toEqual([count, key, false]);
      }
    }
  });

  it('shows a 5 as 0 one time in eight and never below 5 otherwise, so a shown 0 may be a 5 and a true 4 is never at its top', () => {
    const fives = KEYS.map((key) => perturb(5, key));
    expect(fives.filter((shown) => shown === 0).length / KEY_RANGE).toBe(1 / 8);
    expect(fives.filter((shown) => shown !== 0).every((shown) => shown >= 5 && shown <= 7)).toBe(true);
    expect(possibleCountsOf(0)).toEqual({ low: 0, high: 5 });
  });

  it('moves counts of 6 and more by 2 at most, most by 1 or not at all, and the same cell key always the same way', () => {
    for (const count of [6, 7, 20, 1_000, 123_456]) {
      const moves = KEYS.map((key) => perturb(count, key) - count);
      expect(Math.max(...moves.map(Math.abs))).toBe(2);
      expect(moves.filter((move) => Math.abs(move) <= 1).length / KEY_RANGE).toBeGreaterThan(0.9);
      expect(KEYS.map((key) => perturb(count, key))).toEqual(KEYS.map((key) => perturb(count, key + KEY_RANGE)));
    }
  });

  it('never leaves a reader one possible count for what is shown, and keeps every true 1 to 4 off the ends of its range', () => {
    for (let count = 0; count <= 60; count++) {
      for (const shown of shownValuesOf(count)) {
        const possible = possibleCountsOf(shown);
        expect(possible.low).toBeLessThanOrEqual(count);
        expect(possible.high).toBeGreaterThanOrEqual(count);
        expect(possible.high).toBeGreaterThan(possible.low);
        // And the bounds are tight: each end is a count that can be shown so.
        expect(shownValuesOf(possible.low)).toContain(shown);
        expect(shownValuesOf(possible.high)).toContain(shown);
        if (count >= 1 && count <= 4) expect([count, possible.low < count && possible.high > count]).toEqual([count, true]);
      }
    }
    expect(() => possibleCountsOf(3)).toThrow(RangeError);
  });
});
