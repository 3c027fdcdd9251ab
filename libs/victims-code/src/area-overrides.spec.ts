import { describe, expect, it } from '@jest/globals';
import { applyAreaOverrides, RuleConfigurationError, type AreaOverrides } from './area-overrides.js';
import { enhancedRightsRecorded, referralReceived } from './code-event.builder.js';
import { evaluateDuties } from './evaluator.js';
import { VC_2020_1, type RuleId } from './rules.js';

const MONDAY = '2026-01-12T10:00:00Z';
const ruleOf = (rules: ReturnType<typeof applyAreaOverrides>, id: RuleId) => rules.find((rule) => rule.id === id)!;

describe('area overrides of local standards', () => {
  it("sets an area's own timescale for a local standard", () => {
    const durham = applyAreaOverrides(VC_2020_1, {
      'support.first-contact': { standard: { unit: 'working_days', amount: 3 } },
    });
    expect(ruleOf(durham, 'support.first-contact').deadline).toEqual({
      standard: { unit: 'working_days', amount: 3 },
      enhanced: { unit: 'working_days', amount: 1 },
    });
  });

  it('changes the due date of the duties it opens', () => {
    const result = evaluateDuties({
      events: [referralReceived(MONDAY)],
      overrides: { 'support.first-contact': { standard: { unit: 'working_days', amount: 3 } } },
      at: new Date(MONDAY),
    });
    expect(result.duties[0]?.dueAt.toISOString()).toBe('2026-01-15T23:59:59.999Z');
  });

  it('can set a local standard in working hours', () => {
    const result = evaluateDuties({
      events: [enhancedRightsRecorded(MONDAY), referralReceived(MONDAY)],
      overrides: { 'support.first-contact': { enhanced: { unit: 'working_hours', amount: 24 } } },
      at: new Date(MONDAY),
    });
    expect(result.duties[0]?.dueAt.toISOString()).toBe('2026-01-13T10:00:00.000Z');
  });

  it('leaves every other rule as it was', () => {
    const cleveland = applyAreaOverrides(VC_2020_1, {
      'support.rj-offer': { enhanced: { unit: 'working_days', amount: 10 } },
    });
    expect(cleveland.filter((rule) => rule.id !== 'support.rj-offer')).toEqual(
      VC_2020_1.filter((rule) => rule.id !== 'support.rj-offer'),
    );
    expect(ruleOf(cleveland, 'support.rj-offer').deadline.standard).toEqual({ unit: 'working_days', amount: 20 });
  });

  it('returns the rules unchanged without overrides', () => {
    expect(applyAreaOverrides(VC_2020_1)).toEqual(VC_2020_1);
  });
});

describe('refused overrides', () => {
  it('refuses to override a statutory duty, naming it', () => {
    const relaxing: AreaOverrides = { 'police.inform-decision': { standard: { unit: 'working_days', amount: 10 } } };
    expect(() => applyAreaOverrides(VC_2020_1, relaxing)).toThrow(RuleConfigurationError);
    expect(() => applyAreaOverrides(VC_2020_1, relaxing)).toThrow(/police\.inform-decision is a statutory duty/);
    expect(() => applyAreaOverrides(VC_2020_1, relaxing)).toThrow(
      expect.objectContaining({ code: 'STATUTORY_RULE_OVERRIDE' }),
    );
  });

  it("refuses to change the Victim Contact Scheme's 20 working days: the Code sets them (right 11)", () => {
    const relaxing: AreaOverrides = { 'probation.vcs-contact': { standard: { unit: 'working_days', amount: 40 } } };
    expect(() => applyAreaOverrides(VC_2020_1, relaxing)).toThrow(
      expect.objectContaining({ code: 'STATUTORY_RULE_OVERRIDE' }),
    );
  });

  it('refuses it when evaluating too, so a misconfigured area never computes a duty', () => {
    expect(() =>
      evaluateDuties({
        events: [],
        overrides: { 'wcu.inform-hearing': { enhanced: { unit: 'working_days', amount: 2 } } },
        at: new Date(MONDAY),
      }),
    ).toThrow(expect.objectContaining({ code: 'STATUTORY_RULE_OVERRIDE' }));
  });

  it('refuses an unknown rule id rather than silently keep the default', () => {
    const typo = { 'support.first-contactt': { standard: { unit: 'working_days', amount: 3 } } } as AreaOverrides;
    expect(() => applyAreaOverrides(VC_2020_1, typo)).toThrow(expect.objectContaining({ code: 'UNKNOWN_RULE' }));
  });

  it.each([
    { unit: 'working_days', amount: 0 },
    { unit: 'working_days', amount: 2.5 },
    { unit: 'fortnights', amount: 1 },
  ])('refuses the timescale %p', (timescale) => {
    const overrides = { 'support.first-contact': { enhanced: timescale } } as AreaOverrides;
    expect(() => applyAreaOverrides(VC_2020_1, overrides)).toThrow(
      expect.objectContaining({ code: 'INVALID_TIMESCALE' }),
    );
  });

  it('checks the standard timescale as well as the enhanced one', () => {
    const overrides: AreaOverrides = { 'support.first-contact': { standard: { unit: 'working_days', amount: -1 } } };
    expect(() => applyAreaOverrides(VC_2020_1, overrides)).toThrow(/support\.first-contact/);
  });
});
