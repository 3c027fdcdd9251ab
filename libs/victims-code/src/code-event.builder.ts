/**
 * Builders for journey events in tests: each fills in what a test does not care about,
 * so a test names only what it is about. Ids are derived from the event itself, so the
 * same call always builds the same event; pass `withId` to make two events share an id.
 */
import type { DutyOwner } from './duties.js';
import type { EnhancedRightsCategory } from './enhanced-rights.js';
import type {
  AppealStage,
  BailDecisionKind,
  CodeEvent,
  CodeEventPayloads,
  CodeEventType,
  CpsDecisionKind,
  InformationKind,
  PoliceDecisionKind,
  DutyWithdrawalReason,
  RecordCorrectedPayload,
  RecordVoidedPayload,
  ReferralConsent,
} from './events.js';
import type { OffenceCategory } from './offences.js';

export function codeEvent<T extends CodeEventType>(type: T, at: string, payload: CodeEventPayloads[T]): CodeEvent<T> {
  const id = `${type}@${at}${Object.keys(payload).length ? ` ${JSON.stringify(payload)}` : ''}`;
  return { id, type, occurredAt: new Date(at), payload } as CodeEvent<T>;
}

export const withId = <T extends CodeEvent>(event: T, id: string): T => ({ ...event, id });

/** The same event as received by the duty-holder at `at` (the id stays: it is one event). */
export const receivedAt = <T extends CodeEvent>(event: T, at: string): T => ({ ...event, receivedAt: new Date(at) });

export const enhancedRightsRecorded = (at: string, categories: EnhancedRightsCategory[] = ['vulnerable']) =>
  codeEvent('enhanced-rights.recorded', at, { categories });

export const crimeReported = (
  at: string,
  {
    offenceCategory = 'burglary',
    referralConsent = 'not_recorded',
  }: { offenceCategory?: OffenceCategory; referralConsent?: ReferralConsent } = {},
) => codeEvent('crime.reported', at, { offenceCategory, referralConsent });

export const crimeReportAcknowledged = (at: string) => codeEvent('police.crime-report-acknowledged', at, {});

export const referralConsentRecorded = (at: string, consent: 'given' | 'objected') =>
  codeEvent('referral.consent-recorded', at, { consent });

export const referralReceived = (at: string, referralId = 'REF-1') =>
  codeEvent('referral.received', at, { referralId });
export const contactSucceeded = (at: string) => codeEvent('contact.succeeded', at, {});
export const unableToContact = (at: string) => codeEvent('contact.unable-to-contact', at, {});
export const supportAccepted = (at: string) => codeEvent('support.accepted', at, {});
export const needsAssessmentCompleted = (at: string) => codeEvent('needs-assessment.completed', at, {});
export const rjOffered = (at: string, answer: 'interested' | 'not_interested' = 'interested') =>
  codeEvent('rj.offered', at, { answer });

export const policeDecision = (at: string, kind: PoliceDecisionKind = 'charged', decisionId = 'PD-1') =>
  codeEvent('police.decision-made', at, { decisionId, kind });

export const witnessStatementGiven = (at: string) => codeEvent('police.witness-statement-given', at, {});

export const vpsOffered = (at: string, offeredBy = 'PC 1234') => codeEvent('vps.offered', at, { offeredBy });

export const cpsDecision = (at: string, kind: CpsDecisionKind = 'not_to_charge', decisionId = 'CD-1') =>
  codeEvent('cps.decision-made', at, { decisionId, kind });

export const policeVrrRequested = (at: string, requestId = 'VRR-1') =>
  codeEvent('vrr.police-requested', at, { requestId });
export const policeVrrAcknowledged = (at: string, requestId = 'VRR-1') =>
  codeEvent('vrr.police-acknowledged', at, { requestId });
export const policeVrrDecided = (at: string, requestId = 'VRR-1') => codeEvent('vrr.police-decided', at, { requestId });

export const notGuiltyPlea = (at: string) => codeEvent('plea.not-guilty', at, {});
export const witnessNeedsAssessed = (at: string) => codeEvent('witness.needs-assessed', at, {});

export const hearing = (
  change: 'listed' | 'moved' | 'adjourned' | 'vacated',
  at: string,
  version: number,
  hearingId = 'H-1',
) => codeEvent(`hearing.${change}`, at, { hearingId, version });

