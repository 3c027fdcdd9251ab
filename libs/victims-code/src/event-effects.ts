/**
 * What one event does to a journey's duties. Both the batch evaluator and the
 * incremental form are this function folded over events in the canonical order, so they
 * cannot disagree.
 */
import type { WorkingDayCalendar } from '../../working-days/src/index.js';
import { RuleConfigurationError } from './area-overrides.js';
import {
  NEVER_OWED_REASONS,
  type Duty,
  type DutyDischarge,
  type DutyOwner,
  type DutyWithdrawal,
  type UnmatchedEvent,
} from './duties.js';
import { effectiveAt, type CodeEvent, type InformationKind, type WithdrawalReason } from './events.js';
import type { RuleBook } from './rule-sets.js';
import type { DutyRule, EventTrigger } from './rules.js';
import { isPartOfRecord, JOURNEY_SUBJECT, subjectKey, subjectOfEvent, type DutySubject } from './subjects.js';
import { endOfTimescale } from './timescales.js';

/** What the engine knows about a journey besides its duties. */
export interface JourneyFacts {
  /** When the victim became entitled to enhanced rights; duties opened from then on get the enhanced deadline. */
  readonly enhancedSince?: Date | null;
  /** Kinds of information the victim has opted out of. */
  readonly optedOutOf?: readonly InformationKind[];
  /** When the police first acknowledged the crime report in writing (right 3). */
  readonly crimeReportAcknowledgedAt?: Date | null;
}

export interface ResolvedJourneyFacts {
  readonly enhancedSince: Date | null;
  readonly optedOutOf: readonly InformationKind[];
  readonly crimeReportAcknowledgedAt: Date | null;
}

/** The journey as an event finds it. */
export interface JourneyDutyState {
  readonly openDuties: ReadonlyMap<string, Duty>;
  /** Keys of duties already met or withdrawn: never opened again, never unmatched. */
  readonly closedDutyKeys: ReadonlySet<string>;
  readonly facts: ResolvedJourneyFacts;
  /** Ids of the journey's events a correction may name, when the whole journey is known. */
  readonly correctableEventIds?: ReadonlySet<string>;
}

/** The changes one event makes, for the service layer to persist in one transaction. */
export interface EventEffects {
  readonly open: readonly Duty[];
  readonly discharge: readonly DutyDischarge[];
  readonly withdraw: readonly DutyWithdrawal[];
  readonly unmatched: readonly UnmatchedEvent[];
  /** The journey's facts after the event. */
  readonly facts: ResolvedJourneyFacts;
  /**
   * The event changes the journey's past (a `record.corrected`): one event's effects
   * cannot say what it re-times, so re-evaluate the journey with evaluateDuties.
   */
  readonly needsReevaluation: boolean;
}

export function resolveFacts(facts: JourneyFacts = {}): ResolvedJourneyFacts {
  return {
    enhancedSince: facts.enhancedSince ?? null,
    optedOutOf: [...new Set(facts.optedOutOf ?? [])].sort(),
    crimeReportAcknowledgedAt: facts.crimeReportAcknowledgedAt ?? null,
  };
}

export function dutyKey(ruleId: string, subject: DutySubject): string {
  return `${ruleId}|${subjectKey(subject)}`;
}

function firesOn(trigger: EventTrigger, event: CodeEvent): boolean {
  if (trigger.event !== event.type) return false;
  // The trigger's condition is typed for this event type's payload; the check above makes it so.
  const when = trigger.when as ((payload: CodeEvent['payload']) => boolean) | undefined;
  return when === undefined || when(event.payload);
}

function subjectFor(rule: DutyRule, event: CodeEvent): DutySubject {
  if (rule.subject === 'journey') return JOURNEY_SUBJECT;
  const subject = subjectOfEvent(event);
  if (subject.kind !== rule.subject) {
    throw new RuleConfigurationError(
      'SUBJECT_MISMATCH',
      `${rule.id} matches duties on the same ${rule.subject}, but ${event.type} is about a ${subject.kind}`,
    );
  }
  return subject;
}

function ownerFor(rule: DutyRule, event: CodeEvent): DutyOwner {
  if (rule.owner !== 'complaint_subject') return rule.owner;
  if (event.type === 'complaint.received') return event.payload.against;
  throw new RuleConfigurationError(
    'OWNER_NOT_IN_EVENT',
    `${rule.id} is owed by the organisation complained about, which ${event.type} does not name`,
  );
}

