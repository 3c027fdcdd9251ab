import type { AppealStage, CodeEvent, RecordVoidedPayload } from './events.js';

/**
 * What a duty is about. An opening event and a discharging event match when they have
 * the same subject: the same decision, the same version of a hearing, the same outcome,
 * the same step of an appeal... or, for duties owed once per journey, the journey.
 */
export type DutySubject =
  | { readonly kind: 'journey' }
  | {
      readonly kind:
        | 'police_decision'
        | 'cps_decision'
        | 'bail_decision'
        | 'outcome'
        | 'expense_claim'
        | 'vrr_request'
        | 'complaint';
      readonly id: string;
    }
  | { readonly kind: 'hearing'; readonly id: string; readonly version: number }
  | { readonly kind: 'appeal'; readonly id: string; readonly stage: AppealStage };

export type SubjectKind = DutySubject['kind'];

export const JOURNEY_SUBJECT: DutySubject = { kind: 'journey' };

/** A stable text form of a subject, part of every duty key. */
export function subjectKey(subject: DutySubject): string {
  switch (subject.kind) {
    case 'journey':
      return 'journey';
    case 'hearing':
      return `hearing:${subject.id}@v${subject.version}`;
    case 'appeal':
      return `appeal:${subject.id}/${subject.stage}`;
    default:
      return `${subject.kind}:${subject.id}`;
  }
}

const APPEAL_STAGE_OF_EVENT = {
  'appeal.lodged': 'lodged',
  'appeal.hearing-listed': 'hearing_listed',
  'appeal.decided': 'decided',
} as const satisfies Record<string, AppealStage>;

/** The subject an event is about; events about the journey as a whole give the journey. */
export function subjectOfEvent(event: CodeEvent): DutySubject {
  switch (event.type) {
    case 'police.decision-made':
      return { kind: 'police_decision', id: event.payload.decisionId };
    case 'cps.decision-made':
      return { kind: 'cps_decision', id: event.payload.decisionId };
    case 'hearing.listed':
    case 'hearing.moved':
    case 'hearing.adjourned':
    case 'hearing.vacated':
      return { kind: 'hearing', id: event.payload.hearingId, version: event.payload.version };
    case 'court.bail-decision':
      return { kind: 'bail_decision', id: event.payload.bailDecisionId };
    case 'court.verdict':
    case 'court.sentence':
    case 'vcs.referred':
    case 'vcs.contacted':
      return { kind: 'outcome', id: event.payload.outcomeId };
    case 'appeal.lodged':
    case 'appeal.hearing-listed':
    case 'appeal.decided':
      return { kind: 'appeal', id: event.payload.appealId, stage: APPEAL_STAGE_OF_EVENT[event.type] };
    case 'expenses.claim-received':
    case 'expenses.claim-decided':
      return { kind: 'expense_claim', id: event.payload.claimId };
    case 'vrr.police-requested':
    case 'vrr.police-acknowledged':
    case 'vrr.police-decided':
      return { kind: 'vrr_request', id: event.payload.requestId };
    case 'complaint.received':
    case 'complaint.acknowledged':
    case 'complaint.responded':
      return { kind: 'complaint', id: event.payload.complaintId };
    case 'victim.informed':
      return subjectOfInforming(event);
    default:
      return JOURNEY_SUBJECT;
  }
}

function subjectOfInforming({ payload }: CodeEvent<'victim.informed'>): DutySubject {
  switch (payload.about) {
    case 'police_decision':
      return { kind: 'police_decision', id: payload.subjectId };
    case 'cps_decision':
      return { kind: 'cps_decision', id: payload.subjectId };
    case 'bail':
      return { kind: 'bail_decision', id: payload.subjectId };
    case 'outcome':
      return { kind: 'outcome', id: payload.subjectId };
    case 'hearing':
      return { kind: 'hearing', id: payload.subjectId, version: payload.hearingVersion };
    case 'appeal':
      return { kind: 'appeal', id: payload.subjectId, stage: payload.appealStage };
  }
}

/** Whether a duty subject is (part of) the record a `record.voided` names. */
export function isPartOfRecord(subject: DutySubject, record: RecordVoidedPayload): boolean {
  if (subject.kind === 'journey' || subject.kind !== record.subjectKind || subject.id !== record.subjectId) return false;
  if (subject.kind === 'hearing') return record.hearingVersion === undefined || subject.version === record.hearingVersion;
  if (subject.kind === 'appeal') return record.appealStage === undefined || subject.stage === record.appealStage;
  return true;
}
