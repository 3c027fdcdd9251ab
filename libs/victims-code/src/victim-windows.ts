/**
 * Windows in which the victim may act. They chase no owner and never breach: they are
 * shown to the victim and to staff, and they close.
 */
import { defaultCalendar, type WorkingDayCalendar } from '../../working-days/src/index.js';
import { canonicalOrder } from './corrections.js';
import type { JourneyFacts } from './event-effects.js';
import type { CodeEvent, CodeEventType, CpsDecisionKind, PoliceDecisionKind, RecordVoidedPayload } from './events.js';
import { evaluateDuties } from './evaluator.js';
import type { CodeRight } from './rules.js';
import { isPartOfRecord } from './subjects.js';
import { endOfTimescale, type Timescale } from './timescales.js';

export type VictimWindowId =
  'cps.victims-right-to-review' | 'police.victims-right-to-review' | 'unduly-lenient-sentence';

export interface VictimWindow {
  readonly id: VictimWindowId;
  readonly title: string;
  readonly right: CodeRight;
  /** The event the window counts from. */
  readonly startsAt: CodeEventType;
  readonly startsAtDescription: string;
  /** When the victim is asked to act by, if earlier than the window's close. */
  readonly askBy: Timescale | null;
  readonly closes: Timescale;
  /** A hard limit is never extended; otherwise late requests may be considered exceptionally. */
  readonly hardLimit: boolean;
  readonly source: string;
}

export const VICTIM_WINDOWS: readonly VictimWindow[] = [
  {
    id: 'cps.victims-right-to-review',
    title: 'Ask the CPS to review a decision not to charge or to stop the case',
    right: 6,
    startsAt: 'victim.informed',
    startsAtDescription: 'the victim is told of the CPS decision',
    askBy: { unit: 'working_days', amount: 10 },
    closes: { unit: 'calendar_months', amount: 3 },
    hardLimit: false,
    source: "CPS Victims' Right to Review guidance: ask within 10 working days; accepted up to 3 months",
  },
  {
    id: 'police.victims-right-to-review',
    title: 'Ask the police to review a decision not to charge',
    right: 6,
    startsAt: 'victim.informed',
    startsAtDescription: 'the victim is told of the police decision',
    askBy: null,
    closes: { unit: 'calendar_months', amount: 3 },
    hardLimit: false,
    source: "NPCC police Victims' Right to Review scheme: ask within 3 months",
  },
  {
    id: 'unduly-lenient-sentence',
    title: 'Ask the Attorney General to refer the sentence as unduly lenient',
    right: 9,
    startsAt: 'court.sentence',
    startsAtDescription: 'the sentence is passed',
    askBy: null,
    closes: { unit: 'calendar_days', amount: 28 },
    hardLimit: true,
    source: "Attorney General's Office, Unduly Lenient Sentence scheme: 28 calendar days of sentence, never extended",
  },
];

export interface VictimWindowInstants {
  /** End of the period the victim is asked to act within; null when there is none. */
  readonly askBy: Date | null;
  readonly closesAt: Date;
}

export function victimWindowCloses(
  windowId: VictimWindowId,
  startedAt: Date,
  calendar: WorkingDayCalendar = defaultCalendar,
): VictimWindowInstants {
  const window = VICTIM_WINDOWS.find(({ id }) => id === windowId);
  if (!window) throw new RangeError(`No victim window '${windowId}'`);
  return {
    askBy: window.askBy && endOfTimescale(window.askBy, startedAt, calendar),
    closesAt: endOfTimescale(window.closes, startedAt, calendar),
  };
}

/**
 * Police decisions the NPCC Victims' Right to Review scheme lets a victim ask to have
 * reviewed: decisions not to charge an identified suspect. A charge, an arrest or an
 * out-of-court disposal is not a qualifying decision.
 */
export const POLICE_REVIEWABLE_DECISION_KINDS: readonly PoliceDecisionKind[] = ['released_nfa', 'investigation_closed'];

/** CPS decisions under the CPS Victims' Right to Review: not to charge, or to stop the case; not altered charges. */
export const CPS_REVIEWABLE_DECISION_KINDS: readonly CpsDecisionKind[] = ['not_to_charge', 'discontinue'];

/** What a victim window is about: the decision told of, or the outcome sentenced. */
export interface VictimWindowSubject {
  readonly kind: 'police_decision' | 'cps_decision' | 'outcome';
  readonly id: string;
}

/** A window the victim may still act in, with what opened it. */
export interface OpenVictimWindow {
  readonly windowId: VictimWindowId;
  readonly title: string;
  readonly right: CodeRight;
  readonly hardLimit: boolean;
  readonly subject: VictimWindowSubject;
  /** The event it counts from: the victim told of the decision, or the sentence passed. */
  readonly openedByEventId: string;
  readonly startedAt: Date;
  readonly askBy: Date | null;
  readonly closesAt: Date;
}

export interface OpenVictimWindowsInput {
  /** The journey's events, in any order, read as corrected (see record.corrected). */
  readonly events: readonly CodeEvent[];
  /** Windows still open at this instant (up to and including `closesAt`). */
  readonly at: Date;
  readonly calendar?: WorkingDayCalendar;
}

interface WindowStart {
  readonly windowId: VictimWindowId;
  readonly subject: VictimWindowSubject;
  readonly event: CodeEvent;
}

