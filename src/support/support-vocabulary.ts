/** The fixed lists of the victim care service's work; the migration's CHECK constraints say the same. */
export const CONTACT_METHODS = ['phone', 'letter', 'email', 'visit', 'text'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const CONTACT_OUTCOMES = ['contacted', 'no_answer', 'left_message', 'wrong_details', 'sent', 'refused'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** What the victim said when asked whether they want support, on a successful contact. */
export const SUPPORT_WANTED_ANSWERS = ['accepted', 'declined', 'undecided'] as const;
export type SupportWantedAnswer = (typeof SUPPORT_WANTED_ANSWERS)[number];

export const NEED_AREAS = [
  'health_wellbeing',
  'mental_emotional',
  'safety_security',
  'housing',
  'finance_benefits',
  'employment_education',
  'family_relationships',
  'substance_misuse',
  'disability_access',
  'criminal_justice_information',
  'communication_language',
] as const;
export type NeedArea = (typeof NEED_AREAS)[number];

export const NEED_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type NeedLevel = (typeof NEED_LEVELS)[number];

export const ASSESSMENT_DECISIONS = ['accepted', 'declined', 'signposted'] as const;
export type AssessmentDecision = (typeof ASSESSMENT_DECISIONS)[number];

export const COPE_RECOVER_POINTS = ['start', 'end'] as const;
export type CopeRecoverPoint = (typeof COPE_RECOVER_POINTS)[number];

export const SUPPORT_ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export type SupportActionStatus = (typeof SUPPORT_ACTION_STATUSES)[number];

export const ONWARD_SERVICES = ['isva', 'idva', 'mental_health', 'housing', 'drug_alcohol', 'advocacy', 'other'] as const;
export type OnwardService = (typeof ONWARD_SERVICES)[number];

export const ONWARD_OUTCOMES = ['pending', 'accepted', 'declined_by_service', 'declined_by_victim', 'no_response'] as const;
export type OnwardOutcome = (typeof ONWARD_OUTCOMES)[number];
