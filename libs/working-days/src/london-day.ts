/**
 * Calendar days as they are in Europe/London, whatever the server's time zone.
 *
 * A London day is held as a day number (days since 1970-01-01) so that stepping through
 * the calendar is integer arithmetic; only the two edges (instant -> London day, London
 * day -> instant) ask Intl about the time zone. Nothing here reads the process TZ: the
 * only Date methods used are the UTC ones.
 */

const MS_PER_DAY = 86_400_000;

/** A calendar date in Europe/London as 'YYYY-MM-DD'. */
export type LondonDate = string;

// Built once: constructing an Intl.DateTimeFormat is far slower than using one.
const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface LondonWallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function londonWallClock(at: Date): LondonWallClock {
  const parts: Record<string, number> = {};
  for (const part of londonClock.formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year']!,
    month: parts['month']!,
    day: parts['day']!,
    hour: parts['hour']!,
    minute: parts['minute']!,
    second: parts['second']!,
  };
}

function assertValidInstant(at: Date): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new RangeError(`Expected a valid Date, got ${String(at)}`);
  }
}

/** The London day (days since 1970-01-01) on which the instant `at` falls. */
export function londonDayOf(at: Date): number {
  assertValidInstant(at);
  const instantMs = at.getTime();
  // Date.UTC reads years 0-99 as 1900-1999, so the wall clock is the only exact answer there.
  if (instantMs < FIRST_CACHED_INSTANT_MS) return londonDayFromWallClock(at);
  // The offset is a whole number of seconds, so adding it to the instant gives the wall clock's day.
  return Math.floor((instantMs + londonOffsetMs(instantMs)) / MS_PER_DAY);
}

/** The London day as Intl's wall clock shows it: the reference the cached offsets agree with. */
export function londonDayFromWallClock(at: Date): number {
  const { year, month, day } = londonWallClock(at);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** How far London's wall clock is ahead of UTC at `instantMs`, as Intl tells it (no cache). */
export function londonOffsetFromWallClock(instantMs: number): number {
  const wall = londonWallClock(new Date(instantMs));
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(instantMs / 1000) * 1000;
}

const MS_PER_HOUR = 3_600_000;
const FIRST_CACHED_INSTANT_MS = Date.UTC(1000, 0, 1);

// Asking Intl for the wall clock is by far the slowest step of every deadline, and London's
// offset changes twice a year. So the offset is remembered per UTC hour in which it does not
// change (every hour since 1847: the clocks change on the hour UTC), in a small
// direct-mapped table: bounded memory, and a miss only asks Intl again.
const CACHE_SLOTS = 8192;
const cachedHours = new Float64Array(CACHE_SLOTS).fill(Number.NaN);
const cachedOffsets = new Int32Array(CACHE_SLOTS);

/** How far London's wall clock is ahead of UTC at `instantMs` (0 in GMT, 1 hour in BST). */
function londonOffsetMs(instantMs: number): number {
  const hour = Math.floor(instantMs / MS_PER_HOUR);
  const slot = ((hour % CACHE_SLOTS) + CACHE_SLOTS) % CACHE_SLOTS;
  if (cachedHours[slot] === hour) return cachedOffsets[slot]!;
  const atStart = londonOffsetFromWallClock(hour * MS_PER_HOUR);
  // An hour in which the offset changed (1847's move from local mean time) is never cached.
  if (atStart !== londonOffsetFromWallClock(hour * MS_PER_HOUR + MS_PER_HOUR - 1)) return londonOffsetFromWallClock(instantMs);
  cachedHours[slot] = hour;
  cachedOffsets[slot] = atStart;
  return atStart;
}

/**
 * The instant London's clocks show 00:00 on `londonDay`. UK clocks change at 01:00 GMT
 * (spring) and 02:00 BST (autumn), so midnight always exists and exists once; the
 * offset is read at the candidate instant itself, never at "midnight UTC", because
 * they can differ on the day of a clock change.
 */
export function startOfLondonDay(londonDay: number): Date {
  const midnightAsUtc = londonDay * MS_PER_DAY;
  const firstGuess = midnightAsUtc - londonOffsetMs(midnightAsUtc);
  return new Date(midnightAsUtc - londonOffsetMs(firstGuess));
}

/** 23:59:59.999 London time on `londonDay`: one millisecond before the next day starts. */
export function endOfLondonDayNumber(londonDay: number): Date {
  return new Date(startOfLondonDay(londonDay + 1).getTime() - 1);
}

export function londonDateOfDay(londonDay: number): LondonDate {
  return new Date(londonDay * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOfDay(londonDay: number): number {
  return new Date(londonDay * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOfDay(londonDay: number): number {
  return new Date(londonDay * MS_PER_DAY).getUTCDay();
}

const LONDON_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a 'YYYY-MM-DD' date; throws on anything that is not a real date. */
export function dayOfLondonDate(date: LondonDate): number {
  const match = LONDON_DATE_PATTERN.exec(date);
  const londonDay = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY : NaN;
  // Date.UTC rolls 2026-02-30 over to 2 March; reading the date back catches that.
  if (!match || londonDateOfDay(londonDay) !== date) {
    throw new RangeError(`Expected a calendar date as 'YYYY-MM-DD', got '${date}'`);
  }
  return londonDay;
}

/**
 * The same day of the month `months` later, or the last day of that month when it is
 * shorter (31 January + 1 month = 28 or 29 February): the usual reading of "within N
 * months" in English law (the corresponding date rule).
 */
export function addMonthsToDay(londonDay: number, months: number): number {
  const date = new Date(londonDay * MS_PER_DAY);
  const targetMonth = date.getUTCMonth() + months;
  const lastDayOfTargetMonth = new Date(Date.UTC(date.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDayOfTargetMonth);
  return Date.UTC(date.getUTCFullYear(), targetMonth, day) / MS_PER_DAY;
}
