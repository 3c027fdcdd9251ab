import { describe, expect, it } from '@jest/globals';
import type { JourneyOnCrime, RegisteredCrime } from '../journeys/journey-directory.js';
import type { CreateReferralRequest } from './dto/referral.dto.js';
import { crimeKey, type IntakeFound, planIntake, referencesNeeded } from './referral-intake-plan.js';

const AREA = '00000000-0000-4000-8000-000000000001';
const NOW = new Date('2026-04-01T10:00:00Z');
const CRIME: RegisteredCrime = { id: 'crime-1', areaId: AREA, crimeReference: 'CLE/26/000001', offenceCategory: 'burglary', reportedAt: new Date('2026-03-31T09:00:00Z'), registeredNow: false };

function aReferral(person: { givenName: string; familyName: string; dateOfBirth?: string }, crimeReference = 'cle/26/000001'): CreateReferralRequest {
  return {
    areaId: AREA,
    role: 'victim',
    crime: { crimeReference, offenceCategory: 'burglary', reportedAt: '2026-03-31T09:00:00Z' },
    person: { ...person, preferredContactMethod: 'phone', phone: '07700 900123' },
    consent: { referral: 'not_objected' },
  } as unknown as CreateReferralRequest;
}

function aJourneyOnCrime(overrides: Partial<JourneyOnCrime>): JourneyOnCrime {
  return { id: 'journey-old', reference: 'VJ-2026-000001', stage: 'in_support', crimeId: CRIME.id, personId: 'person-old', givenName: 'Ann', familyName: 'Example', dateOfBirth: '1980-02-01', ...overrides };
}

function found(journeysOnCrimes: JourneyOnCrime[] = []): IntakeFound {
  return { crimes: new Map([[crimeKey(AREA, CRIME.crimeReference), CRIME]]), journeysOnCrimes };
}

function ids(): () => string {
  let next = 0;
  return () => `id-${++next}`;
}

const context = { userId: 'user-1', channel: 'api' as const, now: NOW };
const ann = { givenName: 'Ann', familyName: 'Example', dateOfBirth: '1980-02-01' };

describe('planIntake', () => {
  it('opens a journey for a new person with the crime reported and the referral received', () => {
    const plan = planIntake([aReferral(ann)], found(), ['VJ-2026-000042'], { ...context, newId: ids() });
    expect(plan.newPeople).toHaveLength(1);
    expect(plan.journeysToOpen).toHaveLength(1);
    expect(plan.journeysToOpen[0].journey).toMatchObject({ reference: 'VJ-2026-000042', crimeId: CRIME.id, personId: plan.newPeople[0].id, referredAt: NOW });
    expect(plan.journeysToOpen[0].events.map((event) => event.type)).toEqual(['crime.reported', 'referral.received']);
    expect(plan.referrals).toEqual([expect.objectContaining({ outcome: 'created', stage: 'referred', newJourney: true })]);
  });

  it('links a referral to the person’s open journey on the crime, whatever the case and spacing of their names', () => {
    const requests = [aReferral({ givenName: ' ann ', familyName: 'EXAMPLE', dateOfBirth: '1980-02-01' })];
    const known = found([aJourneyOnCrime({})]);
    expect(referencesNeeded(requests, known)).toBe(0);
    const plan = planIntake(requests, known, [], { ...context, newId: ids() });
    expect(plan.referrals).toEqual([expect.objectContaining({ outcome: 'linked', journeyId: 'journey-old', personId: 'person-old', newJourney: false })]);
    expect(plan.linkedToExisting).toEqual([{ journeyId: 'journey-old', referralId: plan.referrals[0].referralId }]);
    expect(plan.newPeople).toEqual([]);
    expect(plan.journeysToOpen).toEqual([]);
  });

  it('reuses the person of a closed journey for a new journey', () => {
    const plan = planIntake([aReferral(ann)], found([aJourneyOnCrime({ stage: 'closed' })]), ['VJ-2026-000043'], { ...context, newId: ids() });
    expect(plan.newPeople).toEqual([]);
    expect(plan.journeysToOpen[0].journey.personId).toBe('person-old');
    expect(plan.referrals[0]).toMatchObject({ outcome: 'created', personId: 'person-old' });
  });

  it('links a second referral of one batch for the same new person to the journey the first opens', () => {
    const requests = [aReferral(ann), aReferral(ann)];
    expect(referencesNeeded(requests, found())).toBe(2);
    const plan = planIntake(requests, found(), ['VJ-2026-000044', 'VJ-2026-000045'], { ...context, newId: ids() });
    expect(plan.journeysToOpen).toHaveLength(1);
    expect(plan.referrals.map((referral) => referral.outcome)).toEqual(['created', 'linked']);
    expect(plan.referrals[1].journeyId).toBe(plan.referrals[0].journeyId);
    expect(plan.linkedToExisting).toEqual([]);
    expect(plan.journeysToOpen[0].events.map((event) => event.type)).toEqual(['crime.reported', 'referral.received', 'referral.linked']);
  });
});
