import { defineErrors } from '../app/domain-error.js';

/** Why the court's commands refuse; the problem filter turns each into problem+json. */
export const CourtError = defineErrors({
  COURT_NOT_IN_AREA: { status: 422, title: 'The court is not an active court of the crime’s area' },
  DEFENDANT_NOT_ON_CRIME: { status: 422, title: 'The defendant is not a defendant on this crime' },
  DEFENDANT_NOT_ON_HEARING: { status: 422, title: 'The defendant was not listed for this hearing' },
  HEARING_NOT_ON_CRIME: { status: 422, title: 'The hearing is not a hearing of this crime' },
  HEARING_UNCHANGED: { status: 422, title: 'The hearing is already listed for that time at that court' },
  EFFECTIVENESS_NOT_FOR_HEARING_TYPE: { status: 422, title: 'Only a trial is effective, cracked or ineffective' },
  SENTENCE_WITHOUT_CONVICTION: { status: 422, title: 'Only a defendant found guilty is sentenced' },
  NOTHING_TO_APPEAL: { status: 422, title: 'There is no conviction or sentence to appeal against' },
  SUBJECT_NOT_ON_CRIME: { status: 422, title: 'What the victim was told of is not on this journey’s crime' },
  HEARING_VERSION_UNKNOWN: { status: 422, title: 'The hearing never had that version' },
  APPEAL_STAGE_NOT_REACHED: { status: 422, title: 'The appeal has not reached that stage' },
  INFORMED_BEFORE_NEWS: { status: 422, title: 'The victim cannot have been told before the court decided' },
  HEARING_NOT_LISTED: { status: 409, title: 'The hearing is not listed; only a listed hearing is adjourned or heard' },
  HEARING_CLOSED: { status: 409, title: 'The hearing was vacated or heard and can no longer change' },
  OUTCOME_ALREADY_RECORDED: { status: 409, title: 'The defendant already has a verdict' },
  SENTENCE_ALREADY_RECORDED: { status: 409, title: 'The sentence is already recorded' },
  APPEAL_ALREADY_OPEN: { status: 409, title: 'An appeal on that ground is already open' },
  APPEAL_HEARING_ALREADY_LISTED: { status: 409, title: 'The appeal hearing is already listed' },
  APPEAL_DECIDED: { status: 409, title: 'The appeal is decided and can no longer change' },
  ALREADY_INFORMED: { status: 409, title: 'That the victim was told of this is already recorded' },
});
