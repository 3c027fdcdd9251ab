/** The words of the investigation side of a crime, shared by the schema, the DTOs and the services. */
import { CPS_REVIEWABLE_DECISION_KINDS, POLICE_REVIEWABLE_DECISION_KINDS, type CpsDecisionKind, type PoliceDecisionKind } from '../../libs/victims-code/src/index.js';

export const POLICE_DECISION_KINDS = [
  'no_investigation',
  'investigation_closed',
  'suspect_arrested',
  'interviewed_under_caution',
  'released_nfa',
  'released_on_bail',
  'released_under_investigation',
  'bail_conditions_changed',
  'charged',
  'out_of_court_disposal',
] as const satisfies readonly PoliceDecisionKind[];

export const CPS_DECISION_KINDS = ['not_to_charge', 'discontinue', 'alter_charges'] as const satisfies readonly CpsDecisionKind[];

/**
 * Police decisions the NPCC Victims' Right to Review scheme lets a victim ask to have
 * reviewed: decisions not to charge an identified suspect. A charge, an arrest or an
 * out-of-court disposal is not a qualifying decision.
 */
export const POLICE_REVIEWABLE_KINDS: readonly PoliceDecisionKind[] = POLICE_REVIEWABLE_DECISION_KINDS;

/** CPS decisions under the CPS Victims' Right to Review: not to charge, or to stop the case; not altered charges. */
export const CPS_REVIEWABLE_KINDS: readonly CpsDecisionKind[] = CPS_REVIEWABLE_DECISION_KINDS;

/** Where a defendant stands on the crime, as the police and CPS decisions set it. */
export const DEFENDANT_STATUSES = ['suspect', 'charged'] as const;
export type DefendantStatus = (typeof DEFENDANT_STATUSES)[number];

/** How the victim was told of a decision; `via_named_person` is through the relative, ISVA or IDVA they chose. */
export const INFORMED_METHODS = ['phone', 'letter', 'email', 'text_message', 'in_person', 'video_call', 'via_named_person'] as const;
export type InformedMethod = (typeof INFORMED_METHODS)[number];

/** Which body made a decision: the police or the Crown Prosecution Service. */
export const DECISION_BODIES = ['police', 'cps'] as const;
export type DecisionBody = (typeof DECISION_BODIES)[number];

export const VRR_STATUSES = ['requested', 'acknowledged', 'decided'] as const;
export type VrrStatus = (typeof VRR_STATUSES)[number];

export const VRR_OUTCOMES = ['upheld', 'not_upheld'] as const;
export type VrrOutcome = (typeof VRR_OUTCOMES)[number];
