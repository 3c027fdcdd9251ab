import { describe, expect, it } from '@jest/globals';
import {
  addCalendarDays,
  addCalendarMonths,
  addWorkingDays,
  addWorkingHours,
  atHourOnWorkingDayBefore,
  createCalendar,
  endOfLondonDay,
  isWorkingDay,
  londonDate,
  WorkingDayCalendar,
  workingDaysBetween,
} from './index.js';

// Instants are written in UTC with the London wall time beside them: in winter (GMT)
// London = UTC, in summer (BST) London = UTC + 1.
const at = (isoUtc: string): Date => new Date(isoUtc);

describe('isWorkingDay', () => {
  it('counts Monday to Friday as working days', () => {
    expect(isWorkingDay(at('2026-01-12T09:00:00Z'))).toBe(true); // Monday
    expect(isWorkingDay(at('2026-01-16T17:00:00Z'))).toBe(true); // Friday
  });

  it('does not count Saturday or Sunday', () => {
    expect(isWorkingDay(at('2026-01-17T12:00:00Z'))).toBe(false);
    expect(isWorkingDay(at('2026-01-18T12:00:00Z'))).toBe(false);
  });

  it('judges the London day, not the UTC day: 00:30 BST on Saturday is 23:30 UTC on Friday', () => {
    expect(isWorkingDay(at('2026-06-05T23:30:00Z'))).toBe(false); // Saturday 00:30 BST
    expect(isWorkingDay(at('2026-06-07T23:30:00Z'))).toBe(true); // Monday 00:30 BST
  });

  it('refuses an invalid Date', () => {
    expect(() => isWorkingDay(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('counts the day of the event as day 0 even when it is a working day', () => {
    // Monday 09:00 -> end of Tuesday
    expect(addWorkingDays(at('2026-01-12T09:00:00Z'), 1).toISOString()).toBe('2026-01-13T23:59:59.999Z');
  });

  it('makes an event at 00:30 on Saturday with 1 working day due at the end of Monday', () => {
    expect(addWorkingDays(at('2026-01-10T00:30:00Z'), 1).toISOString()).toBe('2026-01-12T23:59:59.999Z');
  });

  it('makes an event at 00:30 on a Saturday before a bank holiday Monday due at the end of Tuesday', () => {
    // Saturday 2 May 2026 00:30 BST is Friday 23:30 UTC; Monday 4 May is the early May bank holiday.
    expect(addWorkingDays(at('2026-05-01T23:30:00Z'), 1).toISOString()).toBe('2026-05-05T22:59:59.999Z');
  });

  it('counts an event on a Sunday from the next working day', () => {
    expect(addWorkingDays(at('2026-01-18T15:00:00Z'), 2).toISOString()).toBe('2026-01-20T23:59:59.999Z');
  });

  it('counts an event on a bank holiday from the next working day', () => {
    // Good Friday 2026, then Easter Monday: Tuesday 7 April is the first working day.
    expect(addWorkingDays(at('2026-04-03T10:00:00Z'), 1).toISOString()).toBe('2026-04-07T22:59:59.999Z');
  });

  it('counts 5 working days across a weekend', () => {
    // Wednesday 14 January -> Wednesday 21 January
    expect(addWorkingDays(at('2026-01-14T11:00:00Z'), 5).toISOString()).toBe('2026-01-21T23:59:59.999Z');
  });

  describe('events around London midnight', () => {
    it('puts 23:30 GMT on Friday on Friday, whatever the server time zone', () => {
      expect(addWorkingDays(at('2026-01-16T23:30:00Z'), 1).toISOString()).toBe('2026-01-19T23:59:59.999Z');
    });

    it('puts 00:30 GMT on Saturday on Saturday', () => {
      expect(addWorkingDays(at('2026-01-17T00:30:00Z'), 1).toISOString()).toBe('2026-01-19T23:59:59.999Z');
    });

    it('puts 23:30 BST on Monday (22:30 UTC) on Monday', () => {
      expect(addWorkingDays(at('2026-06-08T22:30:00Z'), 1).toISOString()).toBe('2026-06-09T22:59:59.999Z');
    });

    it('puts 00:30 BST on Tuesday (23:30 UTC on Monday) on Tuesday', () => {
      expect(addWorkingDays(at('2026-06-08T23:30:00Z'), 1).toISOString()).toBe('2026-06-10T22:59:59.999Z');
    });

    it('puts 23:59:59.999 London on the day it ends and 00:00 London on the next day', () => {
      expect(addWorkingDays(at('2026-06-08T22:59:59.999Z'), 1).toISOString()).toBe('2026-06-09T22:59:59.999Z');
      expect(addWorkingDays(at('2026-06-08T23:00:00.000Z'), 1).toISOString()).toBe('2026-06-10T22:59:59.999Z');
    });
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p days', (days) => {
    expect(() => addWorkingDays(at('2026-01-12T09:00:00Z'), days)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('is 0 on the same London day', () => {
    expect(workingDaysBetween(at('2026-01-12T09:00:00Z'), at('2026-01-12T23:59:00Z'))).toBe(0);
  });

  it('is 0 when the second instant is before the first', () => {
    expect(workingDaysBetween(at('2026-01-14T09:00:00Z'), at('2026-01-12T09:00:00Z'))).toBe(0);
  });

  it('counts the working days after the first day up to and including the second', () => {
    expect(workingDaysBetween(at('2026-01-16T23:59:59.999Z'), at('2026-01-19T00:01:00Z'))).toBe(1); // Fri -> Mon
    expect(workingDaysBetween(at('2026-01-12T09:00:00Z'), at('2026-01-16T09:00:00Z'))).toBe(4); // Mon -> Fri
  });

  it('counts nothing for a weekend', () => {
    expect(workingDaysBetween(at('2026-01-16T23:59:59.999Z'), at('2026-01-18T12:00:00Z'))).toBe(0);
  });

  it('skips bank holidays: Maundy Thursday to Easter Tuesday 2026 is 1 working day', () => {
    expect(workingDaysBetween(at('2026-04-02T22:59:59.999Z'), at('2026-04-07T09:00:00Z'))).toBe(1);
  });

  it('uses London days: 23:30 UTC on a summer Monday is already Tuesday', () => {
    expect(workingDaysBetween(at('2026-06-08T12:00:00Z'), at('2026-06-08T23:30:00Z'))).toBe(1);
  });
});

describe('a calendar with closure days', () => {
  const vcasCleveland = createCalendar({ closureDays: ['2026-12-29', '2026-12-30', '2026-12-31'] });

  it('does not count a closure day as a working day', () => {
    expect(vcasCleveland.isWorkingDay(at('2026-12-30T12:00:00Z'))).toBe(false);
    expect(isWorkingDay(at('2026-12-30T12:00:00Z'))).toBe(true);
  });

  it('skips closure days in deadlines: 1 working day from Christmas Eve 2026 is Monday 4 January 2027', () => {
    expect(vcasCleveland.addWorkingDays(at('2026-12-24T12:00:00Z'), 1).toISOString()).toBe('2027-01-04T23:59:59.999Z');
  });

  it('skips closure days when counting lateness', () => {
    expect(vcasCleveland.workingDaysBetween(at('2026-12-24T12:00:00Z'), at('2027-01-04T12:00:00Z'))).toBe(1);
  });

  it('builds the same calendar with new WorkingDayCalendar', () => {
    const calendar = new WorkingDayCalendar({ closureDays: ['2026-12-30'] });
    expect(calendar.isWorkingDay(at('2026-12-30T12:00:00Z'))).toBe(false);
  });

  it.each(['2026-02-30', '29/12/2026', '2026-1-5', ''])('refuses the closure day %p', (closureDay) => {
    expect(() => createCalendar({ closureDays: [closureDay] })).toThrow(RangeError);
  });
});

describe('addCalendarDays', () => {
  it('gives the end of the 28th London day after sentence (Unduly Lenient Sentence scheme)', () => {
    // Sentence Monday 2 March 2026 (GMT); the 28th day is Monday 30 March, in BST.
    expect(addCalendarDays(at('2026-03-02T15:00:00Z'), 28).toISOString()).toBe('2026-03-30T22:59:59.999Z');
  });

  it('counts weekends and bank holidays', () => {
    expect(addCalendarDays(at('2026-04-02T12:00:00Z'), 1).toISOString()).toBe('2026-04-03T22:59:59.999Z');
  });

  it('refuses 0 days', () => {
    expect(() => addCalendarDays(at('2026-04-02T12:00:00Z'), 0)).toThrow(RangeError);
  });
});

describe('addCalendarMonths', () => {
  it('ends on the same day of the month', () => {
    expect(addCalendarMonths(at('2026-01-15T10:00:00Z'), 3).toISOString()).toBe('2026-04-15T22:59:59.999Z');
  });

  it('ends on the last day of a shorter month', () => {
    expect(addCalendarMonths(at('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T23:59:59.999Z');
    expect(addCalendarMonths(at('2027-11-30T10:00:00Z'), 3).toISOString()).toBe('2028-02-29T23:59:59.999Z');
  });

  it('crosses a year end', () => {
    expect(addCalendarMonths(at('2026-11-05T10:00:00Z'), 3).toISOString()).toBe('2027-02-05T23:59:59.999Z');
  });

  it('refuses a fraction of a month', () => {
    expect(() => addCalendarMonths(at('2026-11-05T10:00:00Z'), 0.5)).toThrow(RangeError);
  });
});

describe('endOfLondonDay and londonDate', () => {
  it('ends a winter day at 23:59:59.999 UTC', () => {
    expect(endOfLondonDay(at('2026-01-12T00:00:00Z')).toISOString()).toBe('2026-01-12T23:59:59.999Z');
  });

  it('ends a summer day at 22:59:59.999 UTC', () => {
    expect(endOfLondonDay(at('2026-07-01T08:00:00Z')).toISOString()).toBe('2026-07-01T22:59:59.999Z');
  });

  it('gives the London date, which can be a day ahead of the UTC date in summer', () => {
    expect(londonDate(at('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonDate(at('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});

describe('addWorkingHours', () => {
  it('stops the clock over a weekend: 24 working hours from Friday 16:00 is Monday 16:00', () => {
    expect(addWorkingHours(at('2026-01-16T16:00:00Z'), 24).toISOString()).toBe('2026-01-19T16:00:00.000Z');
  });

  it('starts the clock at the next working midnight for an event on a day off', () => {
    expect(addWorkingHours(at('2026-01-17T10:00:00Z'), 8).toISOString()).toBe('2026-01-19T08:00:00.000Z');
  });

  it('stops the clock over bank holidays, in London time', () => {
    // Maundy Thursday 2026 20:00 BST: 4 hours left that day, 4 more from Tuesday 00:00 BST.
    expect(addWorkingHours(at('2026-04-02T19:00:00Z'), 8).toISOString()).toBe('2026-04-07T03:00:00.000Z');
  });

  it('ends exactly at midnight when the hours fill the working day', () => {
    expect(addWorkingHours(at('2026-01-12T00:00:00Z'), 24).toISOString()).toBe('2026-01-13T00:00:00.000Z');
  });

  it('honours closure days', () => {
    const calendar = createCalendar({ closureDays: ['2026-01-19'] });
    expect(calendar.addWorkingHours(at('2026-01-16T16:00:00Z'), 24).toISOString()).toBe('2026-01-20T16:00:00.000Z');
  });

  it('refuses 0 hours', () => {
    expect(() => addWorkingHours(at('2026-01-16T16:00:00Z'), 0)).toThrow(RangeError);
  });
});

describe('atHourOnWorkingDayBefore', () => {
  it('is 08:00 London on the day before a midweek due day (GMT)', () => {
    // Due Wednesday 14 January 2026, 23:59 GMT.
    expect(atHourOnWorkingDayBefore(at('2026-01-14T23:59:59.999Z'), 8).toISOString()).toBe('2026-01-13T08:00:00.000Z');
  });

  it('is 08:00 BST, 07:00 UTC, in summer', () => {
    expect(atHourOnWorkingDayBefore(at('2026-06-10T22:59:59.999Z'), 8).toISOString()).toBe('2026-06-09T07:00:00.000Z');
  });

  it('skips the weekend: a Monday due day is reminded on the Friday', () => {
    expect(atHourOnWorkingDayBefore(at('2026-01-19T12:00:00Z'), 8).toISOString()).toBe('2026-01-16T08:00:00.000Z');
  });

  it('skips bank holidays: the Tuesday after Easter is reminded on Maundy Thursday', () => {
    expect(atHourOnWorkingDayBefore(at('2026-04-07T22:59:59.999Z'), 8).toISOString()).toBe('2026-04-02T07:00:00.000Z');
  });

  it('judges the London day of the instant: 23:30 UTC on a summer Wednesday is Thursday in London', () => {
    expect(atHourOnWorkingDayBefore(at('2026-06-10T23:30:00Z'), 8).toISOString()).toBe('2026-06-10T07:00:00.000Z');
  });

  it('honours closure days', () => {
    const calendar = createCalendar({ closureDays: ['2026-01-13'] });
    expect(calendar.atHourOnWorkingDayBefore(at('2026-01-14T12:00:00Z'), 8).toISOString()).toBe('2026-01-12T08:00:00.000Z');
  });

  it('refuses an hour outside 0-23 or not whole', () => {
    expect(() => atHourOnWorkingDayBefore(at('2026-01-14T12:00:00Z'), 24)).toThrow(RangeError);
    expect(() => atHourOnWorkingDayBefore(at('2026-01-14T12:00:00Z'), -1)).toThrow(RangeError);
    expect(() => atHourOnWorkingDayBefore(at('2026-01-14T12:00:00Z'), 7.5)).toThrow(RangeError);
  });
});
