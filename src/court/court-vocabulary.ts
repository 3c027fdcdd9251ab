/** The words of the court's side of a journey, shared by the schema, the DTOs and the services. */

export const COURT_KINDS = ['magistrates', 'crown'] as const;
export type CourtKind = (typeof COURT_KINDS)[number];

export const HEARING_TYPES = ['first_hearing', 'plea_and_trial_preparation', 'trial', 'sentencing', 'mention', 'appeal'] as const;
export type HearingType = (typeof HEARING_TYPES)[number];

/** Where a hearing stands as the court last told us: listed (or relisted), adjourned, vacated, heard. */
export const HEARING_STATUSES = ['listed', 'adjourned', 'vacated', 'heard'] as const;
export type HearingStatus = (typeof HEARING_STATUSES)[number];

/** What the court did to a hearing; each is a new hearing version the victim or witness must be told of. */
export const LISTING_CHANGES = ['listed', 'moved', 'adjourned', 'vacated'] as const;
export type ListingChange = (typeof LISTING_CHANGES)[number];

/** Why the court adjourned a hearing, as the court gives it. */
export const ADJOURNMENT_REASONS = [
  'awaiting_reports',
  'further_evidence_needed',
  'prosecution_not_ready',
  'defence_not_ready',
  'defendant_absent',
  'defendant_unwell',
  'witness_absent',
  'no_court_time',
  'judicial_availability',
  'interpreter_unavailable',
  'other',
] as const;
export type AdjournmentReason = (typeof ADJOURNMENT_REASONS)[number];

/** Why the court took a hearing out of the list altogether. */
export const VACATION_REASONS = [
  'guilty_plea_entered',
  'case_discontinued',
  'hearing_no_longer_needed',
  'listed_in_error',
  'combined_with_another_hearing',
  'other',
] as const;
export type VacationReason = (typeof VACATION_REASONS)[number];

export const PLEAS = ['guilty', 'not_guilty', 'no_plea'] as const;
export type Plea = (typeof PLEAS)[number];

export const BAIL_DECISION_KINDS = ['bail_granted', 'bail_conditions_changed', 'remanded_in_custody'] as const;
export type BailDecisionKind = (typeof BAIL_DECISION_KINDS)[number];

export const VERDICTS = ['guilty', 'not_guilty'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The court's sentence, as far as the victim must be told of it and the Victim Contact Scheme asks. */
export const DISPOSALS = [
  'immediate_custody',
  'detention_and_training_order',
  'suspended_sentence',
  'community_order',
  'youth_rehabilitation_order',
  'referral_order',
  'fine',
  'conditional_discharge',
  'absolute_discharge',
  'hospital_order',
  'hospital_order_with_restriction',
] as const;
export type Disposal = (typeof DISPOSALS)[number];

/** Sentences served in custody now; a suspended sentence is not one (Code right 11 counts time in custody). */
export const CUSTODIAL_DISPOSALS: readonly Disposal[] = ['immediate_custody', 'detention_and_training_order'];
export const HOSPITAL_ORDER_DISPOSALS: readonly Disposal[] = ['hospital_order', 'hospital_order_with_restriction'];

export const APPELLANTS = ['defendant', 'prosecution'] as const;
export type Appellant = (typeof APPELLANTS)[number];

export const APPEAL_GROUNDS = ['conviction', 'sentence'] as const;
export type AppealGround = (typeof APPEAL_GROUNDS)[number];

export const APPEAL_RESULTS = ['allowed', 'dismissed', 'varied', 'abandoned'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];

export const APPEAL_STAGES = ['lodged', 'hearing_listed', 'decided'] as const;
export type AppealStage = (typeof APPEAL_STAGES)[number];

/** How a witness care officer told the victim or witness. */
export const INFORMING_METHODS = ['phone', 'in_person', 'letter', 'email', 'text_message', 'video_call', 'through_named_person'] as const;
export type InformingMethod = (typeof INFORMING_METHODS)[number];

/** What a victim or witness is told of on the court's side; each kind has its own inform duty. */
export const INFORMED_SUBJECTS = ['hearing', 'bail', 'outcome', 'appeal'] as const;
export type InformedSubject = (typeof INFORMED_SUBJECTS)[number];

/** The step of an outcome the victim was told of: the verdict, or the sentence after it. */
export const OUTCOME_STAGES = ['verdict', 'sentence'] as const;
export type OutcomeStage = (typeof OUTCOME_STAGES)[number];
