import { describe, expect, it } from '@jest/globals';
import {
  hearing,
  informedOfPoliceDecision,
  optedOut,
  policeDecision,
  receivedAt,
  referralReceived,
} from './code-event.builder.js';
import type { CodeEvent } from './events.js';
import { applyEvent, evaluateDuties } from './evaluator.js';
import { RULE_SETS, ruleSetInForce, VC_2020_1_RULE_SET, type RuleSet } from './rule-sets.js';
import { RULE_SET_VERSION, VC_2020_1, type DutyRule } from './rules.js';
import { workingDays } from './timescales.js';

// A rule set for these tests only, never production data: it invents nothing about a new
// Code, it only proves that one commences. Its figures are plainly test values.
const TEST_ONLY_VERSION = 'test-only.1';
const withTestTimescale = (rule: DutyRule): DutyRule =>
  rule.id === 'police.inform-decision' || rule.id === 'wcu.inform-hearing'
    ? { ...rule, ruleSetVersion: TEST_ONLY_VERSION, deadline: { standard: workingDays(9), enhanced: workingDays(9) } }
    : rule;
const TEST_ONLY_SET: RuleSet = {
  version: TEST_ONLY_VERSION,
  commencesOn: '2026-06-01',
  rules: VC_2020_1.map(withTestTimescale),
};
const BOTH: readonly RuleSet[] = [...RULE_SETS, TEST_ONLY_SET];

// Monday 1 June 2026 (BST); the day before is Sunday 31 May.
const SUNDAY_BEFORE = '2026-05-31T11:00:00Z';
const COMMENCEMENT_DAY = '2026-06-01T11:00:00Z';
const LATER = '2026-07-01T11:00:00Z';

const evaluate = (events: CodeEvent[], at = LATER) =>
  evaluateDuties({ events, ruleSets: BOTH, at: new Date(at) }).duties.map((duty) => [
    duty.ruleId,
    duty.ruleSetVersion,
    duty.dueAt.toISOString(),
  ]);

describe('the production rule sets', () => {
  it('is vc-2020.1 alone, commencing with the Code on 1 April 2021', () => {
    expect(RULE_SETS).toEqual([{ version: 'vc-2020.1', commencesOn: '2021-04-01', rules: VC_2020_1 }]);
    expect(VC_2020_1_RULE_SET.version).toBe(RULE_SET_VERSION);
  });
});

describe('a second rule set commencing', () => {
  it('judges a trigger received the day before by vc-2020.1', () => {
    expect(evaluate([policeDecision(SUNDAY_BEFORE, 'released_on_bail')])).toEqual([
      ['police.inform-decision', 'vc-2020.1', '2026-06-05T22:59:59.999Z'],
    ]);
  });

  it('judges a trigger received on the commencement date by the new set, and records it', () => {
    expect(evaluate([policeDecision(COMMENCEMENT_DAY, 'released_on_bail')])).toEqual([
      ['police.inform-decision', TEST_ONLY_VERSION, '2026-06-12T22:59:59.999Z'],
    ]);
  });

  it('goes by the London day: 00:30 BST on 1 June is 31 May in UTC but already commenced', () => {
    expect(evaluate([policeDecision('2026-05-31T23:30:00Z', 'released_on_bail')])[0]?.[1]).toBe(TEST_ONLY_VERSION);
  });

  it('goes by when the trigger was received, not when it happened', () => {
    const listedBeforeReceivedAfter = receivedAt(hearing('listed', '2026-05-29T11:00:00Z', 1), COMMENCEMENT_DAY);
    expect(evaluate([listedBeforeReceivedAfter])).toEqual([
      ['wcu.inform-hearing', TEST_ONLY_VERSION, '2026-06-12T22:59:59.999Z'],
    ]);
  });

  it("stamps the set's version on every duty it makes, even from a rule carried over unchanged", () => {
    expect(evaluate([referralReceived(COMMENCEMENT_DAY)])).toEqual([
      ['support.first-contact', TEST_ONLY_VERSION, '2026-06-03T22:59:59.999Z'],
    ]);
  });

  it('keeps discharging a duty made under the old set after the new one commences', () => {
    const result = evaluateDuties({
      events: [policeDecision(SUNDAY_BEFORE, 'released_on_bail'), informedOfPoliceDecision(COMMENCEMENT_DAY)],
      ruleSets: BOTH,
      at: new Date(LATER),
    });
    expect(result.duties.map((duty) => [duty.ruleSetVersion, duty.status])).toEqual([['vc-2020.1', 'met']]);
    expect(result.unmatched).toEqual([]);
  });

  it('lets the victim opt out of a duty made under the old set', () => {
    const events = [policeDecision(SUNDAY_BEFORE, 'released_on_bail'), optedOut(COMMENCEMENT_DAY, ['police_decision'])];
    expect(evaluateDuties({ events, ruleSets: BOTH, at: new Date(LATER) }).duties[0]?.withdrawnReason).toBe(
      'victim_opted_out',
    );
  });

  it('applies to one event at a time in the incremental form', () => {
    expect(
      applyEvent({ event: policeDecision(COMMENCEMENT_DAY, 'charged'), openDuties: [], ruleSets: BOTH }).open.map(
        (duty) => duty.ruleSetVersion,
      ),
    ).toEqual([TEST_ONLY_VERSION, TEST_ONLY_VERSION]);
  });

  it('applies an area override of a local standard in every set that has the rule', () => {
    const overrides = { 'support.first-contact': { standard: workingDays(4) } };
    const dueDates = [SUNDAY_BEFORE, COMMENCEMENT_DAY].map((at) =>
      evaluateDuties({ events: [referralReceived(at)], ruleSets: BOTH, overrides, at: new Date(at) }).duties[0]?.dueAt,
    );
    expect(dueDates).toEqual([new Date('2026-06-04T22:59:59.999Z'), new Date('2026-06-05T22:59:59.999Z')]);
  });
});

