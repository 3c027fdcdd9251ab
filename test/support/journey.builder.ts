import { aReferral, type ReferralBody } from './referral.builder.js';
import type { SignedInUser } from './fixtures.js';
import type { TestApp } from './test-app.js';

type ReferralOverrides = Parameters<typeof aReferral>[1];

export interface ReferredJourney {
  journeyId: string;
  personId: string;
  crimeId: string;
  referral: ReferralBody;
}

/** A journey at stage referred: a caseworker's police referral (aReferral) into `areaId`. */
export async function aReferredJourney(t: TestApp, caseworker: SignedInUser, areaId: string, overrides: ReferralOverrides = {}): Promise<ReferredJourney> {
  const referral = aReferral(areaId, overrides);
  const response = await t.http().post('/api/v1/referrals').set('authorization', caseworker.bearer).send(referral);
  if (response.status !== 201) throw new Error(`referral failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { journeyId: response.body.journeyId, personId: response.body.personId, crimeId: response.body.crimeId, referral };
}

/**
 * The journey's current ETag, to send as If-Match, read with SQL: building a test world
 * should not cost an audited read of the journey per step. Tests of the ETag itself read
 * it from `GET /journeys/:id`.
 */
export async function journeyEtag(t: TestApp, _user: SignedInUser, journeyId: string): Promise<string> {
  const rows: Array<{ version: number }> = await t.dataSource.query(`SELECT version FROM journeys WHERE id = $1`, [journeyId]);
  if (rows.length !== 1) throw new Error(`no journey ${journeyId}`);
  return `"${rows[0]!.version}"`;
}

/** The journey's duties by rule id (the first of each rule). */
export async function dutiesByRule(t: TestApp, user: SignedInUser, journeyId: string): Promise<Record<string, Record<string, unknown>>> {
  const response = await t.http().get(`/api/v1/journeys/${journeyId}/duties`).set('authorization', user.bearer);
  if (response.status !== 200) throw new Error(`duties read failed: ${response.status}`);
  const byRule: Record<string, Record<string, unknown>> = {};
  for (const duty of response.body.items as Array<Record<string, unknown>>) byRule[duty.ruleId as string] ??= duty;
  return byRule;
}

/** The journey's event types, oldest first as recorded. */
export async function eventTypes(t: TestApp, journeyId: string): Promise<string[]> {
  const rows: Array<{ type: string }> = await t.dataSource.query(`SELECT type FROM journey_events WHERE journey_id = $1 ORDER BY seq`, [journeyId]);
  return rows.map((row) => row.type);
}

/** A journey referred at `referredAt` (earlier than the test's now), the clock put back afterwards. */
export async function aJourneyReferredAt(
  t: TestApp,
  caseworker: SignedInUser,
  areaId: string,
  referredAt: Date,
  overrides: ReferralOverrides = {},
): Promise<ReferredJourney> {
  const now = t.clock.now();
  t.clock.set(referredAt);
  try {
    return await aReferredJourney(t, caseworker, areaId, overrides);
  } finally {
    t.clock.set(now);
  }
}

/** Valid cope-and-recover answers under framework cr-1, every domain scored `score` unless overridden. */
export function copeRecoverAnswers(score = 2, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { health_wellbeing: score, safety: score, everyday_life: score, informed: score, justice_engagement: score, support_network: score, ...overrides };
}

export const NEED_AREAS = [
  'health_wellbeing', 'mental_emotional', 'safety_security', 'housing', 'finance_benefits', 'employment_education',
  'family_relationships', 'substance_misuse', 'disability_access', 'criminal_justice_information', 'communication_language',
] as const;

/** Every need area assessed, at level low unless overridden by area. */
export function allNeeds(levels: Partial<Record<(typeof NEED_AREAS)[number], string>> = {}): Array<{ area: string; level: string }> {
  return NEED_AREAS.map((area) => ({ area, level: levels[area] ?? 'low' }));
}
