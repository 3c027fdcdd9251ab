import type { Actor } from '../../src/access/actor.js';
import type { SignedInUser } from '../support/fixtures.js';
import { allNeeds, journeyEtag } from '../support/journey.builder.js';
import type { TestApp } from '../support/test-app.js';
import { aReferral } from '../support/referral.builder.js';

/** What happens to one journey, each step at its own instant (the test's clock is moved there). */
export interface JourneyStory {
  referredAt: string;
  reportedAt?: string;
  offenceCategory?: string;
  role?: 'victim' | 'witness';
  enhanced?: string[];
  consent?: 'given' | 'not_objected';
  /** Lead worker assigned just after referral (the journey's organisation becomes the caseworker's). */
  lead?: boolean;
  contactedAt?: string;
  /** Unsuccessful attempts; the policy's third makes the victim unable to contact. */
  failedAttemptsAt?: string[];
  assessedAt?: string;
  startScore?: Record<string, number>;
  rjOfferedAt?: string;
  closedAt?: string;
  closureReason?: string;
  endScore?: Record<string, number> | { missingReason: string };
  satisfaction?: number | 'declined';
}

export interface BuiltJourney {
  journeyId: string;
  reference: string;
  personId: string;
}

/**
 * Journeys for report tests, made through the API as caseworkers make them, each step at
 * the instant the story gives; the clock is put back afterwards.
 */
export async function aJourneyStory(t: TestApp, caseworker: SignedInUser, areaId: string, story: JourneyStory): Promise<BuiltJourney> {
  const now = t.clock.now();
  const at = (instant: string) => t.clock.set(new Date(instant));
  const post = async (journeyId: string, path: string, body: object, ifMatch = false) => {
    const request = t.http().post(`/api/v1/journeys/${journeyId}/${path}`).set('authorization', caseworker.bearer);
    if (ifMatch) request.set('if-match', await journeyEtag(t, caseworker, journeyId));
    const response = await request.send(body);
    if (response.status >= 300) throw new Error(`${path} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response;
  };
  try {
    at(story.referredAt);
    const referral = aReferral(areaId, {
      role: story.role ?? 'victim',
      crime: {
        offenceCategory: story.offenceCategory ?? 'burglary',
        reportedAt: story.reportedAt ?? new Date(new Date(story.referredAt).getTime() - 24 * 3_600_000).toISOString(),
        offenceDate: undefined,
      },
      consent: { referral: story.consent ?? 'not_objected' },
      ...(story.enhanced ? { enhancedRights: { categories: story.enhanced } } : {}),
    });
    const referred = await t.http().post('/api/v1/referrals').set('authorization', caseworker.bearer).send(referral);
    if (referred.status !== 201) throw new Error(`referral failed: ${referred.status} ${JSON.stringify(referred.body)}`);
    const { journeyId, personId } = referred.body as { journeyId: string; personId: string };

    if (story.lead) {
      const response = await t.http().put(`/api/v1/journeys/${journeyId}/lead`).set('authorization', caseworker.bearer)
        .set('if-match', await journeyEtag(t, caseworker, journeyId)).send({ workerId: caseworker.id });
      if (response.status !== 200) throw new Error(`lead failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    for (const attemptedAt of story.failedAttemptsAt ?? []) {
      at(attemptedAt);
      await post(journeyId, 'contact-attempts', { method: 'phone', outcome: 'no_answer', attemptedAt });
    }
    if (story.contactedAt) {
      at(story.contactedAt);
      await post(journeyId, 'contact-attempts', {
        method: 'phone',
        outcome: 'contacted',
        attemptedAt: story.contactedAt,
        supportWanted: story.assessedAt ? 'accepted' : 'declined',
      });
    }
    if (story.assessedAt) {
      at(story.assessedAt);
      await post(journeyId, 'needs-assessments', {
        completedAt: story.assessedAt,
        needs: allNeeds(),
        decision: 'accepted',
        startScore: { answers: story.startScore },
      }, true);
    }
    if (story.rjOfferedAt) {
      at(story.rjOfferedAt);
      await post(journeyId, 'rj-offers', { offeredAt: story.rjOfferedAt, answer: 'interested' });
    }
    if (story.closedAt) {
      at(story.closedAt);
      const end = story.endScore;
      await post(journeyId, 'closure', {
        reason: story.closureReason ?? 'support_completed',
        ...(end && 'missingReason' in end ? { endScoreMissingReason: end.missingReason } : { endScore: { answers: end } }),
        satisfaction: story.satisfaction === 'declined' || story.satisfaction === undefined ? { declined: true } : { score: story.satisfaction },
      }, true);
    }
    const [journey] = await t.dataSource.query(`SELECT reference FROM journeys WHERE id = $1`, [journeyId]);
    return { journeyId, reference: journey.reference, personId };
  } finally {
    t.clock.set(now);
  }
}

/** Cope-and-recover answers (cr-1), every domain `score` unless named. */
export function scores(score: number, overrides: Record<string, number> = {}): Record<string, number> {
  return { health_wellbeing: score, safety: score, everyday_life: score, informed: score, justice_engagement: score, support_network: score, ...overrides };
}

/** The actor a signed-in user is, for calling services directly. */
export function actorOf(user: SignedInUser): Actor {
  return { userId: user.id, roles: user.roles, organisationId: user.organisationId, areaIds: user.areaIds, requestId: 'test', accessReason: null, sessionFamilyId: null };
}

/** Every string and key anywhere in a JSON answer. */
export function wordsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((item) => wordsOf(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.push(key);
      wordsOf(item, into);
    }
  }
  return into;
}
