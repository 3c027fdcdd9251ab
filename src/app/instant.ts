import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, Matches } from 'class-validator';

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