describe('rule sets that cannot be read one way only', () => {
  const at = new Date(COMMENCEMENT_DAY);
  const refused = (ruleSets: readonly RuleSet[]) => () => evaluateDuties({ events: [], ruleSets, at });

  it.each([
    ['no rule set at all', []],
    ['two sets with one version', [VC_2020_1_RULE_SET, { ...TEST_ONLY_SET, version: 'vc-2020.1' }]],
    ['a set without a version', [{ ...VC_2020_1_RULE_SET, version: '' }]],
    ['a set listed before an older one', [TEST_ONLY_SET, VC_2020_1_RULE_SET]],
    ['two sets commencing on one day', [VC_2020_1_RULE_SET, { ...TEST_ONLY_SET, commencesOn: '2021-04-01' }]],
    ['a commencement that is not a date', [{ ...VC_2020_1_RULE_SET, commencesOn: '1 April 2021' }]],
    ['a set with two rules of one id', [{ ...VC_2020_1_RULE_SET, rules: [VC_2020_1[0]!, VC_2020_1[0]!] }]],
  ])('refuses %s', (_problem, ruleSets) => {
    expect(refused(ruleSets)).toThrow(expect.objectContaining({ code: 'INVALID_RULE_SET' }));
  });

  it('refuses rules and rule sets together', () => {
    expect(() => evaluateDuties({ events: [], rules: VC_2020_1, ruleSets: BOTH, at })).toThrow(
      expect.objectContaining({ code: 'INVALID_RULE_SET' }),
    );
  });

  it('refuses to judge a trigger received before the first set commences, naming the date', () => {
    const before = policeDecision('2021-03-31T10:00:00Z', 'charged');
    expect(() => evaluateDuties({ events: [before], at })).toThrow(
      expect.objectContaining({ code: 'NO_RULE_SET_IN_FORCE' }),
    );
    expect(() => ruleSetInForce(RULE_SETS, new Date('2021-03-31T10:00:00Z'))).toThrow(/2021-03-31/);
  });

  it('reads events from before the first set that open no duty', () => {
    const told = informedOfPoliceDecision('2021-03-31T10:00:00Z');
    expect(evaluateDuties({ events: [told], at }).unmatched.map((event) => event.reason)).toEqual(['no_such_duty']);
  });

  it('refuses an override that is statutory in any set that has the rule', () => {
    const statutoryLater: RuleSet = {
      ...TEST_ONLY_SET,
      rules: TEST_ONLY_SET.rules.map((rule) =>
        rule.id === 'support.first-contact' ? { ...rule, basis: 'statutory' as const } : rule,
      ),
    };
    expect(() =>
      evaluateDuties({
        events: [],
        ruleSets: [VC_2020_1_RULE_SET, statutoryLater],
        overrides: { 'support.first-contact': { standard: workingDays(4) } },
        at,
      }),
    ).toThrow(expect.objectContaining({ code: 'STATUTORY_RULE_OVERRIDE' }));
  });
});

describe('rules passed without rule sets, as before', () => {
  it('apply to every trigger whatever its date, and duties record their own version', () => {
    const rules = VC_2020_1.map((rule) => ({ ...rule, ruleSetVersion: 'my-rules' }));
    const duties = evaluateDuties({ events: [policeDecision('2019-06-03T10:00:00Z')], rules, at: new Date(LATER) });
    expect(duties.duties.map((duty) => duty.ruleSetVersion)).toEqual(['my-rules', 'my-rules']);
  });

  it('discharge a stored duty of a version they do not hold by the rule with its id', () => {
    const opened = applyEvent({ event: policeDecision(COMMENCEMENT_DAY, 'released_on_bail'), openDuties: [] }).open;
    const stored = opened.map((duty) => ({ ...duty, ruleSetVersion: 'retired.1' }));
    expect(applyEvent({ event: informedOfPoliceDecision(LATER), openDuties: stored }).discharge).toHaveLength(1);
  });
});
