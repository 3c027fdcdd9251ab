/** The words of the court's side of a journey, shared by the schema, the DTOs and the services. */

export const COURT_KINDS = ['magistrates', 'crown'] as const;
export type CourtKind = (typeof COURT_KINDS)[number];

export const HEARING_TYPES = ['first_hearing', 'plea_and_trial_preparation', 'trial', 'sentencing', 'mention', 'appeal'] as const;
export type HearingType = (typeof HEARING_TYPES)[number];

/** Where a hearing stands as the court last told us: listed (or relisted), adjourned, vacated, heard. */
export const HEARING_STATUSES = ['listed', 'adjourned', 'vacated', 'heard'] as const;
export type HearingStatus = (typeof HEARING_STATUSES)[number];
