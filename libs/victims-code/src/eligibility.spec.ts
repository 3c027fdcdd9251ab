import { describe, expect, it } from '@jest/globals';
import { ENHANCED_RIGHTS_CATEGORIES, isMostSeriousCrime, MOST_SERIOUS_CRIME_OFFENCES } from './enhanced-rights.js';
import { OFFENCE_CATEGORIES, referralConsentBasis } from './offences.js';
import { isVcsEligible } from './victim-contact-scheme.js';

describe('referral consent basis (right 4)', () => {
  it.each(['sexual_offence', 'domestic_abuse', 'homicide_bereaved'] as const)(
    'needs explicit consent to refer a victim of %s',
    (offence) => {
      expect(referralConsentBasis(offence)).toBe('explicit_required');
    },
  );

  it('refers victims of every other offence automatically unless they object', () => {
    const automatic = OFFENCE_CATEGORIES.filter((offence) => referralConsentBasis(offence) === 'automatic');
    expect(automatic).toHaveLength(OFFENCE_CATEGORIES.length - 3);
    expect(automatic).toContain('burglary');
    expect(automatic).toContain('hate_crime');
  });
});

describe('Victim Contact Scheme eligibility (right 11)', () => {
  it('includes a violent or sexual offence with 12 months or more in custody', () => {
    expect(isVcsEligible({ offenceViolentOrSexual: true, custodialMonths: 12, hospitalOrder: false })).toBe(true);
  });

  it('excludes a custodial sentence under 12 months', () => {
    expect(isVcsEligible({ offenceViolentOrSexual: true, custodialMonths: 11, hospitalOrder: false })).toBe(false);
  });

  it('includes a hospital order for a violent or sexual offence, whatever its length', () => {
    expect(isVcsEligible({ offenceViolentOrSexual: true, custodialMonths: 0, hospitalOrder: true })).toBe(true);
  });

  it('excludes an offence that is neither violent nor sexual', () => {
    expect(isVcsEligible({ offenceViolentOrSexual: false, custodialMonths: 120, hospitalOrder: true })).toBe(false);
  });
});

describe('enhanced rights', () => {
  it('has the four categories of the Code', () => {
    expect(ENHANCED_RIGHTS_CATEGORIES).toEqual([
      'most_serious_crime',
      'persistently_targeted',
      'vulnerable',
      'intimidated',
    ]);
  });

  it.each(MOST_SERIOUS_CRIME_OFFENCES)('makes a victim of %s a victim of the most serious crime', (offence) => {
    expect(isMostSeriousCrime(offence)).toBe(true);
  });

  it.each(['burglary', 'theft', 'violence_with_injury', 'robbery', 'fraud'] as const)(
    'does not by itself for %s',
    (offence) => {
      expect(isMostSeriousCrime(offence)).toBe(false);
    },
  );
});
