import { aDefendant, type BuiltDefendant } from '../support/defendant.builder.js';
import type { SignedInUser } from '../support/fixtures.js';
import { aReferredJourney } from '../support/journey.builder.js';
import { aCrimeReference } from '../support/referral.builder.js';
import type { TestApp } from '../support/test-app.js';

export interface CrimeOnTrial {
  crimeId: string;
  areaId: string;
  /** The victim's journey (standard rights unless asked) and a witness's journey (enhanced rights when asked). */
  victimJourneyId: string;
  witnessJourneyId: string;
  defendant: BuiltDefendant;
}

/** A crime with two journeys on it (a victim and a witness) and one defendant. */
export async function aCrimeWithTwoJourneys(t: TestApp, caseworker: SignedInUser, areaId: string, options: { enhancedWitness?: boolean } = {}): Promise<CrimeOnTrial> {
  const crimeReference = aCrimeReference();
  const victim = await aReferredJourney(t, caseworker, areaId, { crime: { crimeReference } });
  const witness = await aReferredJourney(t, caseworker, areaId, {
    role: 'witness',
    crime: { crimeReference },
    ...(options.enhancedWitness ? { enhancedRights: { categories: ['intimidated'] } } : {}),
  });
  if (witness.crimeId !== victim.crimeId) throw new Error('the two referrals did not land on one crime');
  const defendant = await aDefendant(t, { areaId, crimeId: victim.crimeId });
  return { crimeId: victim.crimeId, areaId, victimJourneyId: victim.journeyId, witnessJourneyId: witness.journeyId, defendant };
}

export async function courtId(t: TestApp, code: string): Promise<string> {
  const [row]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM courts WHERE code = $1`, [code]);
  return row.id;
}

export interface StoredDuty {
  key: string;
  status: string;
  due_at: Date;
  enhanced: boolean;
  withdrawn_reason: string | null;
}

/** The journey's duties of a rule, oldest first, as stored. */
export async function dutiesOf(t: TestApp, journeyId: string, ruleId: string): Promise<StoredDuty[]> {
  return t.dataSource.query(
    `SELECT key, status, due_at, enhanced, withdrawn_reason FROM duties WHERE journey_id = $1 AND rule_id = $2 ORDER BY opened_at, key`,
    [journeyId, ruleId],
  );
}

/** The journey's events of a type, oldest first, with their payloads. */
export async function eventsOf(t: TestApp, journeyId: string, type: string): Promise<Array<{ payload: Record<string, unknown>; occurred_at: Date }>> {
  return t.dataSource.query(`SELECT payload, occurred_at FROM journey_events WHERE journey_id = $1 AND type = $2 ORDER BY seq`, [journeyId, type]);
}

export async function auditRows(t: TestApp, actorId: string, entityType: string, entityId: string): Promise<Array<{ action: string; details: Record<string, unknown> }>> {
  return t.dataSource.query(`SELECT action, details FROM audit_log WHERE actor_user_id = $1 AND entity_type = $2 AND entity_id = $3 ORDER BY seq`, [
    actorId,
    entityType,
    entityId,
  ]);
}
