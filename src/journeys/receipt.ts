import { eventInstantProblems } from '../../libs/victims-code/src/index.js';
import type { Actor } from '../access/actor.js';
import { futureInstantProblems, isInTheFuture } from '../app/clock.js';
import type { FieldProblem } from '../app/domain-error.js';

/**
 * When the duty-holder received news whose Code clock runs from receipt (a listing from
 * the court, a verdict, an appeal step, a complaint, a review request, an expense claim):
 * the Code counts those duties from receipt (right 8: "receiving it from the court"), not
 * from when it happened or from when someone keyed it.
 *
 * A partner system's feed is received when the API receives it, so it may leave
 * `receivedAt` out (it is then now). A person keying news by hand must say when it came
 * (forms default the field to now): otherwise news keyed days late would count as told on
 * time. `receivedAt` may be neither in the future nor before the news happened.
 */
export function receiptProblems(
  actor: Actor,
  occurredAt: Date,
  receivedAt: string | undefined,
  now: Date,
  options: { field?: string; requiredFromPeople?: boolean } = {},
): FieldProblem[] {
  const field = options.field ?? 'receivedAt';
  if (receivedAt === undefined) {
    const required = (options.requiredFromPeople ?? true) && !isPartnerSystem(actor);
    return required ? [{ field, message: 'is required when keying news by hand: when your organisation received it' }] : [];
  }
  const at = new Date(receivedAt);
  const problems = futureInstantProblems({ [field]: at }, now);
  // A future occurredAt is its own problem, named by the caller: one problem, not two.
  if (problems.length > 0 || isInTheFuture(occurredAt, now)) return problems;
  return eventInstantProblems({ occurredAt, receivedAt: at })
    .filter((problem) => problem.field === 'receivedAt')
    .map((problem) => ({ field, message: problem.message.replace('occurredAt', 'when it happened') }));
}

/** The receipt to record: as given, or now for a partner system's feed (check receiptProblems first). */
export function receivedAtOf(receivedAt: string | undefined, now: Date): Date {
  return receivedAt === undefined ? now : new Date(receivedAt);
}

function isPartnerSystem(actor: Actor): boolean {
  return actor.roles.includes('partner_system');
}