export const bailDecision = (at: string, bailDecisionId = 'BAIL-1', kind: BailDecisionKind = 'bail_granted') =>
  codeEvent('court.bail-decision', at, { bailDecisionId, kind });

export const verdict = (at: string, outcomeId = 'OUT-1', result: 'guilty' | 'not_guilty' = 'guilty') =>
  codeEvent('court.verdict', at, { outcomeId, verdict: result });

export const sentence = (
  at: string,
  {
    outcomeId = 'OUT-1',
    offenceViolentOrSexual = true,
    custodialMonths = 24,
    hospitalOrder = false,
  }: { outcomeId?: string; offenceViolentOrSexual?: boolean; custodialMonths?: number; hospitalOrder?: boolean } = {},
) => codeEvent('court.sentence', at, { outcomeId, offenceViolentOrSexual, custodialMonths, hospitalOrder });

const APPEAL_EVENT = {
  lodged: 'appeal.lodged',
  hearing_listed: 'appeal.hearing-listed',
  decided: 'appeal.decided',
} as const;
export const appeal = (stage: AppealStage, at: string, appealId = 'APP-1') =>
  codeEvent(APPEAL_EVENT[stage], at, { appealId });

export const vcsReferred = (at: string, outcomeId = 'OUT-1') => codeEvent('vcs.referred', at, { outcomeId });
export const vcsContacted = (at: string, outcomeId = 'OUT-1') => codeEvent('vcs.contacted', at, { outcomeId });

export const expenseClaimReceived = (at: string, claimId = 'EXP-1') =>
  codeEvent('expenses.claim-received', at, { claimId });
export const expenseClaimDecided = (at: string, claimId = 'EXP-1', decision: 'paid' | 'refused' = 'paid') =>
  codeEvent('expenses.claim-decided', at, { claimId, decision });

export const complaintReceived = (at: string, against: DutyOwner = 'police', complaintId = 'COMP-1') =>
  codeEvent('complaint.received', at, { complaintId, against });
export const complaintAcknowledged = (at: string, complaintId = 'COMP-1') =>
  codeEvent('complaint.acknowledged', at, { complaintId });
export const complaintResponded = (at: string, complaintId = 'COMP-1') =>
  codeEvent('complaint.responded', at, { complaintId });

export const informedOfPoliceDecision = (at: string, decisionId = 'PD-1') =>
  codeEvent('victim.informed', at, { about: 'police_decision', subjectId: decisionId });
export const informedOfCpsDecision = (at: string, decisionId = 'CD-1') =>
  codeEvent('victim.informed', at, { about: 'cps_decision', subjectId: decisionId });
export const informedOfHearing = (at: string, hearingVersion: number, hearingId = 'H-1') =>
  codeEvent('victim.informed', at, { about: 'hearing', subjectId: hearingId, hearingVersion });
export const informedOfBail = (at: string, bailDecisionId = 'BAIL-1') =>
  codeEvent('victim.informed', at, { about: 'bail', subjectId: bailDecisionId });
export const informedOfOutcome = (at: string, outcomeId = 'OUT-1') =>
  codeEvent('victim.informed', at, { about: 'outcome', subjectId: outcomeId });
export const informedOfAppeal = (at: string, appealStage: AppealStage, appealId = 'APP-1') =>
  codeEvent('victim.informed', at, { about: 'appeal', subjectId: appealId, appealStage });

export const optedOut = (at: string, kinds: InformationKind[]) =>
  codeEvent('contact-preference.opted-out', at, { kinds });
export const optedIn = (at: string, kinds: InformationKind[]) =>
  codeEvent('contact-preference.opted-in', at, { kinds });
export const dutyWithdrawn = (at: string, dutyKey: string, reason: DutyWithdrawalReason) =>
  codeEvent('duty.withdrawn', at, { dutyKey, reason });
export const recordVoided = (
  at: string,
  subjectKind: RecordVoidedPayload['subjectKind'],
  subjectId: string,
  narrower: Pick<RecordVoidedPayload, 'hearingVersion' | 'appealStage'> = {},
  reason: RecordVoidedPayload['reason'] = 'recorded_in_error',
) => codeEvent('record.voided', at, { subjectKind, subjectId, ...narrower, reason });
export const recordCorrected = (at: string, eventId: string, instants: Omit<RecordCorrectedPayload, 'eventId'>) =>
  codeEvent('record.corrected', at, { eventId, ...instants });
export const journeyClosed = (at: string) => codeEvent('journey.closed', at, {});
