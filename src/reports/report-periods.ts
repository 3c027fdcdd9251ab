/**
 * Report periods: Europe/London calendar dates (`YYYY-MM-DD`), inclusive at both ends, cut
 * into months or quarters. Quarters are calendar quarters (January-March, April-June...),
 * labelled by the financial year the Ministry of Justice's returns use (April-June 2026
 * is `2026-27 Q1`). Only calendar arithmetic is done here; the instants a date starts
 * and ends are worked out by Postgres in Europe/London.
 */

export const REPORT_GROUPINGS = ['month', 'quarter'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/** A London calendar date, `YYYY-MM-DD`. */
export type CalendarDate = string;

export interface PeriodGroup {
  /** `2026-04` for a month, `2026-27 Q1` for a quarter, `all` for the whole period. */
  label: string;
  from: CalendarDate;
  to: CalendarDate;
  /** First days of the months the group covers (wholly or in part). */
  months: CalendarDate[];
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function parts(date: CalendarDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

function format(year: number, month: number, day: number): CalendarDate {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

export function firstOfMonth(date: CalendarDate): CalendarDate {
  const { year, month } = parts(date);
  return format(year, month, 1);
}

export function lastOfMonth(date: CalendarDate): CalendarDate {
  const { year, month } = parts(date);
  return format(year, month + 1, 0);
}

export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const { year, month } = parts(date);
  return format(year, month + months, 1);
}

/**
 * A period cut where whole months begin and end: the whole months in the middle (read
 * from the rollups) and the part months at either end (read from the tables). A period
 * inside one month, or across two part months, has no whole month.
 */
export function splitAtWholeMonths(from: CalendarDate, to: CalendarDate): { months: { from: CalendarDate; to: CalendarDate } | null; edges: Array<{ from: CalendarDate; to: CalendarDate }> } {
  const firstWhole = from === firstOfMonth(from) ? from : addMonths(from, 1);
  const lastWhole = to === lastOfMonth(to) ? to : lastOfMonth(addMonths(to, -1));
  if (firstWhole > lastWhole) return { months: null, edges: [{ from, to }] };
  const edges: Array<{ from: CalendarDate; to: CalendarDate }> = [];
  if (from < firstWhole) edges.push({ from, to: lastOfMonth(from) });
  if (to > lastWhole) edges.push({ from: firstOfMonth(to), to });
  return { months: { from: firstWhole, to: lastWhole }, edges };
}

/** Months from `from` to `to`, counting both ends' months. */
export function monthsSpanned(from: CalendarDate, to: CalendarDate): number {
  const a = parts(from);
  const b = parts(to);
  return (b.year - a.year) * 12 + (b.month - a.month) + 1;
}

/** `2026-27 Q1` for any date from April to June 2026. */
export function financialQuarterLabel(date: CalendarDate): string {
  const { year, month } = parts(date);
  const startYear = month >= 4 ? year : year - 1;
  const quarter = Math.floor(((month + 8) % 12) / 3) + 1;
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')} Q${quarter}`;
}

/** The first and last dates of quarter `quarter` (1-4) of the financial year starting in April `startYear`. */
export function financialQuarter(startYear: number, quarter: number): { from: CalendarDate; to: CalendarDate } {
  const firstMonth = 4 + (quarter - 1) * 3;
  const from = format(startYear, firstMonth, 1);
  return { from, to: lastOfMonth(addMonths(from, 2)) };
}

function quarterStart(date: CalendarDate): CalendarDate {
  const { year, month } = parts(date);
  return format(year, month - ((month - 1) % 3), 1);
}

/** The period cut into groups, each clipped to the period: a period from 15 May covers May from the 15th. */
export function periodGroups(from: CalendarDate, to: CalendarDate, grouping: ReportGrouping): PeriodGroup[] {
  const groups: PeriodGroup[] = [];
  let start = grouping === 'month' ? firstOfMonth(from) : quarterStart(from);
  const step = grouping === 'month' ? 1 : 3;
  while (start <= to) {
    const next = addMonths(start, step);
    const end = format(parts(next).year, parts(next).month, 0);
    const months: CalendarDate[] = [];
    for (let month = start; month < next; month = addMonths(month, 1)) {
      if (month <= to && lastOfMonth(month) >= from) months.push(month);
    }
    groups.push({
      label: grouping === 'month' ? start.slice(0, 7) : financialQuarterLabel(start),
      from: start < from ? from : start,
      to: end > to ? to : end,
      months,
    });
    start = next;
  }
  return groups;
}

/** The whole period as one group. */
export function wholePeriod(from: CalendarDate, to: CalendarDate): PeriodGroup {
  const months: CalendarDate[] = [];
  for (let month = firstOfMonth(from); month <= to; month = addMonths(month, 1)) months.push(month);
  return { label: 'all', from, to, months };
}
