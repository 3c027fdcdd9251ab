import { defineErrors } from '../app/domain-error.js';

/** Why the after-the-outcome commands refuse; the problem filter turns each into problem+json. */
export const AfterOutcomeError = defineErrors({
  CONSENT_REQUIRED: { status: 422, title: 'Consent is required to refer' },
  VPS_NOT_OFFERED: { status: 422, title: 'No victim personal statement has been offered yet' },
  VPS_NOT_MADE: { status: 422, title: 'No victim personal statement has been made yet' },
  RJ_NOT_OFFERED: { status: 422, title: 'Restorative justice has not been offered yet' },
  RJ_NOT_INTERESTED: { status: 422, title: 'The victim did not say they were interested in restorative justice' },
  RJ_REFERRAL_PENDING: { status: 422, title: 'A referral to the restorative justice hub is already waiting for its outcome' },
  RJ_OUTCOME_RECORDED: { status: 422, title: 'The restorative justice referral already has its outcome' },
  SENTENCE_NOT_RECORDED: { status: 422, title: 'No sentence with this outcome id is on the journey' },
  VCS_NOT_ELIGIBLE: { status: 422, title: 'The sentence does not make the victim eligible for the Victim Contact Scheme' },
  VCS_OPTED_OUT: { status: 422, title: 'The victim opted out of the Victim Contact Scheme' },
  VCS_ALREADY_REFERRED: { status: 422, title: 'The victim is already referred to the Victim Contact Scheme for this sentence' },
  VCS_ALREADY_CONTACTED: { status: 422, title: 'Probation’s contact is already recorded for this referral' },
  COMPLAINT_ALREADY_ACKNOWLEDGED: { status: 422, title: 'The complaint is already acknowledged' },
  COMPLAINT_ALREADY_RESPONDED: { status: 422, title: 'The complaint already has its response' },
  COMPLAINT_NOT_RESPONDED: { status: 422, title: 'The complaint can be escalated once answered, or once its response is overdue' },
  COMPLAINT_AT_OMBUDSMAN: { status: 422, title: 'The complaint is already with the Ombudsman' },
  EXPENSE_CLAIM_DECIDED: { status: 422, title: 'The expense claim is already decided' },
});
