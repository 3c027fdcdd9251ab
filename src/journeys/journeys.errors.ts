import { defineErrors } from '../app/domain-error.js';

/** Why commands on a journey's own settings refuse. */
export const JourneyError = defineErrors({
  JOURNEY_CLOSED: { status: 409, title: 'The journey is closed' },
});

/** Why a supervisor cannot withdraw a duty. */
export const DutyWithdrawalError = defineErrors({
  DUTY_NOT_OWED: { status: 409, title: 'The duty is no longer owed' },
  DUTY_PAST_DUE: { status: 422, title: 'A breach is withdrawn only as recorded in error or a duplicate' },
});

/** Why a sharing consent cannot change. */
export const SharingConsentError = defineErrors({
  SHARING_CONSENT_WITHDRAWN: { status: 409, title: 'The consent was already withdrawn' },
  SHARING_CONSENT_NOT_GIVEN: { status: 409, title: 'The victim refused this sharing; there is no consent to withdraw' },
});

/**
 * Why JourneyWork, the frame of other modules' journey-level commands, refuses one. Its
 * title differs from JourneyError's JOURNEY_CLOSED: these commands say to reopen first.
 */
export const JourneyWorkError = defineErrors({
  JOURNEY_CLOSED: { status: 409, title: 'The journey is closed; reopen it first' },
});
