import { defineErrors } from '../app/domain-error.js';

/** Why investigation commands refuse; the problem filter turns each into problem+json. */
export const InvestigationError = defineErrors({
  DEFENDANT_NOT_ON_CRIME: { status: 422, title: 'A defendant named is not on this crime' },
  DECISION_NOT_ON_CRIME: { status: 422, title: 'The decision is not on this journey’s crime' },
  ALREADY_INFORMED: { status: 409, title: 'The victim is already recorded as told of this decision, differently' },
  DECISION_NOT_REVIEWABLE: { status: 422, title: 'The Victims’ Right to Review does not cover this decision' },
  VRR_ALREADY_REQUESTED: { status: 409, title: 'The victim has already asked for a review of this decision' },
  VRR_ALREADY_ACKNOWLEDGED: { status: 409, title: 'The review request is already acknowledged' },
  VRR_ALREADY_DECIDED: { status: 409, title: 'The review request is already decided' },
});
