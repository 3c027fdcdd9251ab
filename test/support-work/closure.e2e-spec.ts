import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aJourneyReferredAt, allNeeds, copeRecoverAnswers, dutiesByRule, eventTypes, journeyEtag } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Tuesday 14 April 2026.
const REFERRED_AT = new Date('2026-04-14T07:00:00Z');
const NOW = new Date('2026-04-14T12:00:00Z');

describe('closing and reopening a journey', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const referred = async () => (await aJourneyReferredAt(t, caseworker, clevelandId, REFERRED_AT)).journeyId;
  const withEtag = async (journeyId: string, path: string, body: object, user: SignedInUser = caseworker) =>
    t.http().post(`/api/v1/journeys/${journeyId}/${path}`).set('authorization', user.bearer).set('if-match', await journeyEtag(t, caseworker, journeyId)).send(body);
  /** Contacted at 08:00 accepting support, assessed at 10:00 with a start score: in support, the RJ offer still owed. */
  const inSupport = async () => {
    const journeyId = await referred();
    await t.http().post(`/api/v1/journeys/${journeyId}/contact-attempts`).set('authorization', caseworker.bearer)
      .send({ method: 'phone', outcome: 'contacted', attemptedAt: '2026-04-14T08:00:00Z', supportWanted: 'accepted' });
    const assessed = await withEtag(journeyId, 'needs-assessments', {
      completedAt: '2026-04-14T10:00:00Z', needs: allNeeds(), decision: 'accepted', startScore: { answers: copeRecoverAnswers(2) },
    });
    expect(assessed.status).toBe(201);
    return journeyId;
  };
  const aClosure = (overrides: object = {}) => ({ reason: 'support_completed', endScore: { answers: copeRecoverAnswers(4) }, satisfaction: { score: 9, comment: 'Very kind' }, ...overrides });

  it('closes with the end score and the satisfaction answer, withdrawing the duties not yet due', async () => {
    const journeyId = await inSupport();
    const response = await withEtag(journeyId, 'closure', aClosure({ note: 'Goals met' }));
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe(`"${response.body.version}"`);
    expect(response.body).toEqual(expect.objectContaining({
      id: journeyId,
      stage: 'closed',
      closure: { closedAt: NOW.toISOString(), reason: 'support_completed', note: 'Goals met', satisfactionScore: 9, satisfactionComment: 'Very kind', satisfactionDeclined: false },
    }));
    const duties = await dutiesByRule(t, caseworker, journeyId);
    expect(duties['support.rj-offer']).toEqual(expect.objectContaining({ status: 'withdrawn', withdrawnReason: 'journey_closed' }));
    expect(duties['support.needs-assessment']).toEqual(expect.objectContaining({ status: 'met' }));
    expect((await eventTypes(t, journeyId)).slice(-3)).toEqual(['cope-recover.recorded', 'satisfaction.recorded', 'journey.closed']);
    const [satisfaction] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'satisfaction.recorded'`, [journeyId]);
    expect(satisfaction.payload).toEqual({ score: 9 });
    const measures = await t.http().get(`/api/v1/journeys/${journeyId}/cope-recover`).set('authorization', caseworker.bearer);
    expect(measures.body.change).toEqual(expect.objectContaining({ overallChange: 12, overallImproved: true }));
    const [audit] = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'journey' AND entity_id = $1 AND action = 'update'`, [journeyId]);
    expect(audit).toEqual({ action: 'update', details: { closed: true, reason: 'support_completed', satisfaction: 'score', dutiesWithdrawn: 1 } });
  });

  it('closes with an end score recorded before and a victim who declined the satisfaction question', async () => {
    const journeyId = await inSupport();
    await t.http().post(`/api/v1/journeys/${journeyId}/cope-recover/end`).set('authorization', caseworker.bearer).send({ missingReason: 'declined' });
    const response = await withEtag(journeyId, 'closure', { reason: 'declined', satisfaction: { declined: true } });
    expect(response.status).toBe(200);
    expect(response.body.closure).toEqual(expect.objectContaining({ reason: 'declined', satisfactionScore: null, satisfactionDeclined: true }));
  });

  it('refuses to close without an end score or the reason there is none', async () => {
    const journeyId = await inSupport();
    const response = await withEtag(journeyId, 'closure', { reason: 'support_completed', satisfaction: { score: 7 } });
    expect(fieldsOf(expectProblem(response, 422, 'END_SCORE_REQUIRED'))).toEqual(['endScore']);
    const journey = await t.http().get(`/api/v1/journeys/${journeyId}`).set('authorization', caseworker.bearer);
    expect(journey.body.stage).toBe('in_support');
  });

  it('offers the satisfaction question at closure: wants a score from 0 to 10 or declined, never both', async () => {
    const journeyId = await inSupport();
    const missing = await withEtag(journeyId, 'closure', { reason: 'support_completed', endScoreMissingReason: 'declined' });
    expect(fieldsOf(expectProblem(missing, 400, 'VALIDATION_FAILED'))).toEqual(['satisfaction']);
    const both = await withEtag(journeyId, 'closure', aClosure({ satisfaction: { score: 5, declined: true } }));
    expect(fieldsOf(expectProblem(both, 400, 'VALIDATION_FAILED'))).toEqual(['satisfaction.score']);
    const neither = await withEtag(journeyId, 'closure', aClosure({ satisfaction: { comment: 'Hmm' } }));
    expect(fieldsOf(expectProblem(neither, 400, 'VALIDATION_FAILED'))).toEqual(['satisfaction.comment', 'satisfaction.score']);
    const range = await withEtag(journeyId, 'closure', aClosure({ reason: 'bored', satisfaction: { score: 11 } }));
    expect(fieldsOf(expectProblem(range, 400, 'VALIDATION_FAILED'))).toEqual(['reason', 'satisfaction.score']);
    const endBoth = await withEtag(journeyId, 'closure', aClosure({ endScoreMissingReason: 'moved_area' }));
    expect(fieldsOf(expectProblem(endBoth, 400, 'VALIDATION_FAILED'))).toEqual(['endScore']);
    const badEnd = await withEtag(journeyId, 'closure', aClosure({ endScore: { answers: copeRecoverAnswers(2, { safety: 0 }) } }));
    expect(fieldsOf(expectProblem(badEnd, 400, 'VALIDATION_FAILED'))).toEqual(['endScore.answers.safety']);
  });

  it('requires If-Match and refuses another area’s journey', async () => {
    const journeyId = await inSupport();
    expectProblem(await t.http().post(`/api/v1/journeys/${journeyId}/closure`).set('authorization', caseworker.bearer).send(aClosure()), 428, 'PRECONDITION_REQUIRED');
    expectProblem(await t.http().post(`/api/v1/journeys/${journeyId}/closure`).set('authorization', caseworker.bearer).set('if-match', '"1"').send(aClosure()), 409, 'CONFLICT');
    expectProblem(await withEtag(journeyId, 'closure', aClosure(), durhamCaseworker), 404, 'NOT_FOUND');
  });

  it('refuses work on a closed journey, and reopening an open one', async () => {
    const journeyId = await inSupport();
    expectProblem(await withEtag(journeyId, 'reopening', { reason: 'Why not' }), 409, 'JOURNEY_NOT_CLOSED');
    await withEtag(journeyId, 'closure', aClosure());
    const attempt = await t.http().post(`/api/v1/journeys/${journeyId}/contact-attempts`).set('authorization', caseworker.bearer)
      .send({ method: 'phone', outcome: 'contacted', attemptedAt: '2026-04-14T11:00:00Z' });
    expectProblem(attempt, 409, 'JOURNEY_CLOSED');
    expectProblem(await withEtag(journeyId, 'closure', aClosure()), 409, 'JOURNEY_CLOSED');
    const action = await t.http().post(`/api/v1/journeys/${journeyId}/actions`).set('authorization', caseworker.bearer)
      .send({ description: 'Late', ownerUserId: caseworker.id, dueOn: '2026-04-20' });
    expectProblem(action, 409, 'JOURNEY_CLOSED');
  });

  it('reopens back into support: closure cleared, end measure superseded, withdrawn duties still withdrawn', async () => {
    const journeyId = await inSupport();
    await withEtag(journeyId, 'closure', aClosure());
    t.clock.set(new Date('2026-04-14T12:05:00Z'));
    try {
      const response = await withEtag(journeyId, 'reopening', { reason: 'Victim asked for help again before the trial' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(expect.objectContaining({ stage: 'in_support', closure: null, supportStartedAt: '2026-04-14T10:00:00.000Z' }));
      const [row] = await t.dataSource.query(
        `SELECT closed_at, closure_reason, satisfaction_score, satisfaction_declined FROM journeys WHERE id = $1`,
        [journeyId],
      );
      expect(row).toEqual({ closed_at: null, closure_reason: null, satisfaction_score: null, satisfaction_declined: null });
      const [reopened] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'journey.reopened'`, [journeyId]);
      expect(reopened.payload).toEqual({ reason: 'Victim asked for help again before the trial' });
      const [audit] = await t.dataSource.query(
        `SELECT details FROM audit_log WHERE entity_type = 'journey' AND entity_id = $1 AND action = 'update' AND details ? 'reopened'`,
        [journeyId],
      );
      expect(audit.details).toEqual({ reopened: true, stage: 'in_support', supersededEndMeasureId: expect.any(String) });
      const ends = await t.dataSource.query(`SELECT superseded_at FROM cope_recover_measures WHERE journey_id = $1 AND point = 'end'`, [journeyId]);
      expect(ends).toEqual([{ superseded_at: new Date('2026-04-14T12:05:00Z') }]);
      const measures = await t.http().get(`/api/v1/journeys/${journeyId}/cope-recover`).set('authorization', caseworker.bearer);
      expect(measures.body).toEqual(expect.objectContaining({ end: null, change: null }));

      // The engine never reopens a duty key: a Code event after reopening leaves the RJ offer withdrawn.
      await t.http().post(`/api/v1/journeys/${journeyId}/rj-offers`).set('authorization', caseworker.bearer).send({ offeredAt: '2026-04-14T12:04:00Z', answer: 'interested' });
      expect((await dutiesByRule(t, caseworker, journeyId))['support.rj-offer']).toEqual(expect.objectContaining({ status: 'withdrawn', withdrawnReason: 'journey_closed' }));

      // Closing again needs a new end measure.
      const again = await withEtag(journeyId, 'closure', { reason: 'support_completed', satisfaction: { score: 8 } });
      expectProblem(again, 422, 'END_SCORE_REQUIRED');
      const closed = await withEtag(journeyId, 'closure', { reason: 'support_completed', endScoreMissingReason: 'moved_area', satisfaction: { score: 8 } });
      expect(closed.status).toBe(200);
    } finally {
      t.clock.set(NOW);
    }
  });

  it('reopens a journey closed before anyone reached the victim back to referred', async () => {
    const journeyId = await referred();
    await withEtag(journeyId, 'closure', { reason: 'unable_to_contact', endScoreMissingReason: 'unable_to_contact', satisfaction: { declined: true } });
    const response = await withEtag(journeyId, 'reopening', { reason: 'New phone number from the police' });
    expect(response.body.stage).toBe('referred');
    const bad = await withEtag(journeyId, 'reopening', { reason: '' });
    expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['reason']);
  });

  it('will not reopen a journey when the person has since been referred again for the crime', async () => {
    const first = await aJourneyReferredAt(t, caseworker, clevelandId, REFERRED_AT);
    await withEtag(first.journeyId, 'closure', { reason: 'declined', endScoreMissingReason: 'declined', satisfaction: { declined: true } });
    const again = await t.http().post('/api/v1/referrals').set('authorization', caseworker.bearer).send(first.referral);
    expect(again.status).toBe(201);
    expect(again.body.personId).toBe(first.personId);
    const response = await withEtag(first.journeyId, 'reopening', { reason: 'Asked for help again' });
    expectProblem(response, 409, 'OPEN_JOURNEY_EXISTS');
  });

  it('leaves a breached duty breached at closure: a withdrawal never erases a breach', async () => {
    const journeyId = await referred();
    // First contact was due by the end of Thursday 16 April; closing on Monday 20 April.
    t.clock.set(new Date('2026-04-20T10:00:00Z'));
    try {
      const late = await fixtures.signedIn(['caseworker'], ['cleveland']);
      const response = await t.http().post(`/api/v1/journeys/${journeyId}/closure`).set('authorization', late.bearer)
        .set('if-match', await journeyEtag(t, late, journeyId))
        .send({ reason: 'unable_to_contact', endScoreMissingReason: 'unable_to_contact', satisfaction: { declined: true } });
      expect(response.status).toBe(200);
      expect((await dutiesByRule(t, late, journeyId))['support.first-contact']).toEqual(expect.objectContaining({ status: 'breached', withdrawnReason: null }));
    } finally {
      t.clock.set(NOW);
    }
  });
});
