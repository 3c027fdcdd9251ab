import { isWorkingDay, type LondonDate, londonDate } from '../../libs/working-days/src/index.js';

/** The digest goes out at the start of the working day in London. */
export const DIGEST_HOUR_LONDON = 8;
/**
 * A worker down at 08:00 still sends that morning's digest when it is back, until this
 * hour; after it the day is under way and the work queue itself is the better guide.
 */
export const DIGEST_LAST_HOUR_LONDON = 12;

const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });

/** The London day whose digest is due at `now` (a working day, from 08:00 to before 12:00 London), else null. */
export function digestDayAt(now: Date): LondonDate | null {
  const hour = Number(LONDON_HOUR.format(now));
  if (hour < DIGEST_HOUR_LONDON || hour >= DIGEST_LAST_HOUR_LONDON) return null;
  return isWorkingDay(now) ? londonDate(now) : null;
}

/** `daily-digest:<YYYY-MM-DD London>:<email>`: one digest per recipient and day, however often it is asked for. */
export function digestDedupeKey(day: LondonDate, email: string): string {
  return `daily-digest:${day}:${email}`;
}
