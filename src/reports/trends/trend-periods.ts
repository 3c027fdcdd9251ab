import { BANK_HOLIDAYS_FIRST_YEAR } from '../../../libs/working-days/src/index.js';
import { addMonths, type CalendarDate, firstOfMonth, lastOfMonth } from '../report-periods.js';

export interface DateRange {
  from: CalendarDate;
  to: CalendarDate;
}

const DAY_MS = 86_400_000;

function shiftDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The same calendar date a year before; 29 February becomes the 28th. */
function yearBefore(date: CalendarDate): CalendarDate {
  const [year, month, day] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(year - 1, month - 1, day));
  return (shifted.getUTCMonth() === month - 1 ? shifted : new Date(Date.UTC(year - 1, month, 0))).toISOString().slice(0, 10);
}

function isWholeMonths(range: DateRange): boolean {
  return range.from === firstOfMonth(range.from) && range.to === lastOfMonth(range.to);
}

function monthsIn(range: DateRange): number {
  const [fromYear, fromMonth] = range.from.split('-').map(Number);
  const [toYear, toMonth] = range.to.split('-').map(Number);
  return (toYear - fromYear) * 12 + (toMonth - fromMonth) + 1;
}

/** Whether the working-day calendar (and so the reports) knows the range. */
function known(range: DateRange): DateRange | null {
  return range.from >= `${BANK_HOLIDAYS_FIRST_YEAR}-01-01` ? range : null;
}

/**
 * The period just before, as long: whole months give the same number of whole months
 * (April-June: January-March), any other period the same number of days.
 */
export function previousPeriod(period: DateRange): DateRange | null {
  if (isWholeMonths(period)) {
    const months = monthsIn(period);
    return known({ from: addMonths(period.from, -months), to: lastOfMonth(addMonths(period.from, -1)) });
  }
  const days = Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / DAY_MS) + 1;
  return known({ from: shiftDays(period.from, -days), to: shiftDays(period.from, -1) });
}

/** The same period a year before (whole months stay whole: February ends on its own last day). */
export function samePeriodLastYear(period: DateRange): DateRange | null {
  const to = isWholeMonths(period) ? lastOfMonth(yearBefore(firstOfMonth(period.to))) : yearBefore(period.to);
  return known({ from: yearBefore(period.from), to });
}

/** The 12 whole months ending with the period's last month. */
export function rollingTwelveMonths(period: DateRange): DateRange {
  const from = addMonths(firstOfMonth(period.to), -11);
  const first = `${BANK_HOLIDAYS_FIRST_YEAR}-01-01`;
  return { from: from < first ? first : from, to: lastOfMonth(period.to) };
}