function isSupersededBy(duty: Duty, rule: DutyRule, subject: DutySubject): boolean {
  return (
    duty.ruleId === rule.id &&
    duty.subject.kind === 'hearing' &&
    subject.kind === 'hearing' &&
    duty.subject.id === subject.id &&
    duty.subject.version < subject.version
  );
}

/** One event applied to one journey: collects the changes as the event's effects are worked out. */
class EventApplication {
  /** When the event takes effect: duties open, are withdrawn and fall past due at this instant. */
  private readonly at: Date;
  /** When it happened: a duty is met at this instant. */
  private readonly occurredAt: Date;
  private readonly open: Duty[] = [];
  private readonly discharge: DutyDischarge[] = [];
  private readonly withdraw: DutyWithdrawal[] = [];
  private readonly unmatched: UnmatchedEvent[] = [];
  /** Keys this event has already opened or closed, so no two of its effects touch one duty. */
  private readonly touched = new Set<string>();
  private enhancedSince: Date | null;
  private optedOutOf: readonly InformationKind[];
  private crimeReportAcknowledgedAt: Date | null;

  constructor(
    private readonly event: CodeEvent,
    private readonly journey: JourneyDutyState,
    private readonly book: RuleBook,
    private readonly calendar: WorkingDayCalendar,
  ) {
    this.at = effectiveAt(event);
    this.occurredAt = event.occurredAt;
    ({
      enhancedSince: this.enhancedSince,
      optedOutOf: this.optedOutOf,
      crimeReportAcknowledgedAt: this.crimeReportAcknowledgedAt,
    } = journey.facts);
  }

  effects(): EventEffects {
    this.applyJourneyWideEffects();
    let isDischarger = false;
    let foundDutyToDischarge = false;
    // A duty is discharged or withdrawn by the rule it was made under, whichever rule set
    // is in force now; only the rule set in force opens new duties.
    for (const rule of this.book.allRules) {
      if (rule.dischargedBy.some((trigger) => firesOn(trigger, this.event))) {
        isDischarger = true;
        foundDutyToDischarge = this.dischargeDutyOf(rule) || foundDutyToDischarge;
      }
      for (const trigger of (rule.withdrawnBy ?? []).filter((candidate) => firesOn(candidate, this.event))) {
        const duty = this.openDutyUnder(rule);
        if (duty !== undefined) this.withdrawUnlessPastDue(duty, trigger.reason);
      }
    }
    const opens = (rule: DutyRule) => rule.openedBy.some((trigger) => firesOn(trigger, this.event));
    if (this.book.allRules.some(opens)) {
      for (const rule of this.book.inForceAt(this.at).filter(opens)) this.openDutyOf(rule);
    }
    if (isDischarger && !foundDutyToDischarge) this.reportUnmatched('no_such_duty');
    return {
      open: this.open,
      discharge: this.discharge,
      withdraw: this.withdraw,
      unmatched: this.unmatched,
      facts: {
        enhancedSince: this.enhancedSince,
        optedOutOf: this.optedOutOf,
        crimeReportAcknowledgedAt: this.crimeReportAcknowledgedAt,
      },
      needsReevaluation: this.event.type === 'record.corrected',
    };
  }

  /** Events about the journey as a whole rather than one rule's subject. */
  private applyJourneyWideEffects(): void {
    const { event } = this;
    switch (event.type) {
      case 'enhanced-rights.recorded':
        if (this.enhancedSince === null || this.at.getTime() < this.enhancedSince.getTime())
          this.enhancedSince = this.at;
        break;
      case 'contact-preference.opted-out': {
        const kinds = new Set(event.payload.kinds);
        this.optedOutOf = [...new Set([...this.optedOutOf, ...kinds])].sort();
        for (const duty of this.journey.openDuties.values()) {
          const kind = this.book.ruleOf(duty)?.optOutKind;
          if (kind !== undefined && kinds.has(kind)) this.withdrawUnlessPastDue(duty, 'victim_opted_out');
        }
        break;
      }
      case 'police.crime-report-acknowledged':
        // Right 3 asks for the acknowledgement, with no national timescale: a recorded
        // step, not a duty. The first one is the one the victim had.
        this.crimeReportAcknowledgedAt ??= this.occurredAt;
        break;
      case 'contact-preference.opted-in':
        this.optedOutOf = this.optedOutOf.filter((kind) => !event.payload.kinds.includes(kind));
        break;
      case 'record.voided':
        // The news never was: every duty it opened and still owed goes, breached or not.
        // A duty already met stays met: the victim was told, and no work is erased.
        for (const duty of this.journey.openDuties.values()) {
          if (isPartOfRecord(duty.triggerSubject, event.payload)) this.withdrawUnlessPastDue(duty, 'recorded_in_error');
        }
        break;
      case 'record.corrected': {
        const known = this.journey.correctableEventIds;
        if (known !== undefined && !known.has(event.payload.eventId)) this.reportUnmatched('no_such_record');
        break;
      }
      case 'duty.withdrawn': {
        const duty = this.journey.openDuties.get(event.payload.dutyKey);
        if (duty === undefined) {
          if (!this.exists(event.payload.dutyKey)) this.reportUnmatched('no_such_duty');
        } else if (!this.withdrawUnlessPastDue(duty, event.payload.reason)) {
          this.reportUnmatched('past_due');
        }
        break;
      }
    }
  }

