import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDate, IsDateString, IsOptional, Matches, ValidateBy } from 'class-validator';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-](\d{2}):(\d{2}))$/;
const INSTANT_MESSAGE = 'must be an ISO 8601 instant with a time zone, e.g. 2026-04-02T10:00:00Z';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether year-month-day names a day of the Gregorian calendar (2026-02-30 does not). */
export function isExistingDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * An ISO 8601 instant with its zone, every part in range, as a Date; null otherwise.
 * `new Date()` rolls 2026-02-30T10:00:00Z over to 2 March (and a duty dated from it would
 * start 2 days late): parse strictly instead.
 */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = ISO_INSTANT.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0', , offsetHours = '0', offsetMinutes = '0'] = match;
  if (!isExistingDate(Number(year), Number(month), Number(day))) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  if (Number(offsetHours) > 14 || Number(offsetMinutes) > 59) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** An ISO 8601 instant with its time zone (a local time without one is ambiguous twice a year), that exists. */
export const IsInstant = () =>
  ValidateBy({ name: 'isInstant', validator: { validate: (value) => parseInstant(value) !== null, defaultMessage: () => INSTANT_MESSAGE } });

/** A query parameter holding an instant: strictly parsed to a Date, else refused naming the field. */
export const InstantQueryParam = () =>
  applyDecorators(
    Transform(({ value }) => parseInstant(value) ?? new Date(Number.NaN)),
    IsDate({ message: INSTANT_MESSAGE }),
  );

/** A calendar date, YYYY-MM-DD, that exists. */
export const IsCalendarDate = () =>
  applyDecorators(
    // strict: 2026-02-30 is refused here rather than by Postgres.
    IsDateString({ strict: true }, { message: 'must be a date as YYYY-MM-DD' }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' }),
  );

/**
 * `receivedAt` on news whose Victims' Code clock runs from receipt: when the duty-holder
 * received it. Optional in the schema: partner systems may leave it out (it is then when
 * the API received it); people keying by hand must give it (checked by the service).
 */
export const ReceivedAtProperty = () =>
  applyDecorators(
    ApiPropertyOptional({
      format: 'date-time',
      example: '2026-04-02T10:00:00Z',
      description:
        'When your organisation received this news (e.g. from the court). Required when keyed by hand; a partner system ' +
        'may leave it out (then: when the API received it). Not in the future, not before the news happened. The duty to ' +
        'pass the news on runs from it.',
    }),
    IsOptional(),
    IsInstant(),
  );
