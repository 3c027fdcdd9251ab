/** The words of witness care, shared by the schema, the DTOs and the services. */

/** Whether the victim or witness is expected to give evidence; `unknown` until the prosecution knows. */
export const GIVING_EVIDENCE = [true, false, 'unknown'] as const;
export type GivingEvidence = (typeof GIVING_EVIDENCE)[number];

/** The Witness Charter's areas of need a witness care officer asks about after a not-guilty plea. */
export const WITNESS_NEED_AREAS = ['childcare', 'travel', 'disability', 'language', 'intimidation', 'special_measures', 'pre_trial_visit', 'expenses'] as const;
export type WitnessNeedArea = (typeof WITNESS_NEED_AREAS)[number];

export const WITNESS_NEED_LEVELS = ['low', 'medium', 'high'] as const;
export type WitnessNeedLevel = (typeof WITNESS_NEED_LEVELS)[number];

/** What the officer does about a need, as a code (the timeline holds codes, never free text). */
export const WITNESS_NEED_ACTIONS = [
  'information_given',
  'arranged',
  'referred_to_support',
  'application_to_court',
  'booking_needed',
  'to_review',
  'none_needed',
] as const;
export type WitnessNeedAction = (typeof WITNESS_NEED_ACTIONS)[number];

/** Special measures under the Youth Justice and Criminal Evidence Act 1999, ss.23-30. */
export const SPECIAL_MEASURES = [
  'screens',
  'live_link',
  'evidence_in_private',
  'removal_of_wigs_and_gowns',
  'video_recorded_evidence_in_chief',
  'pre_recorded_cross_examination',
  'intermediary',
  'aids_to_communication',
] as const;
export type SpecialMeasure = (typeof SPECIAL_MEASURES)[number];

/** requested (by or for the witness) -> applied_for (by the CPS) -> granted | refused (by the court). */
export const SPECIAL_MEASURE_STATUSES = ['requested', 'applied_for', 'granted', 'refused'] as const;
export type SpecialMeasureStatus = (typeof SPECIAL_MEASURE_STATUSES)[number];

/** Not yet decided by the court: what the officer must chase before the hearing. */
export const OUTSTANDING_SPECIAL_MEASURE_STATUSES: readonly SpecialMeasureStatus[] = ['requested', 'applied_for'];

export const SPECIAL_MEASURE_REFUSAL_REASONS = [
  'not_eligible',
  'not_likely_to_improve_evidence',
  'application_out_of_time',
  'facilities_unavailable',
  'defendant_objection_upheld',
  'other',
] as const;
export type SpecialMeasureRefusalReason = (typeof SPECIAL_MEASURE_REFUSAL_REASONS)[number];

export const PRE_TRIAL_VISIT_STATUSES = ['offered', 'taken', 'declined'] as const;
export type PreTrialVisitStatus = (typeof PRE_TRIAL_VISIT_STATUSES)[number];

export const WARNING_METHODS = ['phone', 'letter', 'email', 'in_person', 'via_named_person'] as const;
export type WarningMethod = (typeof WARNING_METHODS)[number];

export const ATTENDANCE_OUTCOMES = ['attended', 'failed_to_attend', 'excused', 'not_required'] as const;
export type AttendanceOutcome = (typeof ATTENDANCE_OUTCOMES)[number];

export const NON_ATTENDANCE_REASONS = [
  'illness',
  'childcare',
  'intimidation',
  'transport',
  'not_warned',
  'work_commitments',
  'unwilling',
  'forgot',
  'unknown',
  'other',
] as const;
export type NonAttendanceReason = (typeof NON_ATTENDANCE_REASONS)[number];

/** How a failed-to-attend follow-up ended. */
export const FOLLOW_UP_NOTES = [
  'witness_contacted',
  'rewarned',
  'support_arranged',
  'cps_informed',
  'summons_requested',
  'unable_to_contact',
  'no_further_action',
] as const;
export type FollowUpNote = (typeof FOLLOW_UP_NOTES)[number];

export const FOLLOW_UP_STATUSES = ['open', 'resolved'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
