/**
 * A victim referred after there was news on their crime is owed the news that still
 * matters, from the referral's receipt (VICTIMS_CODE.md, "Discharge rules"): decisions of
 * the last 3 months, hearings still to come, and an outcome whose Victim Contact Scheme
 * or Unduly Lenient Sentence window is still open.
 */
import { defaultCalendar, type WorkingDayCalendar } from '../../working-days/src/index.js';
import { canonicalOrder } from './corrections.js';
import { effectiveAt, type CodeEvent, type RecordVoidedPayload } from './events.js';
import { isPartOfRecord, subjectKey, subjectOfEvent } from './subjects.js';
import { isVcsEligible } from './victim-contact-scheme.js';
import { victimWindowCloses } from './victim-windows.js';

/** How far back a decision is still news to a newly referred victim, in calendar months. */
const RECENT_DECISION_MONTHS = 3;

export type LateReferralReason = 'recent_decision' | 'hearing_to_come' | 'uls_window_open' | 'vcs_window_open';

export interface LateReferralInput {
  /** When the referral of the newly referred victim was received. */
  readonly referralReceivedAt: Date;
  /**
   * The crime's news so far, from any victim's journey, as recorded (with receipts,
   * corrections and voidings): police and CPS decisions, hearings (every version),
   * sentences. Events taking effect after the referral are not yet news.
   */
  readonly crimeEvents: readonly CodeEvent[];
  /** When each hearing is to be held, by hearing id; a hearing without one is taken as still to come. */
  readonly hearingDates?: Readonly<Record<string, Date>>;
  readonly calendar?: WorkingDayCalendar;
}

export interface OwedNews {
  /**
   * The event to record on the new victim's journey: the news as first recorded, received
   * at the referral, with `reason: 'late_referral'`, so the duties it opens run from the
   * referral. Its id is derived from the original's; the app may give it its own.
   */
  readonly event: CodeEvent;
  readonly owedBecause: LateReferralReason;
}

/**
 * Why a sentence is still news to a victim referred at `at`: the 28 days to ask for an
 * Unduly Lenient Sentence review are not over (the more pressing, so named first), or
 * the offender is still serving a sentence that makes the victim eligible for the Victim
 * Contact Scheme (a hospital order has no set end). Null when neither.
 */
function sentenceStillNews(
  sentence: CodeEvent<'court.sentence'>,
  at: Date,
  calendar: WorkingDayCalendar,
): LateReferralReason | null {
  if (at.getTime() <= victimWindowCloses('unduly-lenient-sentence', sentence.occurredAt, calendar).closesAt.getTime()) {
    return 'uls_window_open';
  }
  const { payload } = sentence;
  if (!isVcsEligible(payload)) return null;
  if (payload.hospitalOrder) return 'vcs_window_open';
  const servedBy = calendar.addCalendarMonths(sentence.occurredAt, payload.custodialMonths);
  return at.getTime() <= servedBy.getTime() ? 'vcs_window_open' : null;
}

/** The news a victim referred at `referralReceivedAt` is still owed, oldest first. */
export function lateReferralNews(input: LateReferralInput): OwedNews[] {
  const at = input.referralReceivedAt;
  const calendar = input.calendar ?? defaultCalendar;
  const events = canonicalOrder(input.crimeEvents, at);
  const voided: RecordVoidedPayload[] = events.flatMap((event) =>
    event.type === 'record.voided' ? [event.payload] : [],
  );
  const isVoided = (event: CodeEvent) => voided.some((record) => isPartOfRecord(subjectOfEvent(event), record));

  // Only the latest version of each hearing is still news; earlier ones were superseded.
  const latestVersions = new Map<string, number>();
  for (const event of events) {
    const subject = subjectOfEvent(event);
    if (subject.kind === 'hearing' && !isVoided(event)) {
      latestVersions.set(subject.id, Math.max(subject.version, latestVersions.get(subject.id) ?? subject.version));
    }
  }

  const owed = new Map<string, OwedNews>();
  const owe = (event: CodeEvent, owedBecause: LateReferralReason) => {
    const key = subjectKey(subjectOfEvent(event));
    if (owed.has(key)) return;
    const news = { ...event, id: `late-referral:${event.id}`, receivedAt: at, reason: 'late_referral' as const };
    owed.set(key, { event: news, owedBecause });
  };
  for (const event of events) {
    if (isVoided(event)) continue;
    switch (event.type) {
      case 'police.decision-made':
      case 'cps.decision-made':
        if (calendar.addCalendarMonths(effectiveAt(event), RECENT_DECISION_MONTHS).getTime() >= at.getTime()) {
          owe(event, 'recent_decision');
        }
        break;
      case 'hearing.listed':
      case 'hearing.moved':
      case 'hearing.adjourned': {
        // A vacated latest version has no hearing to come, so it is never owed here.
        const { hearingId, version } = event.payload;
        const hearingDate = input.hearingDates?.[hearingId];
        const toCome = hearingDate === undefined || hearingDate.getTime() > at.getTime();
        if (latestVersions.get(hearingId) === version && toCome) owe(event, 'hearing_to_come');
        break;
      }
      case 'court.sentence': {
        const reason = sentenceStillNews(event, at, calendar);
        if (reason !== null) owe(event, reason);
        break;
      }
    }
  }
  return [...owed.values()];
}
