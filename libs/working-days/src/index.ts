import { WorkingDayCalendar } from './calendar.js';
import type { LondonDate } from './london-day.js';

export { WorkingDayCalendar, createCalendar } from './calendar.js';
export type { CalendarOptions } from './calendar.js';
export type { LondonDate } from './london-day.js';
export { BANK_HOLIDAYS_FIRST_YEAR, BANK_HOLIDAYS_LAST_YEAR } from './bank-holidays.generated.js';

/** Bank holidays only: no deployment closure days. */
export const defaultCalendar = new WorkingDayCalendar();

export function isWorkingDay(at: Date): boolean {
  return defaultCalendar.isWorkingDay(at);
}

export function addWorkingDays(from: Date, days: number): Date {
  return defaultCalendar.addWorkingDays(from, days);
}

export function workingDaysBetween(from: Date, to: Date): number {
  return defaultCalendar.workingDaysBetween(from, to);
}

export function addWorkingHours(from: Date, hours: number): Date {
  return defaultCalendar.addWorkingHours(from, hours);
}

export function addCalendarDays(from: Date, days: number): Date {
  return defaultCalendar.addCalendarDays(from, days);
}

export function addCalendarMonths(from: Date, months: number): Date {
  return defaultCalendar.addCalendarMonths(from, months);
}

export function endOfLondonDay(at: Date): Date {
  return defaultCalendar.endOfLondonDay(at);
}

export function atHourOnWorkingDayBefore(at: Date, hour: number): Date {
  return defaultCalendar.atHourOnWorkingDayBefore(at, hour);
}

export function londonDate(at: Date): LondonDate {
  return defaultCalendar.londonDate(at);
}
