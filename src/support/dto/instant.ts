import { Matches } from 'class-validator';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with its time zone: a local time without one is ambiguous twice a year. */
export const IsInstant = () => Matches(ISO_INSTANT, { message: 'must be an ISO 8601 instant with a time zone, e.g. 2026-04-02T10:00:00Z' });

/** A calendar date, YYYY-MM-DD, that exists. */
export const IsCalendarDate = () =>
  Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'must be a date as YYYY-MM-DD' });
