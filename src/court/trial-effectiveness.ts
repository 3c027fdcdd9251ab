/**
 * Trial effectiveness as the courts record it (HMCTS cracked and ineffective trial
 * monitoring): a trial is effective when it starts on the day listed, cracked when it
 * ends that day without a trial (a late plea, the prosecution offering no evidence), and
 * ineffective when it does not go ahead and must be relisted.
 *
 * Each reason says which outcomes it explains, whose side it lies with, and whether it is a
 * witness issue: the partnership counts trials lost because a witness was absent, withdrew
 * or could not give evidence as arranged (special measures not in place), which is what
 * witness care exists to prevent.
 */

export const TRIAL_EFFECTIVENESS = ['effective', 'cracked', 'ineffective'] as const;
export type TrialEffectiveness = (typeof TRIAL_EFFECTIVENESS)[number];

type Unsuccessful = Exclude<TrialEffectiveness, 'effective'>;

export interface EffectivenessReasonSpec {
  readonly explains: readonly Unsuccessful[];
  readonly side: 'prosecution' | 'defence' | 'court';
  readonly witnessIssue: boolean;
}

export const EFFECTIVENESS_REASONS = {
  // Cracked: the case ended on the day without a trial.
  guilty_plea_on_the_day: { explains: ['cracked'], side: 'defence', witnessIssue: false },
  guilty_plea_to_alternative_charge: { explains: ['cracked'], side: 'defence', witnessIssue: false },
  defendant_bound_over: { explains: ['cracked'], side: 'defence', witnessIssue: false },
  prosecution_offered_no_evidence: { explains: ['cracked'], side: 'prosecution', witnessIssue: false },
  prosecution_public_interest: { explains: ['cracked'], side: 'prosecution', witnessIssue: false },
  prosecution_witness_withdrew: { explains: ['cracked'], side: 'prosecution', witnessIssue: true },
  // Either: the prosecution may offer no evidence (cracked) or ask to relist (ineffective).
  prosecution_witness_absent: { explains: ['cracked', 'ineffective'], side: 'prosecution', witnessIssue: true },
  // Ineffective: the trial did not go ahead and must be relisted.
  prosecution_not_ready: { explains: ['ineffective'], side: 'prosecution', witnessIssue: false },
  prosecution_advocate_unavailable: { explains: ['ineffective'], side: 'prosecution', witnessIssue: false },
  defence_witness_absent: { explains: ['ineffective'], side: 'defence', witnessIssue: true },
  defendant_absent: { explains: ['ineffective'], side: 'defence', witnessIssue: false },
  defendant_unwell: { explains: ['ineffective'], side: 'defence', witnessIssue: false },
  defence_not_ready: { explains: ['ineffective'], side: 'defence', witnessIssue: false },
  defence_advocate_unavailable: { explains: ['ineffective'], side: 'defence', witnessIssue: false },
  defendant_in_custody_not_produced: { explains: ['ineffective'], side: 'court', witnessIssue: false },
  no_court_time: { explains: ['ineffective'], side: 'court', witnessIssue: false },
  judicial_availability: { explains: ['ineffective'], side: 'court', witnessIssue: false },
  interpreter_unavailable: { explains: ['ineffective'], side: 'court', witnessIssue: false },
  special_measures_not_in_place: { explains: ['ineffective'], side: 'court', witnessIssue: true },
  equipment_failure: { explains: ['ineffective'], side: 'court', witnessIssue: false },
} as const satisfies Record<string, EffectivenessReasonSpec>;

export type EffectivenessReason = keyof typeof EFFECTIVENESS_REASONS;
export const EFFECTIVENESS_REASON_CODES = Object.keys(EFFECTIVENESS_REASONS) as EffectivenessReason[];

/** Reasons that count as a trial lost to a witness issue, for reports. */
export const WITNESS_ISSUE_REASONS = EFFECTIVENESS_REASON_CODES.filter((code) => EFFECTIVENESS_REASONS[code].witnessIssue);

/** Why an effectiveness and its reason do not fit together, or null when they do. */
export function effectivenessProblem(effectiveness: TrialEffectiveness, reason: EffectivenessReason | undefined): string | null {
  if (effectiveness === 'effective') return reason === undefined ? null : 'is only given for a cracked or ineffective trial';
  if (reason === undefined) return `is required for a ${effectiveness} trial`;
  const explains: readonly Unsuccessful[] = EFFECTIVENESS_REASONS[reason].explains;
  return explains.includes(effectiveness) ? null : `does not explain a ${effectiveness} trial`;
}
