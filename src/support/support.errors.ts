import { defineErrors } from '../app/domain-error.js';

/** Why the victim care service's commands refuse; the problem filter turns each into problem+json. */
export const SupportError = defineErrors({
  JOURNEY_NOT_CLOSED: { status: 409, title: 'Only a closed journey can be reopened' },
  OPEN_JOURNEY_EXISTS: { status: 409, title: 'The person already has an open journey on this crime' },
  COPE_RECOVER_ALREADY_RECORDED: { status: 409, title: 'A cope-and-recover measure is already recorded at this point' },
  SUPPORT_ACTION_FINISHED: { status: 409, title: 'The action is done or cancelled and can no longer change' },
  START_SCORE_REQUIRED: { status: 422, title: 'A start score is required before support begins' },
  END_SCORE_REQUIRED: { status: 422, title: 'An end score, or why there is none, is required to close the journey' },
  CONTACT_NOT_RECORDED: { status: 422, title: 'The victim has not been contacted yet' },
  CONSENT_REQUIRED: { status: 422, title: 'Consent is required to refer' },
});
