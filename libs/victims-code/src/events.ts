/**
 * The events the engine understands: the vocabulary the application emits onto a
 * journey's timeline. Each names what happened, with only the payload the Code's duties
 * need; the application may keep more on its own event rows.
 */
import type { DutyOwner } from './duties.js';
import type { EnhancedRightsCategory } from './enhanced-rights.js';
import type { OffenceCategory } from './offences.js';

type NoPayload = Readonly<Record<string, never>>;

/** The victim's position on being referred to support services when the crime is reported. */
export type ReferralConsent = 'given' | 'objected' | 'not_recorded';

export type PoliceDecisionKind =
  | 'no_investigation'
  | 'investigation_closed'
  | 'suspect_arrested'
  | 'interviewed_under_caution'
  | 'released_nfa'
  | 'released_on_bail'
  | 'released_under_investigation'
  | 'bail_conditions_changed'
  | 'charged'
  | 'out_of_court_disposal';

/** CPS decisions the victim must be told of: charges altered substantially, not others. */
export type CpsDecisionKind = 'not_to_charge' | 'discontinue' | 'alter_charges';

export type BailDecisionKind = 'bail_granted' | 'bail_conditions_changed' | 'remanded_in_custody';

export type AppealStage = 'lodged' | 'hearing_listed' | 'decided';

/** What a `victim.informed` event reports. */
export type InformedAbout = 'police_decision' | 'cps_decision' | 'hearing' | 'bail' | 'outcome' | 'appeal';

/** Kinds of information a victim can opt out of receiving. */
export type InformationKind = InformedAbout | 'victim_contact_scheme';

/**
 * Why a supervisor withdraws one duty directly (`duty.withdrawn`): it was recorded in
 * error, it duplicates another, or it does not apply to this victim. The first two say
 * the duty was never owed, so they may withdraw it even past due; `not_applicable` may
 * not erase a breach.
 */
export const DUTY_WITHDRAWAL_REASONS = ['recorded_in_error', 'duplicate', 'not_applicable'] as const;

export type DutyWithdrawalReason = (typeof DUTY_WITHDRAWAL_REASONS)[number];

/** The only reasons a duty can be withdrawn (VICTIMS_CODE.md, "Discharge rules"). */
export type WithdrawalReason = 'victim_opted_out' | 'journey_closed' | 'superseded' | DutyWithdrawalReason;

/** The records whose news opens duties, which a supervisor may void. */
export const VOIDABLE_SUBJECT_KINDS = [
  'police_decision',
  'cps_decision',
  'hearing',
  'bail_decision',
  'outcome',
  'appeal',
] as const;

export type VoidableSubjectKind = (typeof VOIDABLE_SUBJECT_KINDS)[number];

/** Why a record is voided: it was wrong, or it repeats another record of the same news. */
export const VOID_REASONS = ['recorded_in_error', 'duplicate'] as const;

export type VoidReason = (typeof VOID_REASONS)[number];

/**
 * A record voided: a decision, a hearing (one version, or every version when none is
 * named), a verdict or sentence (by outcome), a bail decision or an appeal (one step, or
 * every step).
 */
export interface RecordVoidedPayload {
  readonly subjectKind: VoidableSubjectKind;
  readonly subjectId: string;
  readonly hearingVersion?: number;
  readonly appealStage?: AppealStage;
  readonly reason: VoidReason;
}

/**
 * An event's instants corrected. Instants are ISO 8601 strings, as payloads are stored as
 * JSON; `receivedAt: null` says the news had no separate receipt.
 */
export interface RecordCorrectedPayload {
  readonly eventId: string;
  readonly occurredAt?: string;
  readonly receivedAt?: string | null;
}

export interface HearingPayload {
  readonly hearingId: string;
  /** Goes up by one each time the court lists, moves, adjourns or vacates the hearing. */
  readonly version: number;
}

/** Names exactly which decision, hearing version, outcome or appeal step the victim was told of. */
export type VictimInformedPayload =
  | { readonly about: 'police_decision' | 'cps_decision' | 'bail' | 'outcome'; readonly subjectId: string }
  | { readonly about: 'hearing'; readonly subjectId: string; readonly hearingVersion: number }
  | { readonly about: 'appeal'; readonly subjectId: string; readonly appealStage: AppealStage };

