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

/** The journey's current ETag, to send as If-Match. */
export async function journeyEtag(t: TestApp, user: SignedInUser, journeyId: string): Promise<string> {
  const response = await t.http().get(`/api/v1/journeys/${journeyId}`).set('authorization', user.bearer);
  if (response.status !== 200) throw new Error(`journey read failed: ${response.status}`);
  return response.headers.etag as string;
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
