import { londonDate, workingDaysBetween } from '../../libs/working-days/src/index.js';

/**
 * Times on the pages are London's, whatever the server's time zone: every format names
 * the zone explicitly, and times typed into forms are read as London wall-clock times.
 */
const ZONE = 'Europe/London';

const DATE = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: 'numeric', month: 'short', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: 'numeric', minute: '2-digit', hour12: true });
const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function asDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** 4 December 2026 */
export function londonDay(value: Date | string | null | undefined): string {
  const date = asDate(value);
  return date ? DATE.format(date) : '';
}

/** 4 Dec 2026 */
export function londonShortDay(value: Date | string | null | undefined): string {
  const date = asDate(value);
  return date ? SHORT_DATE.format(date) : '';
}

/** 4 December 2026 at 2:30pm (GOV.UK style: lower-case am/pm, no space) */
export function londonDateTime(value: Date | string | null | undefined): string {
  const date = asDate(value);
  if (!date) return '';
  return `${DATE.format(date)} at ${TIME.format(date).replace(/\s/g, '').toLowerCase()}`;
}

/** A calendar date (YYYY-MM-DD, no time zone) as 4 December 2026. */
export function calendarDay(value: string | null | undefined): string {
  if (!value) return '';
  const [year, month, day] = value.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(year, month - 1, day)));
}

export interface LondonWallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function londonWallClockOf(at: Date): LondonWallClock {
  const parts = Object.fromEntries(PARTS.formatToParts(at).map((part) => [part.type, part.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** The instant London's clock shows the given wall-clock time (the earlier one when the clocks go back). */
export function instantOfLondonWallClock(wall: LondonWallClock): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // London is UTC or UTC+1: try both offsets and keep the one whose wall clock matches.
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    const seen = londonWallClockOf(candidate);
    if (seen.day === wall.day && seen.hour === wall.hour && seen.minute === wall.minute) return candidate;
  }
  return new Date(asUtc);
}

export interface DueTag {
  text: string;
  colour: 'red' | 'orange' | 'yellow' | 'green' | 'grey';
}

/**
 * "Overdue by 3 working days", "Due today", "Due in 2 working days": how far a due instant
 * is from now, in working days (England and Wales), counted in London time.
 */
export function dueTag(dueAt: Date | string, now: Date): DueTag {
  const due = asDate(dueAt)!;
  const days = (count: number) => `${count} working ${count === 1 ? 'day' : 'days'}`;
  if (due.getTime() < now.getTime()) {
    const late = workingDaysBetween(due, now);
    return late === 0 ? { text: 'Overdue today', colour: 'red' } : { text: `Overdue by ${days(late)}`, colour: 'red' };
  }
  if (londonDate(due) === londonDate(now)) return { text: 'Due today', colour: 'orange' };
  const ahead = Math.max(1, workingDaysBetween(now, due));
  return { text: `Due in ${days(ahead)}`, colour: ahead <= 2 ? 'yellow' : 'grey' };
}
