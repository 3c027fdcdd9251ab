import type { DutyRule, RuleId } from './rules.js';
import type { Timescale } from './timescales.js';

/** An area's own timescales for local standards, by rule id. */
export type AreaOverrides = Partial<Record<RuleId, { readonly standard?: Timescale; readonly enhanced?: Timescale }>>;

export type RuleConfigurationErrorCode =
  'STATUTORY_RULE_OVERRIDE' | 'UNKNOWN_RULE' | 'INVALID_TIMESCALE' | 'SUBJECT_MISMATCH' | 'OWNER_NOT_IN_EVENT';

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
 * The rules with an area's local timescales applied. A statutory timescale can never be
 * relaxed (or tightened) by configuration: overriding one is refused, as is an unknown
 * rule id, so a typo cannot silently leave the default in place.
 */
export function applyAreaOverrides(rules: readonly DutyRule[], overrides: AreaOverrides = {}): readonly DutyRule[] {
  const rulesById = new Map(rules.map((rule) => [rule.id as string, rule]));
  for (const [ruleId, override] of Object.entries(overrides)) {
    const rule = rulesById.get(ruleId);
    if (!rule) {
      throw new RuleConfigurationError('UNKNOWN_RULE', `No rule '${ruleId}' in this rule set to override`);
    }
    if (rule.basis === 'statutory') {
      throw new RuleConfigurationError(
        'STATUTORY_RULE_OVERRIDE',
        `${ruleId} is a statutory duty (${rule.source}); an area may only override local standards`,
      );
    }
    if (override?.standard) assertValidTimescale(ruleId, override.standard);
    if (override?.enhanced) assertValidTimescale(ruleId, override.enhanced);
  }
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
