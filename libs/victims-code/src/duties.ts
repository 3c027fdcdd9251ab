import type { EventReason, WithdrawalReason } from './events.js';
import type { CodeRight, RuleId } from './rules.js';
import type { DutySubject } from './subjects.js';

/** Who owes a duty. */
export type DutyOwner =
  'police' | 'victim_care_service' | 'witness_care_unit' | 'cps' | 'court' | 'probation' | 'rj_service';

/**
 * `breached` is never stored by the engine's own folding: an open duty is breached at any
 * instant after its `dueAt`, and stays so until it is met (late) or withdrawn in error.
 */
export type DutyStatus = 'open' | 'met' | 'met_late' | 'breached' | 'withdrawn';

export interface Duty {
  /** `${ruleId}|${subjectKey}`: the same rule and subject never give a second duty. */
  readonly key: string;
  readonly ruleId: RuleId;
  readonly ruleSetVersion: string;
  readonly right: CodeRight;
  readonly owner: DutyOwner;
  readonly subject: DutySubject;
  /**
   * What the opening event was about: the decision, hearing version, outcome... whose
   * news opened the duty (the journey for journey-wide openers). Voiding that record
   * withdraws the duty: a VPS offer opened by a charge is voided with the charge.
   */
  readonly triggerSubject: DutySubject;
  /** When the duty came to exist: its trigger's effectiveAt (receipt, for news). */
  readonly openedAt: Date;
  readonly openedByEventId: string;
  /** The opening event's `reason`: `late_referral` for news owed to a victim referred after it. */
  readonly openedBecause: EventReason | null;
  readonly dueAt: Date;
  /** Whether the enhanced-rights deadline was applied. */
  readonly enhanced: boolean;
  readonly status: DutyStatus;
  readonly metAt: Date | null;
  readonly dischargedByEventId: string | null;
  /** 0 when met on time; null until met. */
  readonly workingDaysLate: number | null;
  readonly withdrawnReason: WithdrawalReason | null;
  readonly withdrawnAt: Date | null;
}

/** A duty being met, as the service layer persists it. */
export interface DutyDischarge {
  readonly key: string;
  readonly metAt: Date;
  readonly status: 'met' | 'met_late';
  readonly workingDaysLate: number;
  readonly dischargedByEventId: string;
}

export interface DutyWithdrawal {
  readonly key: string;
  readonly reason: WithdrawalReason;
  readonly at: Date;
}

/**
 * An event that was meant to act on one duty and could not: a discharge or an explicit
 * withdrawal naming a duty the journey never had (`no_such_duty`), or a withdrawal of a
 * duty already past due (`past_due`: a breach is not erased, unless recorded in error).
 */
export interface UnmatchedEvent {
  readonly eventId: string;
  readonly type: string;
  /** `no_such_record`: a correction naming an event the journey does not have (or a correction). */
  readonly reason: 'no_such_duty' | 'past_due' | 'no_such_record';
}

export function isOpen(duty: Duty): boolean {
  return duty.status === 'open' || duty.status === 'breached';
}

/** Withdrawals that say the duty was never owed: only these may withdraw a duty past due. */
export const NEVER_OWED_REASONS: readonly WithdrawalReason[] = ['recorded_in_error', 'duplicate'];

/**
 * Whether compliance should leave the duty out altogether: withdrawn as recorded in
 * error or as a duplicate, it was never owed, so it is neither met nor breached nor due.
 * Any other withdrawn duty was owed until it stopped (opt-out, closure, superseded, not
 * applicable): counted as withdrawn, never as met or breached.
 */
export function leavesCompliance(duty: Duty): boolean {
  const reason = duty.withdrawnReason;
  return duty.status === 'withdrawn' && reason !== null && NEVER_OWED_REASONS.includes(reason);
}
