import { defineErrors } from '../app/domain-error.js';

/** Why a referral is refused. */
export const ReferralError = defineErrors({
  REFERRAL_CONSENT_MISSING: { status: 422, title: 'The victim’s consent does not allow this referral' },
});
