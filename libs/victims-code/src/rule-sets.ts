/**
 * Rule sets with a commencement date. The rule set in force on the London day a duty's
 * trigger takes effect (its receipt, see effectiveAt) decides the duty's timescale, and
 * the duty records that set's version, so compliance can be recomputed exactly after a
 * new Code commences. A new Code is a new entry in RULE_SETS, added as data; a published
 * set is never edited.
 */
import { londonDate, type LondonDate } from '../../working-days/src/index.js';
import { checkAreaOverrides, RuleConfigurationError, withAreaOverrides, type AreaOverrides } from './area-overrides.js';
import type { Duty } from './duties.js';
import { londonDateParts } from './london-dates.js';
import { RULE_SET_VERSION, VC_2020_1, type DutyRule } from './rules.js';

export interface RuleSet {
  /** Recorded on every duty the set makes. */
  readonly version: string;
  /** The first London day whose triggers the set judges. */
  readonly commencesOn: LondonDate;
  readonly rules: readonly DutyRule[];
}

/** The Code of Practice for Victims of Crime 2020, in force from 1 April 2021. */
export const VC_2020_1_RULE_SET: RuleSet = { version: RULE_SET_VERSION, commencesOn: '2021-04-01', rules: VC_2020_1 };

/** Every rule set, oldest first. */
export const RULE_SETS: readonly RuleSet[] = [VC_2020_1_RULE_SET];

function invalid(message: string): never {
  throw new RuleConfigurationError('INVALID_RULE_SET', message);
}

/** Refuses a list of rule sets that cannot be read one way only. */
export function checkRuleSets(ruleSets: readonly RuleSet[]): void {
  if (ruleSets.length === 0) invalid('At least one rule set is needed');
  const versions = new Set<string>();
  let previous: RuleSet | undefined;
  for (const ruleSet of ruleSets) {
    if (ruleSet.version === '' || versions.has(ruleSet.version)) {
      invalid(`Every rule set needs its own version, got '${ruleSet.version}' twice or empty`);
    }
    versions.add(ruleSet.version);
    try {
      londonDateParts(ruleSet.commencesOn, `${ruleSet.version} commencesOn`);
    } catch (error) {
      invalid((error as Error).message);
    }
    if (previous && ruleSet.commencesOn <= previous.commencesOn) {
      invalid(`Rule sets go oldest first: ${ruleSet.version} commences on or before ${previous.version}`);
    }
    const ids = ruleSet.rules.map((rule) => rule.id);
    if (new Set(ids).size !== ids.length) invalid(`${ruleSet.version} has two rules with one id`);
    previous = ruleSet;
  }
}

/** The rule set in force on `at`'s London day; a RuleConfigurationError before the first commences. */
export function ruleSetInForce(ruleSets: readonly RuleSet[], at: Date): RuleSet {
  const day = londonDate(at);
  const inForce = ruleSets.filter((ruleSet) => ruleSet.commencesOn <= day).at(-1);
  if (!inForce) {
    throw new RuleConfigurationError(
      'NO_RULE_SET_IN_FORCE',
      `No rule set was in force on ${day}: the first, ${ruleSets[0]?.version}, ` +
        `commences on ${ruleSets[0]?.commencesOn}`,
    );
  }
  return inForce;
}

/**
 * The rules an evaluation works with: the sets in force over time, each rule stamped with
 * its set's version and the area's local timescales applied. Given plain `rules` (the
 * form from before rule sets), those rules apply to every trigger whatever its date, and
 * each duty records its rule's own ruleSetVersion.
 */
export class RuleBook {
  private readonly ruleSets: readonly RuleSet[] | null;
  /** Every rule of every set, stamped with its set's version. */
  readonly allRules: readonly DutyRule[];
  private readonly byVersionAndId: ReadonlyMap<string, DutyRule>;

  constructor(choice: { rules?: readonly DutyRule[]; ruleSets?: readonly RuleSet[]; overrides?: AreaOverrides }) {
    const overrides = choice.overrides ?? {};
    if (choice.rules && choice.ruleSets) invalid('Pass rules or ruleSets, not both');
    if (choice.rules) {
      checkAreaOverrides([choice.rules], overrides);
      this.ruleSets = null;
      this.allRules = withAreaOverrides(choice.rules, overrides);
    } else {
      const ruleSets = choice.ruleSets ?? RULE_SETS;
      checkRuleSets(ruleSets);
      checkAreaOverrides(
        ruleSets.map((ruleSet) => ruleSet.rules),
        overrides,
      );
      this.ruleSets = ruleSets.map((ruleSet) => ({
        ...ruleSet,
        rules: withAreaOverrides(ruleSet.rules, overrides).map((rule) => ({
          ...rule,
          ruleSetVersion: ruleSet.version,
        })),
      }));
      this.allRules = this.ruleSets.flatMap((ruleSet) => ruleSet.rules);
    }
    this.byVersionAndId = new Map(this.allRules.map((rule) => [`${rule.ruleSetVersion}|${rule.id}`, rule]));
  }

  /** The rules that open duties for a trigger taking effect at `at`. */
  inForceAt(at: Date): readonly DutyRule[] {
    return this.ruleSets === null ? this.allRules : ruleSetInForce(this.ruleSets, at).rules;
  }

  /**
   * The rule a duty was made under, which alone discharges, withdraws or lets the victim
   * opt out of it; for a stored duty of a version this book does not hold, the latest
   * rule with its id.
   */
  ruleOf(duty: Duty): DutyRule | undefined {
    return (
      this.byVersionAndId.get(`${duty.ruleSetVersion}|${duty.ruleId}`) ??
      this.allRules.filter((rule) => rule.id === duty.ruleId).at(-1)
    );
  }
}
