import { randomBytes } from 'node:crypto';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export interface ReferralBody {
  areaId: string;
  role: 'victim' | 'witness';
  externalReference?: string;
  crime: { crimeReference: string; offenceCategory: string; offenceDate?: string; reportedAt: string; policeForceId?: string };
  person: Record<string, unknown> & { givenName: string; familyName: string; dateOfBirth?: string };
  consent: { referral: string; recordedBy?: string; recordedAt?: string; sharing?: Array<{ agency: string; purpose: string; given: boolean }> };
  enhancedRights?: { categories: string[]; reason?: string };
  /** When the victim care service received it (defaults, in the API, to now). */
  receivedAt?: string;
}

/** A fresh crime reference, so tests never collide on the per-area unique key. */
export function aCrimeReference(): string {
  return `CLE/26/${randomBytes(4).toString('hex').toUpperCase()}`;
}

/** A valid police referral of a burglary victim, reported the day before `receivedAt`; override what the test is about. */
export function aReferral(areaId: string, overrides: DeepPartial<ReferralBody> = {}): ReferralBody {
  const base: ReferralBody = {
    areaId,
    role: 'victim',
    crime: { crimeReference: aCrimeReference(), offenceCategory: 'burglary', offenceDate: '2026-03-30', reportedAt: '2026-03-31T09:00:00Z' },
    person: {
      givenName: 'Ann',
      familyName: `Example-${randomBytes(3).toString('hex')}`,
      dateOfBirth: '1980-02-01',
      phone: '07700 900123',
      preferredContactMethod: 'phone',
    },
    consent: { referral: 'not_objected', recordedBy: 'PC 1234 Smith' },
  };
  return {
    ...base,
    ...overrides,
    crime: { ...base.crime, ...overrides.crime },
    person: { ...base.person, ...overrides.person },
    consent: { ...base.consent, ...overrides.consent },
  } as ReferralBody;
}
