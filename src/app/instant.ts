import { applyDecorators } from '@nestjs/common';
import { IsDateString, Matches } from 'class-validator';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with its time zone: a local time without one is ambiguous twice a year. */
export const IsInstant = () => Matches(ISO_INSTANT, { message: 'must be an ISO 8601 instant with a time zone, e.g. 2026-04-02T10:00:00Z' });

/** A calendar date, YYYY-MM-DD, that exists. */
export const IsCalendarDate = () =>
  applyDecorators(
    // strict: 2026-02-30 is refused here rather than by Postgres.
    IsDateString({ strict: true }, { message: 'must be a date as YYYY-MM-DD' }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' }),
  );
