import type { LondonDate } from '../../working-days/src/index.js';

const LONDON_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The year and 'MM-DD' of a London date; a RangeError naming `name` for anything that is not a real 'YYYY-MM-DD'. */
export function londonDateParts(date: LondonDate, name: string): { readonly year: number; readonly monthDay: string } {
  const match = LONDON_DATE.exec(date);
  // Date.UTC rolls 2026-02-30 over to 2 March; reading the date back catches that.
  const real =
    match !== null &&
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === date;
  if (!real) throw new RangeError(`${name} must be a calendar date as 'YYYY-MM-DD', got '${date}'`);
  return { year: Number(match![1]), monthDay: date.slice(5) };
}
