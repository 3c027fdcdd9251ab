export { applyAreaOverrides, RuleConfigurationError } from './area-overrides.js';
export type { AreaOverrides, RuleConfigurationErrorCode } from './area-overrides.js';
export { leavesCompliance, NEVER_OWED_REASONS } from './duties.js';
export type { Duty, DutyDischarge, DutyOwner, DutyStatus, DutyWithdrawal, UnmatchedEvent } from './duties.js';
export {
  ageOn,
  deriveEnhancedRights,
  ENHANCED_RIGHTS_CATEGORIES,
  ENHANCED_RIGHTS_REASONS,
  isMostSeriousCrime,
  MOST_SERIOUS_CRIME_OFFENCES,
  VULNERABILITY_FLAGS,
} from './enhanced-rights.js';
export type {
  EnhancedRightsBasis,
  EnhancedRightsCategory,
  EnhancedRightsFacts,
  EnhancedRightsReason,
  VulnerabilityFlag,
} from './enhanced-rights.js';
export { dutyKey } from './event-effects.js';
export type { EventEffects, JourneyFacts, ResolvedJourneyFacts } from './event-effects.js';
export { applyEvent, breachesAt, evaluateDuties } from './evaluator.js';
export type { ApplyEventInput, DutyEvaluation, EvaluateDutiesInput } from './evaluator.js';
export { eventInstantProblems } from './event-problems.js';
export type { EventFieldProblem, EventInstants } from './event-problems.js';
export {
  CODE_EVENT_TYPES,
  compareEvents,
  DUTY_WITHDRAWAL_REASONS,
  effectiveAt,
  EVENT_REASONS,
  RECEIPT_CLOCK_EVENT_TYPES,
  VOID_REASONS,
  VOIDABLE_SUBJECT_KINDS,
} from './events.js';
export type {
  AppealStage,
  BailDecisionKind,
  CodeEvent,
  CodeEventPayloads,
  CodeEventType,
  CpsDecisionKind,
  DutyWithdrawalReason,
  EventReason,
  HearingPayload,
  InformationKind,
  InformedAbout,
  PoliceDecisionKind,
  RecordCorrectedPayload,
  RecordVoidedPayload,
  ReferralConsent,
  VictimInformedPayload,
  VoidableSubjectKind,
  VoidReason,
  WithdrawalReason,
} from './events.js';
export { lateReferralNews } from './late-referral.js';
export type { LateReferralInput, LateReferralReason, OwedNews } from './late-referral.js';
export { OFFENCE_CATEGORIES, referralConsentBasis } from './offences.js';
export type { OffenceCategory, ReferralConsentBasis } from './offences.js';
export { checkRuleSets, RULE_SETS, ruleSetInForce, VC_2020_1_RULE_SET } from './rule-sets.js';
export type { RuleSet } from './rule-sets.js';
export { RULE_IDS, RULE_SET_VERSION, VC_2020_1 } from './rules.js';
export type { CodeRight, DutyRule, EventTrigger, RuleBasis, RuleId, RuleOwner, WithdrawalTrigger } from './rules.js';
export { isPartOfRecord, subjectKey, subjectOfEvent } from './subjects.js';
export type { DutySubject, SubjectKind } from './subjects.js';
export type { Timescale, TimescaleUnit } from './timescales.js';
export { isVcsEligible } from './victim-contact-scheme.js';
export type { VcsSentence } from './victim-contact-scheme.js';
export {
  CPS_REVIEWABLE_DECISION_KINDS,
  openVictimWindows,
  POLICE_REVIEWABLE_DECISION_KINDS,
  ULS_REMINDER,
  ulsReminderAt,
  ulsReminders,
  VICTIM_WINDOWS,
  victimWindowCloses,
} from './victim-windows.js';
export type {
  OpenVictimWindow,
  OpenVictimWindowsInput,
  UlsReminder,
  UlsRemindersInput,
  VictimWindow,
  VictimWindowId,
  VictimWindowInstants,
  VictimWindowSubject,
} from './victim-windows.js';
