import { defaultCalendar, type WorkingDayCalendar } from '../../working-days/src/index.js';
import type { AreaOverrides } from './area-overrides.js';
import { isOpen, type Duty, type UnmatchedEvent } from './duties.js';
import {
  effectsOfEvent,
  resolveFacts,
  type EventEffects,
  type JourneyFacts,
  type ResolvedJourneyFacts,
} from './event-effects.js';
import { canonicalOrder, isCorrectable } from './corrections.js';
import type { CodeEvent } from './events.js';
import { RuleBook, type RuleSet } from './rule-sets.js';
import type { DutyRule } from './rules.js';

interface RuleSetChoice {
  /**
   * The rule sets by commencement (defaults to RULE_SETS): the set in force when a duty's
   * trigger takes effect decides its timescale.
   */
  readonly ruleSets?: readonly RuleSet[];
  /** One list of rules for every trigger whatever its date, instead of `ruleSets`. */
  readonly rules?: readonly DutyRule[];
  /** The area's local timescales; refused for statutory rules. */
  readonly overrides?: AreaOverrides;
  /** Defaults to bank holidays only; pass the deployment's calendar for closure days. */
  readonly calendar?: WorkingDayCalendar;
}

export interface EvaluateDutiesInput extends RuleSetChoice {
  /** The journey's events, in any order; events taking effect after `at` (see effectiveAt) are left out. */
  readonly events: readonly CodeEvent[];
  /** The journey's facts before its first event. */
  readonly facts?: JourneyFacts;
  /** The instant to evaluate at: open duties past due by then are `breached`. */
  readonly at: Date;
}

export interface DutyEvaluation {
  /** Every duty the journey has had, in the order they were opened. */
  readonly duties: readonly Duty[];
  readonly unmatched: readonly UnmatchedEvent[];
  readonly facts: ResolvedJourneyFacts;
}

export interface ApplyEventInput extends RuleSetChoice, JourneyFacts {
  readonly event: CodeEvent;
  /** The journey's duties that are open (or breached). */
  readonly openDuties: readonly Duty[];
  /** Keys of the journey's duties already met or withdrawn, so none is ever opened twice. */
  readonly closedDutyKeys?: readonly string[];
}

/** The duty as it stands at `at`: open and past due means breached. */
function statusAt(duty: Duty, at: Date): Duty {
  return isOpen(duty) && at.getTime() > duty.dueAt.getTime() ? { ...duty, status: 'breached' } : duty;
}

/**
 * A journey's duties at instant `at`, from its events alone, read as corrected by the
 * `record.corrected` events taking effect by then. Pure and deterministic: the
 * same events give the same duties whatever order they are passed in.
 */
export function evaluateDuties(input: EvaluateDutiesInput): DutyEvaluation {
  const book = new RuleBook(input);
  const calendar = input.calendar ?? defaultCalendar;
  const duties = new Map<string, Duty>();
  const openDuties = new Map<string, Duty>();
  const closedDutyKeys = new Set<string>();
  const unmatched: UnmatchedEvent[] = [];
  let facts = resolveFacts(input.facts);
  const correctableEventIds = new Set(input.events.filter(isCorrectable).map((event) => event.id));

  for (const event of canonicalOrder(input.events, input.at)) {
    const effects = effectsOfEvent(event, { openDuties, closedDutyKeys, facts, correctableEventIds }, book, calendar);
    for (const duty of effects.open) {
      duties.set(duty.key, duty);
      openDuties.set(duty.key, duty);
    }
    for (const { key, metAt, status, workingDaysLate, dischargedByEventId } of effects.discharge) {
      duties.set(key, { ...duties.get(key)!, status, metAt, workingDaysLate, dischargedByEventId });
      openDuties.delete(key);
      closedDutyKeys.add(key);
    }
    for (const { key, reason, at } of effects.withdraw) {
      duties.set(key, { ...duties.get(key)!, status: 'withdrawn', withdrawnReason: reason, withdrawnAt: at });
      openDuties.delete(key);
      closedDutyKeys.add(key);
    }
    unmatched.push(...effects.unmatched);
    facts = effects.facts;
  }

  return { duties: [...duties.values()].map((duty) => statusAt(duty, input.at)), unmatched, facts };
}

/**
 * The incremental form: what one new event does to a journey, given its open duties.
 * Events must be applied in canonical order (see compareEvents); when one arrives that
 * takes effect (effectiveAt) before events already applied, re-evaluate the journey with
 * evaluateDuties instead.
 */
export function applyEvent(input: ApplyEventInput): EventEffects {
  const book = new RuleBook(input);
  const journey = {
    openDuties: new Map(input.openDuties.filter(isOpen).map((duty) => [duty.key, duty])),
    closedDutyKeys: new Set(input.closedDutyKeys ?? []),
    facts: resolveFacts(input),
  };
  return effectsOfEvent(input.event, journey, book, input.calendar ?? defaultCalendar);
}

/** The open duties that are breached at `at` (past their due instant), marked so. */
export function breachesAt(openDuties: readonly Duty[], at: Date): Duty[] {
  return openDuties.map((duty) => statusAt(duty, at)).filter((duty) => duty.status === 'breached');
}
