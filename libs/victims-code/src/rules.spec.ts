import { describe, expect, it } from '@jest/globals';
import { RULE_IDS, RULE_SET_VERSION, VC_2020_1 } from './rules.js';

// The duties table of ../shared/design/VICTIMS_CODE.md, row by row: id, right, owner,
// working days standard / enhanced, basis (Code = statutory; local default and national
// practice = local).
const VICTIMS_CODE_TABLE = [
  ['police.refer-to-support', 4, 'police', 2, 2, 'statutory'],
  ['police.inform-decision', 6, 'police', 5, 1, 'statutory'],
  ['cps.inform-decision', 6, 'cps', 5, 1, 'statutory'],
  ['wcu.inform-hearing', 8, 'witness_care_unit', 1, 1, 'statutory'],
  ['wcu.inform-bail', 6, 'witness_care_unit', 5, 1, 'statutory'],
  ['wcu.inform-outcome', 9, 'witness_care_unit', 1, 1, 'statutory'],
  ['wcu.inform-appeal', 9, 'witness_care_unit', 5, 1, 'local'],
  ['wcu.needs-assessment', 8, 'witness_care_unit', 2, 1, 'local'],
  ['wcu.refer-to-vcs', 11, 'witness_care_unit', 10, 10, 'statutory'],
  ['probation.vcs-contact', 11, 'probation', 20, 20, 'statutory'],
  ['cps.pay-expenses', 10, 'cps', 10, 10, 'statutory'],
  ['police.vrr-acknowledge', 6, 'police', 10, 10, 'local'],
  ['police.vrr-decide', 6, 'police', 30, 30, 'local'],
  ['complaint.acknowledge', 12, 'complaint_subject', 10, 10, 'local'],
  ['complaint.respond', 12, 'complaint_subject', 20, 20, 'local'],
  ['support.first-contact', 4, 'victim_care_service', 2, 1, 'local'],
  ['support.needs-assessment', 4, 'victim_care_service', 5, 2, 'local'],
  ['support.vps-offer', 7, 'police', 5, 1, 'local'],
  ['support.rj-offer', 3, 'victim_care_service', 20, 20, 'local'],
] as const;

describe('rule set vc-2020.1', () => {
  it('has one rule per duty of VICTIMS_CODE.md, in its order', () => {
    expect(VC_2020_1.map((rule) => rule.id)).toEqual(VICTIMS_CODE_TABLE.map(([id]) => id));
    expect(RULE_IDS).toEqual(VICTIMS_CODE_TABLE.map(([id]) => id));
  });

  it.each(VICTIMS_CODE_TABLE)(
    'encodes %s: right %i, owed by %s, %i / %i working days, %s',
    (id, right, owner, standard, enhanced, basis) => {
      const rule = VC_2020_1.find((candidate) => candidate.id === id)!;
      expect({
        right: rule.right,
        owner: rule.owner,
        standard: rule.deadline.standard,
        enhanced: rule.deadline.enhanced,
        basis: rule.basis,
      }).toEqual({
        right,
        owner,
        standard: { unit: 'working_days', amount: standard },
        enhanced: { unit: 'working_days', amount: enhanced },
        basis,
      });
    },
  );

  it('stamps every rule with the rule set version', () => {
    expect(RULE_SET_VERSION).toBe('vc-2020.1');
    for (const rule of VC_2020_1) expect(rule.ruleSetVersion).toBe('vc-2020.1');
  });

  it('never gives an enhanced victim a longer deadline than a standard one', () => {
    for (const rule of VC_2020_1)
      expect(rule.deadline.enhanced.amount).toBeLessThanOrEqual(rule.deadline.standard.amount);
  });

  it('says where every figure comes from', () => {
    for (const rule of VC_2020_1) expect(rule.source).not.toBe('');
  });
});
