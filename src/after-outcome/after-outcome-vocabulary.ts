import type { DutyOwner } from '../../libs/victims-code/src/index.js';

/**
 * The fixed lists of what happens after the court's outcome (and the rights that run
 * alongside it); the migration's CHECK constraints say the same.
 */

/** The organisations a victim deals with, as the Victims' Code engine names them. */
export const ORGANISATIONS = ['police', 'victim_care_service', 'witness_care_unit', 'cps', 'court', 'probation', 'rj_service'] as const satisfies readonly DutyOwner[];
export type Organisation = (typeof ORGANISATIONS)[number];

/** How something was told or done with the victim. */
export const CONTACT_CHANNELS = ['phone', 'letter', 'email', 'in_person', 'text', 'online'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

// Victim personal statement (right 7). The statement itself is the victim's; the service
// keeps only that it exists, how it was made and what became of it.
export const VPS_FORMS = ['written', 'recorded'] as const;
export type VpsForm = (typeof VPS_FORMS)[number];

export const VPS_STATEMENT_KINDS = ['made', 'updated'] as const;
export type VpsStatementKind = (typeof VPS_STATEMENT_KINDS)[number];

/** Who put the statement before the court: read aloud by the victim or for them, played, or read by the judge. */
export const VPS_READERS = ['victim', 'prosecutor', 'supporter', 'recording_played', 'considered_by_judge'] as const;
export type VpsReader = (typeof VPS_READERS)[number];

// Restorative justice (partnership aim V9: every victim is offered it).
export const RJ_STAGES = ['pre_charge', 'pre_sentence', 'post_sentence'] as const;
export type RjStage = (typeof RJ_STAGES)[number];

export const RJ_RESPONSES = ['interested', 'not_now', 'declined'] as const;
export type RjResponse = (typeof RJ_RESPONSES)[number];

/** The answer as the first version of the API took it; `not_interested` is now `declined`. */
export const RJ_ANSWERS = ['interested', 'not_interested'] as const;
export type RjAnswer = (typeof RJ_ANSWERS)[number];

export const RJ_OUTCOMES = ['pending', 'direct_conference', 'indirect_shuttle', 'letter', 'not_suitable', 'offender_declined', 'victim_withdrew'] as const;
export type RjOutcome = (typeof RJ_OUTCOMES)[number];

// Victim Contact Scheme (right 11).
/** Why the victim is in the scheme: the sentence entitles them (as the victim or a bereaved close relative), or probation's discretion. */
export const VCS_BASES = ['eligible_victim', 'bereaved_relative', 'discretionary'] as const;
export type VcsBasis = (typeof VCS_BASES)[number];

export const VCS_STATUSES = ['referred', 'contacted'] as const;
export type VcsStatus = (typeof VCS_STATUSES)[number];

/** What the victim chose when the victim liaison officer reached them. */
export const VCS_CHOICES = ['joined', 'declined', 'undecided'] as const;
export type VcsChoice = (typeof VCS_CHOICES)[number];

// Complaints (right 12).
export const COMPLAINT_STATUSES = ['received', 'acknowledged', 'responded', 'escalated'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_FINDINGS = ['upheld', 'partly_upheld', 'not_upheld'] as const;
export type ComplaintFinding = (typeof COMPLAINT_FINDINGS)[number];

/** The next stage of the organisation's own process, or the Parliamentary and Health Service Ombudsman. */
export const ESCALATION_TARGETS = ['next_stage', 'ombudsman'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

export const CODE_RIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

// Witness expenses (right 10).
export const EXPENSE_CLAIM_STATUSES = ['received', 'paid', 'refused'] as const;
export type ExpenseClaimStatus = (typeof EXPENSE_CLAIM_STATUSES)[number];

export const EXPENSE_DECISIONS = ['paid', 'refused'] as const;
export type ExpenseDecision = (typeof EXPENSE_DECISIONS)[number];

export const EXPENSE_REFUSAL_REASONS = ['out_of_time', 'not_eligible', 'no_evidence', 'other'] as const;
export type ExpenseRefusalReason = (typeof EXPENSE_REFUSAL_REASONS)[number];

// Compensation information (right 5) and property return (right 10).
/** Criminal Injuries Compensation Scheme, a court compensation order, a civil claim against the offender. */
export const COMPENSATION_ROUTES = ['cica', 'court_order', 'civil_claim'] as const;
export type CompensationRoute = (typeof COMPENSATION_ROUTES)[number];

export const PROPERTY_RETURN_METHODS = ['collected', 'delivered', 'posted'] as const;
export type PropertyReturnMethod = (typeof PROPERTY_RETURN_METHODS)[number];
