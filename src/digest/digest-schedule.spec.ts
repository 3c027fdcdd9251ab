import { describe, expect, it } from '@jest/globals';
import { digestDayAt, digestDedupeKey, digestPlanDayAt, digestTimeOn } from './digest-schedule.js';

const at = (isoUtc: string): Date => new Date(isoUtc);

describe('digestDayAt', () => {
  it('is the London day from 08:00 London on a working day', () => {
    expect(digestDayAt(at('2026-01-15T07:59:59Z'))).toBeNull();
    expect(digestDayAt(at('2026-01-15T08:00:00Z'))).toBe('2026-01-15');
  });

  it('counts 08:00 in British Summer Time', () => {
    expect(digestDayAt(at('2026-06-15T06:59:00Z'))).toBeNull();
    expect(digestDayAt(at('2026-06-15T07:00:00Z'))).toBe('2026-06-15');
  });

  it('still sends later that morning, until noon London', () => {
    expect(digestDayAt(at('2026-01-15T11:59:59Z'))).toBe('2026-01-15');
    expect(digestDayAt(at('2026-01-15T12:00:00Z'))).toBeNull();
  });

  it('is never a weekend or a bank holiday', () => {
    expect(digestDayAt(at('2026-01-17T09:00:00Z'))).toBeNull();
    expect(digestDayAt(at('2026-01-18T09:00:00Z'))).toBeNull();
    expect(digestDayAt(at('2026-12-25T09:00:00Z'))).toBeNull();
  });
});

describe('digestPlanDayAt and digestTimeOn', () => {
  it('plans from 07:50 London, so the jobs can wait for 08:00 itself', () => {
    expect(digestPlanDayAt(at('2026-01-15T07:49:59Z'))).toBeNull();
    expect(digestPlanDayAt(at('2026-01-15T07:50:00Z'))).toBe('2026-01-15');
    expect(digestPlanDayAt(at('2026-06-15T06:50:00Z'))).toBe('2026-06-15');
    expect(digestPlanDayAt(at('2026-01-15T12:00:00Z'))).toBeNull();
    expect(digestPlanDayAt(at('2026-01-17T07:55:00Z'))).toBeNull();
  });

  it('is 08:00 London in GMT and in British Summer Time', () => {
    expect(digestTimeOn('2026-01-15').toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(digestTimeOn('2026-06-15').toISOString()).toBe('2026-06-15T07:00:00.000Z');
    // The Monday after each clock change.
    expect(digestTimeOn('2026-03-30').toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(digestTimeOn('2026-10-26').toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });
});

describe('digestDedupeKey', () => {
  it('is one key per London day and recipient', () => {
    expect(digestDedupeKey('2026-01-15', 'worker@example.org')).toBe('daily-digest:2026-01-15:worker@example.org');
  });
});
