import { londonDate } from '../../libs/working-days/src/index.js';
import type { FieldProblem } from './domain-error.js';

/** Nobody we serve is older than this; an earlier date of birth is a typing slip (1800 for 1980). */
export const OLDEST_AGE_YEARS = 120;

/**
 * Problems with a date of birth (YYYY-MM-DD, already checked to exist) as of `now`: not after
 * today in London, not more than 120 years before it.
 */
export function dateOfBirthProblems(field: string, dateOfBirth: string | null | undefined, now: Date): FieldProblem[] {
  if (!dateOfBirth) return [];
  const today = londonDate(now);
  if (dateOfBirth > today) return [{ field, message: 'must not be in the future' }];
  const earliest = `${String(Number(today.slice(0, 4)) - OLDEST_AGE_YEARS).padStart(4, '0')}${today.slice(4)}`;
  if (dateOfBirth < earliest) return [{ field, message: `must be within the last ${OLDEST_AGE_YEARS} years` }];
  return [];
}
