import type { LondonDate } from '../../working-days/src/index.js';
import { londonDateParts } from './london-dates.js';
import type { OffenceCategory } from './offences.js';

/** Why a victim is entitled to enhanced rights (Code 2020; VICTIMS_CODE.md "Enhanced rights"). */
export const ENHANCED_RIGHTS_CATEGORIES = [
  'most_serious_crime',
  'persistently_targeted',
  'vulnerable',
  'intimidated',
] as const;

export type EnhancedRightsCategory = (typeof ENHANCED_RIGHTS_CATEGORIES)[number];

/**
 * Offences that make their victims victims of the most serious crime: close relatives
 * bereaved by criminal conduct, domestic abuse, hate crime, terrorism, sexual offences,
 * human trafficking, attempted murder, kidnap or false imprisonment, arson with intent
 * to endanger life, wounding or GBH with intent.
 */
export const MOST_SERIOUS_CRIME_OFFENCES: readonly OffenceCategory[] = [
  'homicide_bereaved',
  'domestic_abuse',
  'hate_crime',
  'terrorism',
  'sexual_offence',
  'human_trafficking',
  'attempted_murder',
  'kidnap_false_imprisonment',
  'arson_endangering_life',
  'gbh_with_intent',
];

export function isMostSeriousCrime(offenceCategory: OffenceCategory): boolean {
  return MOST_SERIOUS_CRIME_OFFENCES.includes(offenceCategory);
}

/**
 * What a worker may record about a victim before contact. Only some of these are the
 * Code's own grounds for enhanced rights (VULNERABLE_BY_FLAG); the others inform the
 * worker, and staff decide whether they amount to a basis.
 */
export const VULNERABILITY_FLAGS = [
  'under_18',
  'mental_disorder',
  'learning_disability',
  'physical_disability',
  'older_person',
  'repeat_victim',
  'intimidated',
  'risk_of_harm',
] as const;

export type VulnerabilityFlag = (typeof VULNERABILITY_FLAGS)[number];

/**
 * The Code's vulnerable victims, besides those under 18: a mental disorder; a significant
 * impairment of intelligence and social functioning (a learning disability); a physical
 * disability or physical disorder.
 */
const VULNERABLE_BY_FLAG = ['mental_disorder', 'learning_disability', 'physical_disability'] as const satisfies
  readonly VulnerabilityFlag[];

/** Why the facts show a category: the reason a derived basis gives, in category order. */
export const ENHANCED_RIGHTS_REASONS = [
  'offence_category',
  'targeted_repeatedly',
  'under_18_at_offence',
  ...VULNERABLE_BY_FLAG,
  'fear_or_distress_about_testifying',
] as const;

export type EnhancedRightsReason = (typeof ENHANCED_RIGHTS_REASONS)[number];

export interface EnhancedRightsBasis {
  readonly category: EnhancedRightsCategory;
  readonly reason: EnhancedRightsReason;
}

/** What the service holds that can show a victim is entitled to enhanced rights. */
export interface EnhancedRightsFacts {
  readonly offenceCategory: OffenceCategory;
  /**
   * The London date of the offence; null when not known (or pass the date it was reported:
   * a victim under 18 then was under 18 at the offence).
   */
  readonly offenceDate: LondonDate | null;
  readonly dateOfBirth: LondonDate | null;
  readonly vulnerabilityFlags: readonly VulnerabilityFlag[];
  /** Staff found the victim's evidence likely to suffer from fear or distress about testifying. */
  readonly intimidated?: boolean;
  /** Staff found the victim targeted repeatedly over a period. */
  readonly persistentlyTargeted?: boolean;
}

/** Under 18 at the time of the offence makes a victim vulnerable (Code 2020, enhanced rights). */
const ADULT_AGE = 18;

/**
 * Every basis the facts show for enhanced rights, in ENHANCED_RIGHTS_CATEGORIES order;
 * empty when they show none (staff may still record a basis the facts do not show).
 * Age is counted on London calendar dates. When the dates cannot tell (either unknown),
 * the `under_18` flag stands in for them; when they can, they win over the flag.
 */
export function deriveEnhancedRights(facts: EnhancedRightsFacts): EnhancedRightsBasis[] {
  const bases: EnhancedRightsBasis[] = [];
  if (isMostSeriousCrime(facts.offenceCategory)) {
    bases.push({ category: 'most_serious_crime', reason: 'offence_category' });
  }
  if (facts.persistentlyTargeted) bases.push({ category: 'persistently_targeted', reason: 'targeted_repeatedly' });
  const under18 =
    facts.dateOfBirth !== null && facts.offenceDate !== null
      ? ageOn(facts.dateOfBirth, facts.offenceDate) < ADULT_AGE
      : facts.vulnerabilityFlags.includes('under_18');
  if (under18) bases.push({ category: 'vulnerable', reason: 'under_18_at_offence' });
  for (const flag of VULNERABLE_BY_FLAG) {
    if (facts.vulnerabilityFlags.includes(flag)) bases.push({ category: 'vulnerable', reason: flag });
  }
  if (facts.intimidated) bases.push({ category: 'intimidated', reason: 'fear_or_distress_about_testifying' });
  return bases;
}

/**
 * Age in whole years on London date `on`: a person born 2010-06-15 is 16 on 2026-06-15
 * and 15 the day before. Someone born on 29 February has their birthday on 1 March in
 * other years, as English law reads it.
 */
export function ageOn(dateOfBirth: LondonDate, on: LondonDate): number {
  const born = londonDateParts(dateOfBirth, 'dateOfBirth');
  const day = londonDateParts(on, 'on');
  return day.year - born.year - (day.monthDay < born.monthDay ? 1 : 0);
}
