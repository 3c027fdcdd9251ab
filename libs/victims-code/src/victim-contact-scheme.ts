/** What the court's sentence says, as far as Victim Contact Scheme eligibility goes. */
export interface VcsSentence {
  readonly offenceViolentOrSexual: boolean;
  /** Length of the custodial sentence in months; 0 when not custodial. */
  readonly custodialMonths: number;
  /** A hospital order, with or without restriction. */
  readonly hospitalOrder: boolean;
}

// Code 2020, right 11: 12 months or more in custody, or a hospital order, for a violent
// or sexual offence. Bereaved close relatives qualify in the same cases; anyone else may
// be offered discretionary contact, which is recorded but opens no duty.
const VCS_MINIMUM_CUSTODIAL_MONTHS = 12;

export function isVcsEligible(sentence: VcsSentence): boolean {
  return (
    sentence.offenceViolentOrSexual &&
    (sentence.custodialMonths >= VCS_MINIMUM_CUSTODIAL_MONTHS || sentence.hospitalOrder)
  );
}
