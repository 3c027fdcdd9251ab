/**
 * What is wrong with the instants of an event before it is recorded. Pure: whether an
 * instant is still to come is the application's question, asked of its own clock (with
 * its allowance for clients' clocks running ahead), so it is not asked here.
 */

/** One field of a request that cannot be accepted, in the shape the API reports problems. */
export interface EventFieldProblem {
  readonly field: string;
  readonly message: string;
}

export interface EventInstants {
  readonly occurredAt: Date;
  readonly receivedAt?: Date | null;
}

function isValidInstant(at: Date): boolean {
  return at instanceof Date && !Number.isNaN(at.getTime());
}

/**
 * A problem for each instant that is not a valid Date, and for news received before it
 * happened: a duty would then run from before its cause.
 */
export function eventInstantProblems(event: EventInstants): EventFieldProblem[] {
  const problems: EventFieldProblem[] = [];
  const occurredAtValid = isValidInstant(event.occurredAt);
  if (!occurredAtValid) problems.push({ field: 'occurredAt', message: 'is not a valid instant' });
  const { receivedAt } = event;
  if (receivedAt === undefined || receivedAt === null) return problems;
  if (!isValidInstant(receivedAt)) {
    problems.push({ field: 'receivedAt', message: 'is not a valid instant' });
  } else if (occurredAtValid && receivedAt.getTime() < event.occurredAt.getTime()) {
    problems.push({
      field: 'receivedAt',
      message: 'must not be before occurredAt: news cannot arrive before it happens',
    });
  }
  return problems;
}
