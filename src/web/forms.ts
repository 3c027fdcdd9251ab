import type { ValidationPipe } from '@nestjs/common';
import { createValidationPipe } from '../app/validation.js';
import type { FieldProblem } from '../app/domain-error.js';
import { instantOfLondonWallClock, londonWallClockOf } from './london-time.js';
import { field, type FormBody } from './page.js';

const pipe: ValidationPipe = createValidationPipe();

/**
 * A form's answers checked as the API checks a body: the same DTO class, the same
 * ValidationPipe (whitelist, unknown fields refused, transformed). Throws the same
 * VALIDATION_FAILED error, naming each field.
 */
export async function asRequest<T>(type: new () => T, plain: Record<string, unknown>): Promise<T> {
  return (await pipe.transform(plain, { type: 'body', metatype: type })) as T;
}

/** Date and time inputs (GOV.UK date input and a time field) as they were sent, to show again. */
export interface DateTimeAnswer {
  day: string;
  month: string;
  year: string;
  time: string;
}

export function dateTimeAnswer(form: FormBody, name: string): DateTimeAnswer {
  return { day: field(form, `${name}-day`), month: field(form, `${name}-month`), year: field(form, `${name}-year`), time: field(form, `${name}-time`) };
}

/** Now, in London, as the date and time inputs show it. */
export function dateTimeNow(now: Date): DateTimeAnswer {
  const wall = londonWallClockOf(now);
  return { day: String(wall.day), month: String(wall.month), year: String(wall.year), time: `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}` };
}

/**
 * A London date and time typed into the form, as an ISO instant; or a problem naming the
 * field. An hour alone ("14") or with am/pm ("2pm", "2:30pm") is read too.
 */
export function instantOf(
  answer: DateTimeAnswer,
  field: string,
  what: string,
  options: { timeRequired?: boolean; now?: Date; shown?: string } = {},
): { iso?: string; problem?: FieldProblem } {
  const { day, month, year } = answer;
  // Left as the form showed it ("now", to the minute, when the page opened): that instant exactly.
  const shown = options.shown ? new Date(options.shown) : null;
  if (shown && !Number.isNaN(shown.getTime()) && (!options.now || shown.getTime() <= options.now.getTime())) {
    const prefilled = dateTimeNow(shown);
    if (prefilled.day === day && prefilled.month === month && prefilled.year === year && prefilled.time === answer.time) return { iso: shown.toISOString() };
  }
  if (!day && !month && !year) return { problem: { field, message: `Enter the date ${what}` } };
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year) || probe.getUTCDate() !== d || probe.getUTCMonth() !== m - 1) {
    return { problem: { field, message: `The date ${what} must be a real date` } };
  }
  let hour = 12;
  let minute = 0;
  const time = answer.time.toLowerCase().replace(/\s+/g, '');
  if (time) {
    const match = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(time);
    if (!match) return { problem: { field: `${field}-time`, message: `Enter the time ${what} like 14:30 or 2:30pm` } };
    hour = Number(match[1]);
    minute = Number(match[2] ?? 0);
    if (match[3]) {
      if (hour < 1 || hour > 12) return { problem: { field: `${field}-time`, message: `Enter the time ${what} like 14:30 or 2:30pm` } };
      hour = (hour % 12) + (match[3] === 'pm' ? 12 : 0);
    }
    if (hour > 23 || minute > 59) return { problem: { field: `${field}-time`, message: `Enter the time ${what} like 14:30 or 2:30pm` } };
  } else if (options.timeRequired) {
    return { problem: { field: `${field}-time`, message: `Enter the time ${what}` } };
  } else if (options.now) {
    // A date without a time: today means now; an earlier day, its middle.
    const today = londonWallClockOf(options.now);
    if (today.year === y && today.month === m && today.day === d) return { iso: options.now.toISOString() };
  }
  const instant = instantOfLondonWallClock({ year: y, month: m, day: d, hour, minute });
  // The form shows minutes: the current minute means now (not its first second, which may be
  // before a referral received a moment ago).
  if (options.now && time && instant.getTime() <= options.now.getTime() && options.now.getTime() - instant.getTime() < 60_000) {
    return { iso: options.now.toISOString() };
  }
  return { iso: instant.toISOString() };
}

/** A calendar date (YYYY-MM-DD) from a GOV.UK date input. */
export function calendarDateOf(answer: DateTimeAnswer, field: string, what: string): { date?: string; problem?: FieldProblem } {
  const found = instantOf({ ...answer, time: '' }, field, what);
  if (found.problem) return { problem: found.problem };
  return { date: `${answer.year}-${answer.month.padStart(2, '0')}-${answer.day.padStart(2, '0')}` };
}
