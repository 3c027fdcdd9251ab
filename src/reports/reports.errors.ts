import { defineErrors, type DomainError, type FieldProblem } from '../app/domain-error.js';

/** Why a report refuses a request; the problem filter turns each into problem+json. */
export const ReportsError = defineErrors({
  PERIOD_TOO_FINE: { status: 422, title: 'Protected figures are given for whole calendar months only' },
});

/**
 * A period that does not run from the 1st of a month to the last day of a month. Figures
 * for overlapping part months (a month, then the same month from its 2nd day) would differ
 * by a few records each time, and averaging many such differences would wear the
 * perturbation away; whole months are a fixed grid (docs/reports.md, "Disclosure control").
 */
export function periodTooFine(problems: FieldProblem[]): DomainError {
  return ReportsError.of('PERIOD_TOO_FINE', problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '), { errors: problems });
}
