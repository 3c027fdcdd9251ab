import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addWorkingDays, createCalendar, isWorkingDay, londonDate, workingDaysBetween } from './index.js';

// Far enough inside 2015-2035 that 60 working days never leave the generated years.
const instants = fc.date({
  min: new Date('2015-01-01T00:00:00Z'),
  max: new Date('2035-09-30T23:59:59.999Z'),
  noInvalidDate: true,
});
const workingDayCounts = fc.integer({ min: 1, max: 60 });

const isLastMillisecondOfLondonDay = (at: Date): boolean =>
  londonDate(new Date(at.getTime() + 1)) !== londonDate(at) &&
  londonDate(new Date(at.getTime() - 1)) === londonDate(at);

describe('working-day properties', () => {
  it('always falls due on a working day', () => {
    fc.assert(fc.property(instants, workingDayCounts, (from, days) => isWorkingDay(addWorkingDays(from, days))));
  });

  it('always falls due at 23:59:59.999 London time', () => {
    fc.assert(
      fc.property(instants, workingDayCounts, (from, days) => isLastMillisecondOfLondonDay(addWorkingDays(from, days))),
    );
  });

  it('never gives an earlier due date for more days', () => {
    fc.assert(
      fc.property(instants, workingDayCounts, workingDayCounts, (from, a, b) => {
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        return addWorkingDays(from, fewer).getTime() <= addWorkingDays(from, more).getTime();
      }),
    );
  });

  it('never gives an earlier due date for a later event', () => {
    fc.assert(
      fc.property(instants, instants, workingDayCounts, (x, y, days) => {
        const [earlier, later] = x <= y ? [x, y] : [y, x];
        return addWorkingDays(earlier, days).getTime() <= addWorkingDays(later, days).getTime();
      }),
    );
  });

  it('is always after the event, on a later London day', () => {
    fc.assert(
      fc.property(
        instants,
        workingDayCounts,
        (from, days) => londonDate(addWorkingDays(from, days)) > londonDate(from),
      ),
    );
  });

  it('counts back exactly the working days it added', () => {
    fc.assert(
      fc.property(instants, workingDayCounts, (from, days) => {
        expect(workingDaysBetween(from, addWorkingDays(from, days))).toBe(days);
      }),
    );
  });

  it('keeps these properties with closure days', () => {
    const calendar = createCalendar({ closureDays: ['2026-12-29', '2026-12-30', '2026-12-31', '2027-08-31'] });
    fc.assert(
      fc.property(instants, workingDayCounts, (from, days) => {
        const due = calendar.addWorkingDays(from, days);
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(calendar.workingDaysBetween(from, due)).toBe(days);
      }),
    );
  });
});
