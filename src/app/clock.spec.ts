import { futureInstantProblems, isInTheFuture } from './clock.js';

describe('instants a client says have happened', () => {
  const now = new Date('2026-11-23T12:00:00Z');

  it('allows a client clock up to five minutes ahead, no more', () => {
    expect(isInTheFuture(new Date('2026-11-23T12:05:00Z'), now)).toBe(false);
    expect(isInTheFuture(new Date('2026-11-23T12:05:00.001Z'), now)).toBe(true);
  });

  it('names each field whose instant is still to come, and ignores those not given', () => {
    expect(
      futureInstantProblems(
        { heardAt: new Date('2026-11-24T09:00:00Z'), adjournedAt: new Date('2026-11-22T09:00:00Z'), 'consent.recordedAt': new Date('2026-12-01T00:00:00Z'), decidedAt: undefined, takenAt: null },
        now,
      ),
    ).toEqual([
      { field: 'heardAt', message: 'must not be in the future' },
      { field: 'consent.recordedAt', message: 'must not be in the future' },
    ]);
    expect(futureInstantProblems({}, now)).toEqual([]);
  });
});