export interface CodeEventPayloads {
  'enhanced-rights.recorded': { readonly categories: readonly EnhancedRightsCategory[] };
  'crime.reported': { readonly offenceCategory: OffenceCategory; readonly referralConsent: ReferralConsent };
  /**
   * The police gave the victim written acknowledgement of the crime report (right 3). No
   * national timescale, so it opens no duty: the journey records when it was given.
   */
  'police.crime-report-acknowledged': NoPayload;
  'referral.consent-recorded': { readonly consent: 'given' | 'objected' };
  /** The victim care service received the police referral. */
  'referral.received': { readonly referralId: string };
  'contact.succeeded': NoPayload;
  /** The attempts policy was exhausted without reaching the victim. */
  'contact.unable-to-contact': NoPayload;
  'support.accepted': NoPayload;
  'needs-assessment.completed': NoPayload;
  'rj.offered': { readonly answer: 'interested' | 'not_interested' };
  /** The victim gave the police a witness statement (right 7: the VPS is offered then, or at charge). */
  'police.witness-statement-given': NoPayload;
  'police.decision-made': { readonly decisionId: string; readonly kind: PoliceDecisionKind };
  'vps.offered': { readonly offeredBy: string };
  'cps.decision-made': { readonly decisionId: string; readonly kind: CpsDecisionKind };
  'vrr.police-requested': { readonly requestId: string };
  'vrr.police-acknowledged': { readonly requestId: string };
  'vrr.police-decided': { readonly requestId: string };
  'plea.not-guilty': NoPayload;
  'witness.needs-assessed': NoPayload;
  'hearing.listed': HearingPayload;
  'hearing.moved': HearingPayload;
  'hearing.adjourned': HearingPayload;
  'hearing.vacated': HearingPayload;
  'court.bail-decision': { readonly bailDecisionId: string; readonly kind: BailDecisionKind };
  'court.verdict': { readonly outcomeId: string; readonly verdict: 'guilty' | 'not_guilty' };
  'court.sentence': {
    readonly outcomeId: string;
    readonly offenceViolentOrSexual: boolean;
    /** 0 when the sentence is not custodial. */
    readonly custodialMonths: number;
    readonly hospitalOrder: boolean;
  };
  'appeal.lodged': { readonly appealId: string };
  'appeal.hearing-listed': { readonly appealId: string };
  'appeal.decided': { readonly appealId: string };
  /** The witness care unit referred the victim to probation's Victim Contact Scheme. */
  'vcs.referred': { readonly outcomeId: string };
  /** A victim liaison officer contacted the victim. */
  'vcs.contacted': { readonly outcomeId: string };
  'expenses.claim-received': { readonly claimId: string };
  'expenses.claim-decided': { readonly claimId: string; readonly decision: 'paid' | 'refused' };
  'complaint.received': { readonly complaintId: string; readonly against: DutyOwner };
  'complaint.acknowledged': { readonly complaintId: string };
  'complaint.responded': { readonly complaintId: string };
  'victim.informed': VictimInformedPayload;
  'contact-preference.opted-out': { readonly kinds: readonly InformationKind[] };
  'contact-preference.opted-in': { readonly kinds: readonly InformationKind[] };
  /** A supervisor withdraws one duty. */
  'duty.withdrawn': { readonly dutyKey: string; readonly reason: DutyWithdrawalReason };
  /** The record was wrong: every duty its news opened and still owed is withdrawn as recorded in error. */
  'record.voided': RecordVoidedPayload;
  /** The instants of an event were wrong: the journey is read as if they had been right. */
  'record.corrected': RecordCorrectedPayload;
  'journey.closed': NoPayload;
}

export type CodeEventType = keyof CodeEventPayloads;

/**
 * Why an event is on a journey other than because it happened to this victim:
 * `late_referral`, news of the crime from before the victim was referred, still owed to
 * them (see lateReferralNews).
 */
export const EVENT_REASONS = ['late_referral'] as const;

export type EventReason = (typeof EVENT_REASONS)[number];

/**
 * One event on a journey's timeline. `occurredAt` is when it happened, as told;
 * `receivedAt`, when the duty-holder received the news (the witness care unit a listing
 * from the court, the victim care service a referral). For the RECEIPT_CLOCK_EVENT_TYPES,
 * and for any event with `reason: 'late_referral'`, the duties an event opens run from
 * `receivedAt` when it is given.
 */
export type CodeEvent<T extends CodeEventType = CodeEventType> = {
  [K in T]: {
    readonly id: string;
    readonly type: K;
    readonly occurredAt: Date;
    readonly receivedAt?: Date;
    readonly reason?: EventReason;
    readonly payload: CodeEventPayloads[K];
  };
}[T];

/**
 * Every event type, cause before effect. Events with the same `occurredAt` are applied in
 * this order, so an enhanced-rights decision applies to duties opened at that instant,
 * an opener comes before the event that discharges it, and a withdrawal comes last.
 */
