import { describe, expect, it } from '@jest/globals';
import {
  ageOn,
  deriveEnhancedRights,
  ENHANCED_RIGHTS_REASONS,
  VULNERABILITY_FLAGS,
  type EnhancedRightsFacts,
} from './enhanced-rights.js';

const adultBurglaryVictim: EnhancedRightsFacts = {
  offenceCategory: 'burglary',
  offenceDate: '2026-06-15',
  dateOfBirth: '1980-01-01',
  vulnerabilityFlags: [],
};

describe('enhanced rights derived from the facts the service holds', () => {
  it('shows none for an adult victim of a burglary with no vulnerability recorded', () => {
    expect(deriveEnhancedRights(adultBurglaryVictim)).toEqual([]);
  });

  it('makes a victim of domestic abuse a victim of the most serious crime, from the offence category', () => {
    expect(deriveEnhancedRights({ ...adultBurglaryVictim, offenceCategory: 'domestic_abuse' })).toEqual([
      { category: 'most_serious_crime', reason: 'offence_category' },
    ]);
  });

  it('makes a victim vulnerable who was 17 on the day of the offence', () => {
    expect(deriveEnhancedRights({ ...adultBurglaryVictim, dateOfBirth: '2010-06-16' })).toEqual([
      { category: 'vulnerable', reason: 'under_18_at_offence' },
    ]);
  });

  it('does not for a victim whose 18th birthday was the day of the offence', () => {
    expect(deriveEnhancedRights({ ...adultBurglaryVictim, dateOfBirth: '2008-06-15' })).toEqual([]);
  });

  it('goes by the dates over the under_18 flag when both dates are known', () => {
    expect(deriveEnhancedRights({ ...adultBurglaryVictim, vulnerabilityFlags: ['under_18'] })).toEqual([]);
  });

  it.each([
    ['the date of birth', { dateOfBirth: null }],
    ['the offence date', { offenceDate: null }],
  ])('takes the under_18 flag when %s is not known', (_unknown, missing) => {
    const facts = { ...adultBurglaryVictim, ...missing, vulnerabilityFlags: ['under_18' as const] };
    expect(deriveEnhancedRights(facts)).toEqual([{ category: 'vulnerable', reason: 'under_18_at_offence' }]);
    expect(deriveEnhancedRights({ ...facts, vulnerabilityFlags: [] })).toEqual([]);
  });

  it.each([
    ['a mental disorder', 'mental_disorder'],
    ['a significant impairment of intelligence and social functioning', 'learning_disability'],
    ['a physical disability or disorder', 'physical_disability'],
  ] as const)('makes a victim with %s vulnerable', (_condition, flag) => {
    expect(deriveEnhancedRights({ ...adultBurglaryVictim, vulnerabilityFlags: [flag] })).toEqual([
      { category: 'vulnerable', reason: flag },
    ]);
  });

  it.each(['older_person', 'repeat_victim', 'intimidated', 'risk_of_harm'] as const)(
    'leaves the %s flag for staff to judge: it is no basis by itself',
    (flag) => {
      expect(deriveEnhancedRights({ ...adultBurglaryVictim, vulnerabilityFlags: [flag] })).toEqual([]);
    },
  );

  it('takes intimidation and persistent targeting as staff found them', () => {
    expect(deriveEnhancedRights({ ...adultBurglaryVictim, intimidated: true, persistentlyTargeted: true })).toEqual([
      { category: 'persistently_targeted', reason: 'targeted_repeatedly' },
      { category: 'intimidated', reason: 'fear_or_distress_about_testifying' },
    ]);
  });

  it('lists every basis the facts show, in the order of the categories', () => {
    const everything: EnhancedRightsFacts = {
      offenceCategory: 'sexual_offence',
      offenceDate: '2026-06-14',
      dateOfBirth: '2010-06-15',
      vulnerabilityFlags: [...VULNERABILITY_FLAGS].reverse(),
      intimidated: true,
      persistentlyTargeted: true,
    };
    expect(deriveEnhancedRights(everything).map(({ reason }) => reason)).toEqual(ENHANCED_RIGHTS_REASONS);
    expect(deriveEnhancedRights(everything).map(({ category }) => category)).toEqual([
      'most_serious_crime',
      'persistently_targeted',
      'vulnerable',
      'vulnerable',
      'vulnerable',
      'vulnerable',
      'intimidated',
    ]);
  });
});

describe('age on a London date', () => {
  it('turns 16 on the 16th birthday, not the day before', () => {
    expect(ageOn('2010-06-15', '2026-06-15')).toBe(16);
    expect(ageOn('2010-06-15', '2026-06-14')).toBe(15);
  });

  it('gives someone born on 29 February their birthday on 1 March in other years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it.each([
    ['2026-02-30', '2026-06-15', /dateOfBirth/],
    ['2010-06-15', '15/06/2026', /on must be/],
  ])('refuses %s on %s, which is not a calendar date', (dateOfBirth, on, message) => {
    expect(() => ageOn(dateOfBirth, on)).toThrow(RangeError);
    expect(() => ageOn(dateOfBirth, on)).toThrow(message);
  });
});
