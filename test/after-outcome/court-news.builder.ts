import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/access/actor.js';
import { TransactionRunner } from '../../src/database/transaction.js';
import { JourneyLedger } from '../../src/journeys/journey-ledger.js';
import { codeEvent, type NewJourneyEvent } from '../../src/journeys/journey-events.js';
import type { SignedInUser } from '../support/fixtures.js';
import type { TestApp } from '../support/test-app.js';

/**
 * What the investigation and court modules put on a journey (a charge, a sentence), put
 * there the way they do it: through the JourneyLedger, in one transaction, as `user`.
 */
export async function recordOnJourney(t: TestApp, user: SignedInUser, journeyId: string, events: NewJourneyEvent[]): Promise<void> {
  const actor: Actor = {
    userId: user.id,
    roles: user.roles,
    organisationId: user.organisationId,
    areaIds: user.areaIds,
    requestId: randomUUID(),
    accessReason: null,
    sessionFamilyId: null,
  };
  const ledger = t.app.get(JourneyLedger);
  await t.app.get(TransactionRunner).run(async (tx) => {
    const journey = await ledger.lock(tx, actor, journeyId);
    await ledger.record(tx, actor, journey, events);
  });
}

export function charged(at: string, decisionId = 'PD-1'): NewJourneyEvent {
  return codeEvent('police.decision-made', new Date(at), { decisionId, kind: 'charged' });
}

/** A sentence that makes the victim eligible for the Victim Contact Scheme (violent, 18 months' custody) unless overridden. */
export function sentenced(at: string, outcomeId: string, sentence: { offenceViolentOrSexual?: boolean; custodialMonths?: number; hospitalOrder?: boolean } = {}): NewJourneyEvent {
  return codeEvent('court.sentence', new Date(at), { outcomeId, offenceViolentOrSexual: true, custodialMonths: 18, hospitalOrder: false, ...sentence });
}

/** Closes the journey as support ends (the victim declined further support), as a caseworker would, at `at` (default now). */
export async function closeJourney(t: TestApp, caseworker: SignedInUser, journeyId: string, at?: Date): Promise<void> {
  const now = t.clock.now();
  if (at) t.clock.set(at);
  try {
    const journey = await t.http().get(`/api/v1/journeys/${journeyId}`).set('authorization', caseworker.bearer);
    const response = await t.http().post(`/api/v1/journeys/${journeyId}/closure`).set('authorization', caseworker.bearer).set('if-match', journey.headers.etag as string)
      .send({ reason: 'declined', endScoreMissingReason: 'declined', satisfaction: { declined: true } });
    if (response.status !== 200) throw new Error(`closure failed: ${response.status} ${JSON.stringify(response.body)}`);
  } finally {
    t.clock.set(now);
  }
}
