import { describe, expect, it } from '@jest/globals';
import { reminderRetryDelay } from './reminder-retries.js';
import { retryHorizon } from './reminder-times.js';

const policy = { retryDelayMs: 5_000, retryMaxDelayMs: 15 * 60_000 };

describe('reminderRetryDelay', () => {
  it('waits 5 s after the first refusal and doubles after each one', () => {
    expect([1, 2, 3, 4, 5].map((failures) => reminderRetryDelay(failures, policy))).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
  });

  it('never waits longer than the cap, however long the outage', () => {
    expect(reminderRetryDelay(8, policy)).toBe(640_000);
    expect(reminderRetryDelay(9, policy)).toBe(15 * 60_000);
    expect(reminderRetryDelay(10_000, policy)).toBe(15 * 60_000);
  });

  it('takes a cap below the first delay as the first delay', () => {
    expect(reminderRetryDelay(3, { retryDelayMs: 5_000, retryMaxDelayMs: 1_000 })).toBe(5_000);
  });
});

describe('retryHorizon', () => {
  const due = new Date('2026-01-14T23:59:59.999Z');

  it('retries a due-soon reminder until the deadline has passed', () => {
    expect(retryHorizon('due-soon', due).toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });

  it('retries an escalation until a day after the breach', () => {
    expect(retryHorizon('breach', due).toISOString()).toBe('2026-01-16T00:00:00.000Z');
  });
});
