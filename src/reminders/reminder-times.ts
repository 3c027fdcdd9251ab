import { addCalendarDays, atHourOnWorkingDayBefore, endOfLondonDay } from '../../libs/working-days/src/index.js';

/** The start of the working day in London, when a due-soon reminder goes out. */
export const DUE_SOON_HOUR_LONDON = 8;

/**
 * Due days are never further than this many calendar days after their reminder's day
 * (the longest run of days off in England and Wales is Christmas: 4 days).
 */
const LONGEST_GAP_DAYS = 8;

/** 08:00 London on the working day before the duty's London due day. */
export function dueSoonAt(dueAt: Date): Date {
  return atHourOnWorkingDayBefore(dueAt, DUE_SOON_HOUR_LONDON);
}

/** Just after the deadline: a duty is breached once `now` is past `due_at` (as the journey view says). */
export function breachAt(dueAt: Date): Date {
  return new Date(dueAt.getTime() + 1);
}

/** How long after the breach its escalation still means something (and is retried, or sent again by an admin). */
export const ESCALATION_WINDOW_MS = 24 * 60 * 60_000;

/**
 * Until when a refused reminder is retried (issue 19): a due-soon reminder until the
 * deadline (after it, the escalation speaks for it), an escalation a day after the breach.
 */
export function retryHorizon(kind: 'due-soon' | 'breach', dueAt: Date): Date {
  return kind === 'due-soon' ? breachAt(dueAt) : new Date(breachAt(dueAt).getTime() + ESCALATION_WINDOW_MS);
}

/**
 * The latest deadline whose due-soon reminder falls at or before `until`: due-soon times
 * grow with the deadline, so the duties to remind by then are exactly those due by this
 * instant (the end of a London day), and the sweep can ask the due_at index for a range.
 */
export function lastDueAtRemindedBy(until: Date): Date {
  // A duty due on the same London day was reminded on an earlier day.
  let latest = endOfLondonDay(until);
  for (let days = 1; days <= LONGEST_GAP_DAYS; days++) {
    const endOfDay = addCalendarDays(until, days);
    if (dueSoonAt(endOfDay).getTime() <= until.getTime()) latest = endOfDay;
  }
  return latest;
}
