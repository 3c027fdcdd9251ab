import { describe, expect, it } from '@jest/globals';
import { addWorkingDays, endOfLondonDay, londonDate, workingDaysBetween } from './index.js';

// UK clocks go forward at 01:00 UTC on the last Sunday of March and back at 01:00 UTC
// on the last Sunday of October. In 2024 and 2027 the spring change falls on Easter
// Sunday, so the first working day after it is the Tuesday.
const CLOCK_CHANGES = [
  { year: 2024, forward: '2024-03-31', firstWorkingDayAfterForward: '2024-04-02', back: '2024-10-27' },
  { year: 2025, forward: '2025-03-30', firstWorkingDayAfterForward: '2025-03-31', back: '2025-10-26' },
  { year: 2026, forward: '2026-03-29', firstWorkingDayAfterForward: '2026-03-30', back: '2026-10-25' },
  { year: 2027, forward: '2027-03-28', firstWorkingDayAfterForward: '2027-03-30', back: '2027-10-31' },
];

const dayOffset = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe.each(CLOCK_CHANGES)('clock changes in $year', ({ forward, firstWorkingDayAfterForward, back }) => {
  const saturdayBeforeForward = dayOffset(forward, -1);
  const fridayBeforeForward = dayOffset(forward, -2);
  const saturdayBeforeBack = dayOffset(back, -1);
  const fridayBeforeBack = dayOffset(back, -2);
  const mondayAfterBack = dayOffset(back, 1);

  describe('clocks go forward', () => {
    it('is still the Sunday in London just before and just after 01:00 UTC', () => {
      expect(londonDate(new Date(`${forward}T00:59:59.999Z`))).toBe(forward);
      expect(londonDate(new Date(`${forward}T01:00:00.000Z`))).toBe(forward);
    });

    it('makes the Sunday a 23-hour day ending at 22:59:59.999 UTC', () => {
      expect(endOfLondonDay(new Date(`${forward}T00:30:00Z`)).toISOString()).toBe(`${forward}T22:59:59.999Z`);
      expect(endOfLondonDay(new Date(`${saturdayBeforeForward}T23:30:00Z`)).toISOString()).toBe(
        `${saturdayBeforeForward}T23:59:59.999Z`,
      );
    });

    it('makes a decision at 23:30 GMT on the Friday before due at 23:59:59.999 BST on the next working day', () => {
      expect(addWorkingDays(new Date(`${fridayBeforeForward}T23:30:00Z`), 1).toISOString()).toBe(
        `${firstWorkingDayAfterForward}T22:59:59.999Z`,
      );
    });

    it('makes an event at 00:30 GMT on the Sunday due at the end of the next working day, in BST', () => {
      expect(addWorkingDays(new Date(`${forward}T00:30:00Z`), 1).toISOString()).toBe(
        `${firstWorkingDayAfterForward}T22:59:59.999Z`,
      );
    });

    it('counts one working day from the Friday to the next working day', () => {
      expect(
        workingDaysBetween(
          new Date(`${fridayBeforeForward}T23:59:59.999Z`),
          new Date(`${firstWorkingDayAfterForward}T09:00:00Z`),
        ),
      ).toBe(1);
    });
  });

  describe('clocks go back', () => {
    it('makes 23:00 UTC on the Saturday the first moment of the Sunday in London (00:00 BST)', () => {
      expect(londonDate(new Date(`${saturdayBeforeBack}T22:59:59.999Z`))).toBe(saturdayBeforeBack);
      expect(londonDate(new Date(`${saturdayBeforeBack}T23:00:00.000Z`))).toBe(back);
    });

    it('puts both 01:30s of the Sunday (BST, then GMT) on the Sunday', () => {
      expect(londonDate(new Date(`${back}T00:30:00Z`))).toBe(back);
      expect(londonDate(new Date(`${back}T01:30:00Z`))).toBe(back);
    });

    it('makes the Sunday a 25-hour day ending at 23:59:59.999 UTC', () => {
      expect(endOfLondonDay(new Date(`${saturdayBeforeBack}T23:30:00Z`)).toISOString()).toBe(`${back}T23:59:59.999Z`);
      expect(endOfLondonDay(new Date(`${saturdayBeforeBack}T12:00:00Z`)).toISOString()).toBe(
        `${saturdayBeforeBack}T22:59:59.999Z`,
      );
    });

    it('makes a decision at 23:30 BST on the Friday before (22:30 UTC) due at 23:59:59.999 GMT on Monday', () => {
      expect(addWorkingDays(new Date(`${fridayBeforeBack}T22:30:00Z`), 1).toISOString()).toBe(
        `${mondayAfterBack}T23:59:59.999Z`,
      );
    });

    it('makes an event at 00:30 BST on the Sunday (23:30 UTC on Saturday) due at the end of Monday', () => {
      expect(addWorkingDays(new Date(`${saturdayBeforeBack}T23:30:00Z`), 1).toISOString()).toBe(
        `${mondayAfterBack}T23:59:59.999Z`,
      );
    });
  });
});
