import type { SignedInUser } from '../support/fixtures.js';
import { aReferredJourney } from '../support/journey.builder.js';
import { aCrimeReference } from '../support/referral.builder.js';
import type { TestApp } from '../support/test-app.js';

export interface CrimeWithTwoJourneys {
  crimeId: string;
  /** A victim with standard rights. */
  standard: string;
  /** A vulnerable witness: enhanced rights, shorter deadlines. */
  enhanced: string;
}

/** Two people referred on one crime (same crime reference): a victim with standard rights and a witness with enhanced rights. */
export async function aCrimeWithTwoJourneys(t: TestApp, caseworker: SignedInUser, areaId: string): Promise<CrimeWithTwoJourneys> {
  const crimeReference = aCrimeReference();
  const standard = await aReferredJourney(t, caseworker, areaId, { crime: { crimeReference } });
  const enhanced = await aReferredJourney(t, caseworker, areaId, { crime: { crimeReference }, role: 'witness', enhancedRights: { categories: ['vulnerable'] } });
  if (standard.crimeId !== enhanced.crimeId) throw new Error('the two referrals did not land on one crime');
  return { crimeId: standard.crimeId, standard: standard.journeyId, enhanced: enhanced.journeyId };
}

/** A defendant added by `user`; answers the response body. */
export async function aDefendant(t: TestApp, user: SignedInUser, crimeId: string, body: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const response = await t.http().post(`/api/v1/crimes/${crimeId}/defendants`).set('authorization', user.bearer)
    .send({ givenName: 'Sam', familyName: 'Offender', dateOfBirth: '1990-05-17', ...body });
  if (response.status !== 201) throw new Error(`defendant failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A police or CPS decision recorded by `user`; answers the response body. */
export async function aDecision(t: TestApp, user: SignedInUser, crimeId: string, body: 'police' | 'cps', request: Record<string, unknown>): Promise<Record<string, any>> {
  const response = await t.http().post(`/api/v1/crimes/${crimeId}/${body}-decisions`).set('authorization', user.bearer).send(request);
  if (response.status !== 201) throw new Error(`decision failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface StoredDuty {
  key: string;
  status: string;
  dueAt: string;
  metAt: string | null;
  enhanced: boolean;
}

/** The journey's stored duties of one rule, as the ledger wrote them. */
export async function dutiesOf(t: TestApp, journeyId: string, ruleId: string): Promise<StoredDuty[]> {
  const rows: Array<{ key: string; status: string; due_at: Date; met_at: Date | null; enhanced: boolean }> = await t.dataSource.query(
    `SELECT key, status, due_at, met_at, enhanced FROM duties WHERE journey_id = $1 AND rule_id = $2 ORDER BY due_at, key`,
    [journeyId, ruleId],
  );
  return rows.map((row) => ({ key: row.key, status: row.status, dueAt: row.due_at.toISOString(), metAt: row.met_at?.toISOString() ?? null, enhanced: row.enhanced }));
}

/** The journey's events of one type, oldest first. */
export async function eventsOf(t: TestApp, journeyId: string, type: string): Promise<Array<{ id: string; occurredAt: string; payload: Record<string, unknown> }>> {
  const rows: Array<{ id: string; occurred_at: Date; payload: Record<string, unknown> }> = await t.dataSource.query(
    `SELECT id, occurred_at, payload FROM journey_events WHERE journey_id = $1 AND type = $2 ORDER BY seq`,
    [journeyId, type],
  );
  return rows.map((row) => ({ id: row.id, occurredAt: row.occurred_at.toISOString(), payload: row.payload }));
}