  /** The open duty for this event's subject that `rule` made, if any. */
  private openDutyUnder(rule: DutyRule): Duty | undefined {
    const duty = this.journey.openDuties.get(dutyKey(rule.id, subjectFor(rule, this.event)));
    return duty !== undefined && this.book.ruleOf(duty) === rule ? duty : undefined;
  }

  /** Discharges the rule's duty for this event's subject; false when the journey never had one. */
  private dischargeDutyOf(rule: DutyRule): boolean {
    const key = dutyKey(rule.id, subjectFor(rule, this.event));
    const duty = this.openDutyUnder(rule);
    // Done before the duty-holder had the news (a referral dated before the crime was
    // reported): the instants need correcting, so it meets nothing.
    if (duty !== undefined && this.occurredAt.getTime() < duty.openedAt.getTime()) return false;
    if (duty !== undefined && !this.touched.has(key)) {
      const onTime = this.occurredAt.getTime() <= duty.dueAt.getTime();
      this.discharge.push({
        key,
        metAt: this.occurredAt,
        status: onTime ? 'met' : 'met_late',
        workingDaysLate: onTime ? 0 : this.calendar.workingDaysBetween(duty.dueAt, this.occurredAt),
        dischargedByEventId: this.event.id,
      });
      this.touched.add(key);
    }
    return this.exists(key);
  }

  private openDutyOf(rule: DutyRule): void {
    const subject = subjectFor(rule, this.event);
    const key = dutyKey(rule.id, subject);
    // A repeated opener, or one for a kind of information the victim declined, opens nothing.
    if (this.exists(key) || (rule.optOutKind !== undefined && this.optedOutOf.includes(rule.optOutKind))) return;
    if (rule.newVersionSupersedes) {
      for (const duty of this.journey.openDuties.values()) {
        if (isSupersededBy(duty, rule, subject)) this.withdrawUnlessPastDue(duty, 'superseded');
      }
    }
    const enhanced = this.enhancedSince !== null && this.enhancedSince.getTime() <= this.at.getTime();
    this.open.push({
      key,
      ruleId: rule.id,
      ruleSetVersion: rule.ruleSetVersion,
      right: rule.right,
      owner: ownerFor(rule, this.event),
      subject,
      triggerSubject: subjectOfEvent(this.event),
      openedAt: this.at,
      openedByEventId: this.event.id,
      openedBecause: this.event.reason ?? null,
      dueAt: endOfTimescale(enhanced ? rule.deadline.enhanced : rule.deadline.standard, this.at, this.calendar),
      enhanced,
      status: 'open',
      metAt: null,
      dischargedByEventId: null,
      workingDaysLate: null,
      withdrawnReason: null,
      withdrawnAt: null,
    });
    this.touched.add(key);
  }

  /**
   * Withdraws an open duty unless it is already past due: a breach is not erased, except
   * by a withdrawal saying the duty was never owed (recorded in error, a duplicate).
   */
  private withdrawUnlessPastDue(duty: Duty, reason: WithdrawalReason): boolean {
    if (this.touched.has(duty.key)) return true;
    if (!NEVER_OWED_REASONS.includes(reason) && this.at.getTime() > duty.dueAt.getTime()) return false;
    this.withdraw.push({ key: duty.key, reason, at: this.at });
    this.touched.add(duty.key);
    return true;
  }

  private exists(key: string): boolean {
    return this.journey.openDuties.has(key) || this.journey.closedDutyKeys.has(key) || this.touched.has(key);
  }

  private reportUnmatched(reason: UnmatchedEvent['reason']): void {
    this.unmatched.push({ eventId: this.event.id, type: this.event.type, reason });
  }
}

export function effectsOfEvent(
  event: CodeEvent,
  journey: JourneyDutyState,
  book: RuleBook,
  calendar: WorkingDayCalendar,
): EventEffects {
  return new EventApplication(event, journey, book, calendar).effects();
}
