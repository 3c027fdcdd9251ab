import { describe, expect, it } from '@jest/globals';
import { breachAt, dueSoonAt, lastDueAtRemindedBy } from './reminder-times.js';

const at = (isoUtc: string): Date => new Date(isoUtc);

describe('dueSoonAt', () => {
  it('reminds at 08:00 London on the working day before the due day', () => {
    // Due Thursday 15 January 2026 23:59:59.999 GMT: reminded Wednesday 08:00 GMT.
    expect(dueSoonAt(at('2026-01-15T23:59:59.999Z')).toISOString()).toBe('2026-01-14T08:00:00.000Z');
  });

  it('reminds on Friday for a duty due on Monday, at 08:00 BST in summer', () => {
    expect(dueSoonAt(at('2026-06-15T22:59:59.999Z')).toISOString()).toBe('2026-06-12T07:00:00.000Z');
  });
});

describe('breachAt', () => {
  it('is the first instant after the deadline', () => {
    expect(breachAt(at('2026-01-15T23:59:59.999Z')).toISOString()).toBe('2026-01-16T00:00:00.000Z');
  });
});

describe('lastDueAtRemindedBy', () => {
  it('before 08:00 on a Wednesday covers only duties due that day', () => {
    expect(lastDueAtRemindedBy(at('2026-01-14T07:59:00Z')).toISOString()).toBe('2026-01-14T23:59:59.999Z');
  });

  it('from 08:00 on a Wednesday covers duties due on Thursday too', () => {
    expect(lastDueAtRemindedBy(at('2026-01-14T08:00:00Z')).toISOString()).toBe('2026-01-15T23:59:59.999Z');
  });

  it('from 08:00 on a Friday covers the weekend and Monday', () => {
    expect(lastDueAtRemindedBy(at('2026-01-16T09:00:00Z')).toISOString()).toBe('2026-01-19T23:59:59.999Z');
  });

  it('over Easter, Maundy Thursday 08:00 covers up to the Tuesday after', () => {
    expect(lastDueAtRemindedBy(at('2026-04-02T07:00:00Z')).toISOString()).toBe('2026-04-07T22:59:59.999Z');
  });

  it('agrees with dueSoonAt: every deadline it covers is reminded by then, the next day is not', () => {
    for (let hour = 0; hour < 24 * 14; hour += 5) {
      const until = new Date(at('2026-12-20T00:00:00Z').getTime() + hour * 3_600_000);
      const last = lastDueAtRemindedBy(until);
      expect(dueSoonAt(last).getTime()).toBeLessThanOrEqual(until.getTime());
      expect(dueSoonAt(new Date(last.getTime() + 1)).getTime()).toBeGreaterThan(until.getTime());
    }
  });
});
