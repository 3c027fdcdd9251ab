/** The offence categories the engine distinguishes (the journey records one per crime). */
export const OFFENCE_CATEGORIES = [
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
  'violence_without_injury',
  'violence_with_injury',
  'robbery',
  'burglary',
  'theft',
  'criminal_damage',
  'fraud',
  'stalking_harassment',
  'public_order',
  'other',
] as const;

export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];

/** How the police may refer a victim to support services (right 4). */
export type ReferralConsentBasis = 'automatic' | 'explicit_required';

// Code 2020, right 4: referral is automatic unless the victim objects, except for these,
// where the victim must explicitly agree first.
const EXPLICIT_CONSENT_OFFENCES: readonly OffenceCategory[] = ['sexual_offence', 'domestic_abuse', 'homicide_bereaved'];

export function referralConsentBasis(offenceCategory: OffenceCategory): ReferralConsentBasis {
  return EXPLICIT_CONSENT_OFFENCES.includes(offenceCategory) ? 'explicit_required' : 'automatic';
}
