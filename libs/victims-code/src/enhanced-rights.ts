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