/** The review window a decision of this kind opens when the victim is told of it, if any. */
function reviewWindowOf(decision: CodeEvent | undefined): VictimWindowId | null {
  if (decision?.type === 'police.decision-made' && POLICE_REVIEWABLE_DECISION_KINDS.includes(decision.payload.kind)) {
    return 'police.victims-right-to-review';
  }
  if (decision?.type === 'cps.decision-made' && CPS_REVIEWABLE_DECISION_KINDS.includes(decision.payload.kind)) {
    return 'cps.victims-right-to-review';
  }
  return null;
}

/**
 * Every victim-side window open at `at`, oldest first: a police or CPS review window from
 * when the victim was first told of a decision the scheme covers, and the Unduly Lenient
 * Sentence window from each sentence passed (when it was passed, not when the witness
 * care unit received it). A decision or sentence voided by then opens none. A window stays
 * listed until it closes, whether or not the victim has asked: the request is the app's
 * to show beside it.
 */
export function openVictimWindows(input: OpenVictimWindowsInput): OpenVictimWindow[] {
  const events = canonicalOrder(input.events, input.at);
  const decisions = new Map<string, CodeEvent>();
  const voided: RecordVoidedPayload[] = [];
  for (const event of events) {
    if (event.type === 'police.decision-made' || event.type === 'cps.decision-made') {
      const key = `${event.type}|${event.payload.decisionId}`;
      if (!decisions.has(key)) decisions.set(key, event);
    }
    if (event.type === 'record.voided') voided.push(event.payload);
  }
  // Each window counts from its first start: being told again, or a sentence resent, opens no second window.
  const starts = new Map<string, WindowStart>();
  const start = (key: string, windowStart: WindowStart) => {
    if (!starts.has(key)) starts.set(key, windowStart);
  };
  for (const event of events) {
    if (event.type === 'court.sentence') {
      const subject: VictimWindowSubject = { kind: 'outcome', id: event.payload.outcomeId };
      start(`unduly-lenient-sentence|${event.payload.outcomeId}`, { windowId: 'unduly-lenient-sentence', subject, event });
    }
    if (
      event.type === 'victim.informed' &&
      (event.payload.about === 'police_decision' || event.payload.about === 'cps_decision')
    ) {
      const { about, subjectId } = event.payload;
      const body = about === 'police_decision' ? 'police' : 'cps';
      const windowId = reviewWindowOf(decisions.get(`${body}.decision-made|${subjectId}`));
      if (windowId !== null) start(`${windowId}|${subjectId}`, { windowId, subject: { kind: about, id: subjectId }, event });
    }
  }
  return [...starts.values()]
    .filter(({ subject }) => !voided.some((record) => isPartOfRecord(subject, record)))
    .map(({ windowId, subject, event }): OpenVictimWindow => {
      const window = VICTIM_WINDOWS.find(({ id }) => id === windowId)!;
      const { askBy, closesAt } = victimWindowCloses(windowId, event.occurredAt, input.calendar);
      return {
        windowId,
        title: window.title,
        right: window.right,
        hardLimit: window.hardLimit,
        subject,
        openedByEventId: event.id,
        startedAt: event.occurredAt,
        askBy,
        closesAt,
      };
    })
    .filter((window) => input.at.getTime() <= window.closesAt.getTime())
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}

/**
 * Local default (no national figure): the witness care unit is reminded of an Unduly
 * Lenient Sentence window at 08:00 on the 2nd working day before the window's last day,
 * while the victim has not been told of the sentence, so the victim still has working
 * days to ask the Attorney General before the hard limit.
 */
export const ULS_REMINDER = { workingDaysBefore: 2, hour: 8 } as const;

/** When to remind the witness care unit of a ULS window closing at `closesAt` (ULS_REMINDER). */
export function ulsReminderAt(closesAt: Date, calendar: WorkingDayCalendar = defaultCalendar): Date {
  let remindAt = closesAt;
  for (let day = 0; day < ULS_REMINDER.workingDaysBefore; day++) {
    remindAt = calendar.atHourOnWorkingDayBefore(remindAt, ULS_REMINDER.hour);
  }
  return remindAt;
}

export interface UlsReminder {
  readonly outcomeId: string;
  readonly sentencedAt: Date;
  readonly closesAt: Date;
  /** Send at or after this instant; it may already have passed when a sentence is recorded late. */
  readonly remindAt: Date;
}

export interface UlsRemindersInput extends OpenVictimWindowsInput {
  /** The journey's facts before its first event (the victim's opt-outs). */
  readonly facts?: JourneyFacts;
}

/**
 * The ULS windows open at `at` whose victim has not been told of the sentence (no
 * `victim.informed` about the outcome since it was passed), each with when to remind the
 * witness care unit. None for a victim who opted out of news of the outcome.
 */
export function ulsReminders(input: UlsRemindersInput): UlsReminder[] {
  const { facts } = evaluateDuties({ events: input.events, at: input.at, facts: input.facts, calendar: input.calendar });
  if (facts.optedOutOf.includes('outcome')) return [];
  const events = canonicalOrder(input.events, input.at);
  return openVictimWindows(input)
    .filter(({ windowId }) => windowId === 'unduly-lenient-sentence')
    .filter(
      ({ subject, startedAt }) =>
        !events.some(
          (event) =>
            event.type === 'victim.informed' &&
            event.payload.about === 'outcome' &&
            event.payload.subjectId === subject.id &&
            event.occurredAt.getTime() >= startedAt.getTime(),
        ),
    )
    .map(({ subject, startedAt, closesAt }) => ({
      outcomeId: subject.id,
      sentencedAt: startedAt,
      closesAt,
      remindAt: ulsReminderAt(closesAt, input.calendar),
    }));
}
