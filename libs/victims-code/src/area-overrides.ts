import type { DutyRule, RuleId } from './rules.js';
import type { Timescale } from './timescales.js';

/** An area's own timescales for local standards, by rule id. */
export type AreaOverrides = Partial<Record<RuleId, { readonly standard?: Timescale; readonly enhanced?: Timescale }>>;

export type RuleConfigurationErrorCode =
  | 'STATUTORY_RULE_OVERRIDE'
  | 'UNKNOWN_RULE'
  | 'INVALID_TIMESCALE'
  | 'SUBJECT_MISMATCH'
  | 'OWNER_NOT_IN_EVENT'
  | 'INVALID_RULE_SET'
  | 'NO_RULE_SET_IN_FORCE';

/** A rule set or area configuration the engine refuses; raised when the area is configured. */
export class RuleConfigurationError extends Error {
  constructor(
    readonly code: RuleConfigurationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RuleConfigurationError';
  }
}

const TIMESCALE_UNITS: readonly string[] = ['working_days', 'working_hours', 'calendar_days', 'calendar_months'];

function assertValidTimescale(ruleId: string, timescale: Timescale): void {
  if (!TIMESCALE_UNITS.includes(timescale.unit) || !Number.isInteger(timescale.amount) || timescale.amount < 1) {
    throw new RuleConfigurationError(
      'INVALID_TIMESCALE',
      `${ruleId}: a timescale needs a unit (${TIMESCALE_UNITS.join(', ')}) and a positive whole amount, ` +
        `got ${JSON.stringify(timescale)}`,
    );
  }
}

/**
 * Refuses overrides that no rule list knows, or that touch a rule statutory in any list
 * that has it: a statutory timescale can never be relaxed (or tightened) by configuration,
 * and a typo must not silently leave the default in place.
 */
export function checkAreaOverrides(ruleLists: readonly (readonly DutyRule[])[], overrides: AreaOverrides): void {
  for (const [ruleId, override] of Object.entries(overrides)) {
    const rules = ruleLists.flatMap((list) => list.filter((rule) => rule.id === ruleId));
    if (rules.length === 0) {
      throw new RuleConfigurationError('UNKNOWN_RULE', `No rule '${ruleId}' in this rule set to override`);
    }
    const statutory = rules.find((rule) => rule.basis === 'statutory');
    if (statutory) {
      throw new RuleConfigurationError(
        'STATUTORY_RULE_OVERRIDE',
        `${ruleId} is a statutory duty (${statutory.source}); an area may only override local standards`,
      );
    }
    if (override?.standard) assertValidTimescale(ruleId, override.standard);
    if (override?.enhanced) assertValidTimescale(ruleId, override.enhanced);
  }
}

/** The rules with the overrides applied, unchecked (see checkAreaOverrides). */
export function withAreaOverrides(rules: readonly DutyRule[], overrides: AreaOverrides): readonly DutyRule[] {
  return rules.map((rule) => {
    const override = overrides[rule.id];
    if (!override) return rule;
    return {
      ...rule,
      deadline: {
        standard: override.standard ?? rule.deadline.standard,
        enhanced: override.enhanced ?? rule.deadline.enhanced,
      },
    };
  });
}

/**
 * The rules with an area's local timescales applied. A statutory timescale can never be
 * relaxed (or tightened) by configuration: overriding one is refused, as is an unknown
 * rule id, so a typo cannot silently leave the default in place.
 */
export function applyAreaOverrides(rules: readonly DutyRule[], overrides: AreaOverrides = {}): readonly DutyRule[] {
  checkAreaOverrides([rules], overrides);
  return withAreaOverrides(rules, overrides);
}