export const CODE_EVENT_TYPES = [
  'enhanced-rights.recorded',
  'crime.reported',
  'police.crime-report-acknowledged',
  'referral.consent-recorded',
  'referral.received',
  'contact.succeeded',
  'contact.unable-to-contact',
  'support.accepted',
  'needs-assessment.completed',
  'rj.offered',
  'police.witness-statement-given',
  'police.decision-made',
  'vps.offered',
  'cps.decision-made',
  'vrr.police-requested',
  'vrr.police-acknowledged',
  'vrr.police-decided',
  'plea.not-guilty',
  'witness.needs-assessed',
  'hearing.listed',
  'hearing.moved',
  'hearing.adjourned',
  'hearing.vacated',
  'court.bail-decision',
  'court.verdict',
  'court.sentence',
  'appeal.lodged',
  'appeal.hearing-listed',
  'appeal.decided',
  'vcs.referred',
  'vcs.contacted',
  'expenses.claim-received',
  'expenses.claim-decided',
  'complaint.received',
  'complaint.acknowledged',
  'complaint.responded',
  'victim.informed',
  'contact-preference.opted-in',
  'contact-preference.opted-out',
  'duty.withdrawn',
  'record.voided',
  'record.corrected',
  'journey.closed',
] as const satisfies readonly CodeEventType[];

// Adding an event type to CodeEventPayloads without placing it in CODE_EVENT_TYPES fails
// to compile here, so no event type is ever left without a same-instant order.
type UnorderedEventType = Exclude<CodeEventType, (typeof CODE_EVENT_TYPES)[number]>;
const everyEventTypeIsOrdered: [UnorderedEventType] extends [never] ? true : UnorderedEventType = true;
void everyEventTypeIsOrdered;

/**
 * News the duty-holder gets from someone else, whose Code clock runs from receipt: the
 * witness care unit is told of hearings, bail, verdicts, sentences and appeals by the
 * court (Code 2020, right 8: "of receiving it from the court"; right 9 likewise), the
 * victim care service receives the police referral, probation the VCS referral, an
 * organisation a complaint, a review request or an expense claim. Every other event is
 * the duty-holder's own act, so its clock runs from when it happened.
 */
export const RECEIPT_CLOCK_EVENT_TYPES = [
  'referral.received',
  'vrr.police-requested',
  'plea.not-guilty',
  'hearing.listed',
  'hearing.moved',
  'hearing.adjourned',
  'hearing.vacated',
  'court.bail-decision',
  'court.verdict',
  'court.sentence',
  'appeal.lodged',
  'appeal.hearing-listed',
  'appeal.decided',
  'vcs.referred',
  'expenses.claim-received',
  'complaint.received',
] as const satisfies readonly CodeEventType[];

const RECEIPT_CLOCK = new Set<string>(RECEIPT_CLOCK_EVENT_TYPES);

/**
 * The instant an event takes effect on a journey's duties: `receivedAt` for news whose
 * clock runs from receipt, or news recorded for a late referral (when given), otherwise
 * `occurredAt`. Duties it opens are opened at this instant, run from it, take the rule
 * set in force on its London day, and are enhanced if the victim was eligible by then.
 */
export function effectiveAt(event: CodeEvent): Date {
  const fromReceipt = RECEIPT_CLOCK.has(event.type) || event.reason === 'late_referral';
  return event.receivedAt !== undefined && fromReceipt ? event.receivedAt : event.occurredAt;
}

const SAME_INSTANT_RANK = new Map<string, number>(CODE_EVENT_TYPES.map((type, rank) => [type, rank]));

/**
 * The one order in which a journey's events are applied: by `effectiveAt`, then cause
 * before effect (CODE_EVENT_TYPES), then by id; the payload and the instants settle the
 * last ties (two different events sent with the same id), so the input order never
 * matters.
 *
 * Ordered by the effective instant, not `occurredAt`, because that is when the duty
 * comes to exist: a hearing listed on Monday that reaches the witness care unit on
 * Wednesday owes nothing before Wednesday, so an opt-out, a closure or enhanced rights
 * recorded on Tuesday already apply to it, and news given to the victim on Tuesday (before
 * the unit had it) is not a discharge of it. Ordering by `occurredAt` would let events
 * act on a duty before it was opened.
 */
export function compareEvents(a: CodeEvent, b: CodeEvent): number {
  return (
    effectiveAt(a).getTime() - effectiveAt(b).getTime() ||
    SAME_INSTANT_RANK.get(a.type)! - SAME_INSTANT_RANK.get(b.type)! ||
    compareStrings(a.id, b.id) ||
    compareStrings(JSON.stringify(a.payload), JSON.stringify(b.payload)) ||
    a.occurredAt.getTime() - b.occurredAt.getTime() ||
    compareReceipts(a.receivedAt, b.receivedAt)
  );
}

/** No receipt before any receipt, then by instant. */
function compareReceipts(a: Date | undefined, b: Date | undefined): number {
  if (a === undefined || b === undefined) return Number(a !== undefined) - Number(b !== undefined);
  return a.getTime() - b.getTime();
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
