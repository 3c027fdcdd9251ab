import type { WorkingDayCalendar } from '../../working-days/src/index.js';

export type TimescaleUnit = 'working_days' | 'working_hours' | 'calendar_days' | 'calendar_months';

/** "Within `amount` `unit`" of an event. */
export interface Timescale {
  readonly unit: TimescaleUnit;
  readonly amount: number;
}

/** The last instant inside the timescale counted from `from`. */
export function endOfTimescale(timescale: Timescale, from: Date, calendar: WorkingDayCalendar): Date {
  switch (timescale.unit) {
    case 'working_days':
      return calendar.addWorkingDays(from, timescale.amount);
    case 'working_hours':
      return calendar.addWorkingHours(from, timescale.amount);
    case 'calendar_days':
      return calendar.addCalendarDays(from, timescale.amount);
    case 'calendar_months':
      return calendar.addCalendarMonths(from, timescale.amount);
  }
}

export const workingDays = (amount: number): Timescale => ({ unit: 'working_days', amount });
