import { defineErrors } from '../app/domain-error.js';

/** Why the witness care unit's commands refuse; the problem filter turns each into problem+json. */
export const WitnessError = defineErrors({
  WITNESS_CARE_ALREADY_OPEN: { status: 409, title: 'The journey already has a witness care case' },
  WITNESS_CARE_NOT_OPEN: { status: 422, title: 'Open a witness care case for the journey first' },
  NOT_CHARGED: { status: 422, title: 'Witness care begins at charge; no charge or hearing is recorded on the journey’s crime' },
  HEARING_NOT_ON_CRIME: { status: 422, title: 'The hearing is not a hearing of the journey’s crime' },
  HEARING_NOT_LISTED: { status: 422, title: 'A witness can be warned only for a hearing that is listed' },
  SPECIAL_MEASURE_ALREADY_REQUESTED: { status: 409, title: 'That special measure is already requested or granted for the witness' },
  SPECIAL_MEASURE_TRANSITION_NOT_ALLOWED: { status: 422, title: 'The special measure cannot move to that state from where it is' },
  PRE_TRIAL_VISIT_TRANSITION_NOT_ALLOWED: { status: 422, title: 'The pre-trial visit cannot move to that state from where it is' },
  INTERPRETER_ALREADY_BOOKED: { status: 409, title: 'An interpreter in that language is already booked for the witness at that hearing' },
  WITNESS_ALREADY_WARNED: { status: 409, title: 'The witness is already warned for this listing of the hearing' },
  ATTENDANCE_ALREADY_RECORDED: { status: 409, title: 'Attendance at this hearing is already recorded; correct it with PUT and If-Match' },
  ATTENDANCE_NOT_RECORDED: { status: 404, title: 'No attendance is recorded for the witness at this hearing' },
  NO_OPEN_FOLLOW_UP: { status: 422, title: 'There is no open failed-to-attend follow-up to resolve' },
});
