import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { londonDayFromWallClock, londonDayOf, londonOffsetFromWallClock, startOfLondonDay } from './london-day.js';

const MS_PER_DAY = 86_400_000;

/** startOfLondonDay as it was before offsets were cached: every offset read from Intl. */
function startOfLondonDayFromWallClock(londonDay: number): Date {
  const midnightAsUtc = londonDay * MS_PER_DAY;
  const firstGuess = midnightAsUtc - londonOffsetFromWallClock(midnightAsUtc);
  return new Date(midnightAsUtc - londonOffsetFromWallClock(firstGuess));
}

const instantsOf = (min: string, max: string) => fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true });

describe('London days with cached offsets', () => {
  it('gives the day Intl’s wall clock gives, for any instant', () => {
    fc.assert(
      fc.property(instantsOf('0001-01-01T00:00:00Z', '2300-12-31T23:59:59.999Z'), (at) => londonDayOf(at) === londonDayFromWallClock(at)),
      { numRuns: 5_000 },
    );
  });

  it('gives the day Intl gives around every clock change of the working-day calendar’s years', () => {
    fc.assert(
      fc.property(instantsOf('2015-01-01T00:00:00Z', '2035-12-31T23:59:59.999Z'), fc.integer({ min: -7_200_000, max: 7_200_000 }), (at, nudge) => {
        const near = new Date(at.getTime() + nudge);
        return londonDayOf(near) === londonDayFromWallClock(near);
      }),
      { numRuns: 5_000 },
    );
    // The last GMT and first BST millisecond of 2026, and the autumn change back.
    for (const instant of ['2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.000Z', '2026-10-25T00:59:59.999Z', '2026-10-25T01:00:00.000Z', '2026-06-30T23:00:00.000Z']) {
      expect(londonDayOf(new Date(instant))).toBe(londonDayFromWallClock(new Date(instant)));
    }
  });

  it('starts each London day where the uncached offsets start it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -300_000, max: 120_000 }), (londonDay) => startOfLondonDay(londonDay).getTime() === startOfLondonDayFromWallClock(londonDay).getTime()),
      { numRuns: 5_000 },
    );
  });

  it('reads the offset afresh within the hour London left local mean time (1847), never from the cache', () => {
    // London's clocks moved 75 seconds at 00:01:15 GMT on 1 December 1847: one hour with two offsets.
    for (const instant of ['1847-12-01T00:00:30Z', '1847-12-01T00:01:14.999Z', '1847-12-01T00:01:15Z', '1847-12-01T00:30:00Z', '1847-12-01T00:00:30Z']) {
      expect(londonDayOf(new Date(instant))).toBe(londonDayFromWallClock(new Date(instant)));
    }
    expect(londonDayOf(new Date('1847-12-01T00:00:30Z'))).not.toBe(londonDayOf(new Date('1847-12-01T00:30:00Z')));
  });

  it('keeps answering the same when more hours are asked for than the cache holds', () => {
    const instants = Array.from({ length: 20_000 }, (_, hour) => new Date(Date.UTC(2024, 0, 1) + hour * 3_600_000 + 1_234));
    const first = instants.map(londonDayOf);
    expect(instants.map(londonDayOf)).toEqual(first);
    expect(first).toEqual(instants.map(londonDayFromWallClock));
  });
});
