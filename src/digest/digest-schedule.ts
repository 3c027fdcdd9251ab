import { isWorkingDay, type LondonDate, londonDate } from '../../libs/working-days/src/index.js';

/** The digest goes out at the start of the working day in London. */
export const DIGEST_HOUR_LONDON = 8;
/**
 * A worker down at 08:00 still sends that morning's digest when it is back, until this
 * hour; after it the day is under way and the work queue itself is the better guide.
 */
export const DIGEST_LAST_HOUR_LONDON = 12;
/**
 * The day's digests are planned this long before 08:00: their jobs wait in Redis as delayed
 * jobs and go out at 08:00 itself, not at the first planner run after it.
 */
export const DIGEST_PLAN_AHEAD_MINUTES = 10;

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function londonMinutesOf(now: Date): number {
  const [hour, minute] = LONDON_TIME.format(now).split(':').map(Number);
  return hour * 60 + minute;
}

/** The London day whose digest is due at `now` (a working day, from 08:00 to before 12:00 London), else null. */
export function digestDayAt(now: Date): LondonDate | null {
  const minutes = londonMinutesOf(now);
  if (minutes < DIGEST_HOUR_LONDON * 60 || minutes >= DIGEST_LAST_HOUR_LONDON * 60) return null;
  return isWorkingDay(now) ? londonDate(now) : null;
}

/** The London working day whose digests may be planned at `now` (from 07:50 to before 12:00 London), else null. */
export function digestPlanDayAt(now: Date): LondonDate | null {
  const minutes = londonMinutesOf(now);
  if (minutes < DIGEST_HOUR_LONDON * 60 - DIGEST_PLAN_AHEAD_MINUTES || minutes >= DIGEST_LAST_HOUR_LONDON * 60) return null;
  return isWorkingDay(now) ? londonDate(now) : null;
}

/** 08:00 London on `day`: 08:00 UTC in GMT, 07:00 UTC in British Summer Time. */
export function digestTimeOn(day: LondonDate): Date {
  for (const utc of ['08', '07']) {
    const at = new Date(`${day}T${utc}:00:00.000Z`);
    if (londonMinutesOf(at) === DIGEST_HOUR_LONDON * 60) return at;
  }
  throw new RangeError(`no 08:00 London on ${day}`);
}

/** `daily-digest:<YYYY-MM-DD London>:<email>`: one digest per recipient and day, however often it is asked for. */
export function digestDedupeKey(day: LondonDate, email: string): string {
  return `daily-digest:${day}:${email}`;
}
