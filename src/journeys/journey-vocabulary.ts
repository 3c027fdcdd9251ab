/** The fixed lists a journey is described with; the migration's CHECK constraints say the same. */
export const JOURNEY_ROLES = ['victim', 'witness'] as const;
export type JourneyRole = (typeof JOURNEY_ROLES)[number];

export const JOURNEY_STAGES = ['referred', 'contacted', 'assessed', 'in_support', 'witness_care', 'court', 'closed'] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

export const CLOSURE_REASONS = ['support_completed', 'declined', 'unable_to_contact', 'moved_area', 'deceased', 'other'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/**
 * Why a journey passes from one lead worker or agency to another. The Code's promise is
 * that a victim is "not passed from one agency to another without good cause": the cause
 * is one of these, with free text, on the timeline.
 */
export const HANDOVER_REASONS = [
  'specialist_support_needed',
  'victim_moved_area',
  'victim_request',
  'worker_unavailable',
  'caseload_balancing',
  'conflict_of_interest',
  'risk_escalation',
  'other',
] as const;
export type HandoverReason = (typeof HANDOVER_REASONS)[number];

export const REFERRAL_CONSENT_BASES = ['automatic', 'explicit'] as const;
export type ReferralConsentRecorded = (typeof REFERRAL_CONSENT_BASES)[number];
