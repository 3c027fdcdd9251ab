import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aJourneyReferredAt, allNeeds, copeRecoverAnswers, dutiesByRule, eventTypes, journeyEtag } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Tuesday 14 April 2026: five working days on is Tuesday 21 April, two is Thursday 16 April.
const REFERRED_AT = new Date('2026-04-14T07:00:00Z');
const NOW = new Date('2026-04-14T12:00:00Z');

describe('needs assessments and restorative justice offers', () => {
  let t: TestApp;
  let caseworker: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const referred = async (overrides = {}) => (await aJourneyReferredAt(t, caseworker, clevelandId, REFERRED_AT, overrides)).journeyId;
  const contactedAccepting = async (journeyId: string) =>
    t.http().post(`/api/v1/journeys/${journeyId}/contact-attempts`).set('authorization', caseworker.bearer)
      .send({ method: 'phone', outcome: 'contacted', attemptedAt: '2026-04-14T08:00:00Z', supportWanted: 'accepted' });
  const contacted = async (journeyId: string) =>
    t.http().post(`/api/v1/journeys/${journeyId}/contact-attempts`).set('authorization', caseworker.bearer)
      .send({ method: 'phone', outcome: 'contacted', attemptedAt: '2026-04-14T08:00:00Z' });
  const assess = async (journeyId: string, body: object, options: { etag?: string | null; user?: SignedInUser } = {}) => {
    const user = options.user ?? caseworker;
    const request = t.http().post(`/api/v1/journeys/${journeyId}/needs-assessments`).set('authorization', user.bearer);
    const etag = options.etag === undefined ? await journeyEtag(t, caseworker, journeyId) : options.etag;
    if (etag) request.set('if-match', etag);
    return request.send(body);
  };
  const anAssessment = (overrides: object = {}) => ({ completedAt: '2026-04-14T10:00:00Z', needs: allNeeds({ housing: 'high' }), decision: 'accepted', ...overrides });

  it('starts support with a start score given inline, meeting the needs assessment duty opened when the victim accepted', async () => {
    const journeyId = await referred();
    await contactedAccepting(journeyId);
    expect((await dutiesByRule(t, caseworker, journeyId))['support.needs-assessment']).toEqual(expect.objectContaining({ status: 'open', dueAt: '2026-04-21T22:59:59.999Z' }));

    const response = await assess(journeyId, anAssessment({ notes: 'Lock change needed', startScore: { answers: copeRecoverAnswers(2) } }));
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe(await journeyEtag(t, caseworker, journeyId));
    expect(response.body).toEqual(expect.objectContaining({ journeyId, decision: 'accepted', signpostedTo: null, notes: 'Lock change needed', assessedBy: caseworker.id }));
    expect(response.body.needs).toHaveLength(11);
    expect(response.body.needs.find((need: { area: string }) => need.area === 'housing')).toEqual({ area: 'housing', level: 'high', notes: null });

    const duties = await dutiesByRule(t, caseworker, journeyId);
    expect(duties['support.needs-assessment']).toEqual(expect.objectContaining({ status: 'met', metAt: '2026-04-14T10:00:00.000Z' }));
    const journey = await t.http().get(`/api/v1/journeys/${journeyId}`).set('authorization', caseworker.bearer);
    expect(journey.body).toEqual(expect.objectContaining({ stage: 'in_support', supportStartedAt: '2026-04-14T10:00:00.000Z' }));
    const measure = await t.http().get(`/api/v1/journeys/${journeyId}/cope-recover`).set('authorization', caseworker.bearer);
    expect(measure.body.start).toEqual(expect.objectContaining({ answers: copeRecoverAnswers(2), takenAt: '2026-04-14T10:00:00.000Z' }));
    const types = await eventTypes(t, journeyId);
    expect(types.slice(-2)).toEqual(['cope-recover.recorded', 'needs-assessment.completed']);
    expect(types.filter((type) => type === 'support.accepted')).toHaveLength(1);
    const audit = await t.dataSource.query(
      `SELECT entity_type, action, details FROM audit_log WHERE actor_user_id = $1 AND action = 'create' AND details->>'journeyId' = $2 ORDER BY seq`,
      [caseworker.id, journeyId],
    );
    expect(audit.slice(-2)).toEqual([
      { entity_type: 'cope_recover_measure', action: 'create', details: { journeyId, point: 'start', answered: true } },
      { entity_type: 'needs_assessment', action: 'create', details: { journeyId, decision: 'accepted', startScoreRecorded: true } },
    ]);
  });

  it('opens and meets the needs assessment duty at once when support is accepted at the assessment, with two working days for an enhanced victim', async () => {
    const journeyId = await referred({ enhancedRights: { categories: ['vulnerable'] } });
    await contacted(journeyId);
    await t.http().post(`/api/v1/journeys/${journeyId}/cope-recover/start`).set('authorization', caseworker.bearer).send({ answers: copeRecoverAnswers(3) });
    const response = await assess(journeyId, anAssessment());
    expect(response.status).toBe(201);
    const duty = (await dutiesByRule(t, caseworker, journeyId))['support.needs-assessment'];
    expect(duty).toEqual(expect.objectContaining({ status: 'met', enhanced: true, dueAt: '2026-04-16T22:59:59.999Z', metAt: '2026-04-14T10:00:00.000Z' }));
    expect((await eventTypes(t, journeyId)).slice(-2)).toEqual(['needs-assessment.completed', 'support.accepted']);
  });

  it('refuses to start support without a start score: a start score is required before support begins', async () => {
    const journeyId = await referred();
    await contacted(journeyId);
    const response = await assess(journeyId, anAssessment());
    const problem = expectProblem(response, 422, 'START_SCORE_REQUIRED');
    expect(fieldsOf(problem)).toEqual(['startScore']);
    expect(await t.dataSource.query(`SELECT 1 FROM needs_assessments WHERE journey_id = $1`, [journeyId])).toEqual([]);
  });

  it('leaves a declining victim assessed, with support.declined on the timeline', async () => {
    const journeyId = await referred();
    await contacted(journeyId);
    const response = await assess(journeyId, anAssessment({ decision: 'declined' }));
    expect(response.status).toBe(201);
    const journey = await t.http().get(`/api/v1/journeys/${journeyId}`).set('authorization', caseworker.bearer);
    expect(journey.body).toEqual(expect.objectContaining({ stage: 'assessed', supportStartedAt: null }));
    const [event] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'support.declined'`, [journeyId]);
    expect(event.payload).toEqual({ assessmentId: response.body.id });
  });

  it('signposts a victim elsewhere, naming where, and lists the assessments with their needs', async () => {
    const journeyId = await referred();
    await contacted(journeyId);
    const response = await assess(journeyId, anAssessment({ decision: 'signposted', signpostedTo: 'Citizens Advice' }));
    expect(response.body.signpostedTo).toBe('Citizens Advice');
    expect(await eventTypes(t, journeyId)).toContain('support.signposted');
    const list = await t.http().get(`/api/v1/journeys/${journeyId}/needs-assessments`).set('authorization', caseworker.bearer);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: response.body.id, decision: 'signposted' })]);
    expect(list.body.items[0].needs.map((need: { area: string }) => need.area)[0]).toBe('health_wellbeing');
  });

  it('refuses an assessment before the contact with the victim is recorded, so first contact is met by a contact', async () => {
    const journeyId = await referred();
    const response = await assess(journeyId, anAssessment({ decision: 'declined' }));
    expectProblem(response, 422, 'CONTACT_NOT_RECORDED');
    expect((await dutiesByRule(t, caseworker, journeyId))['support.first-contact']).toEqual(expect.objectContaining({ status: 'open' }));
  });

  it('wants every need area exactly once and signpostedTo only when signposting', async () => {
    const journeyId = await referred();
    const needs = allNeeds().slice(0, 10);
    needs.push({ area: 'housing', level: 'low' });
    const response = await assess(journeyId, anAssessment({ needs, decision: 'declined', signpostedTo: 'Somewhere', startScore: { answers: copeRecoverAnswers(9) } }));
    expect(fieldsOf(expectProblem(response, 400, 'VALIDATION_FAILED'))).toEqual([
      'needs', 'needs[10].area', 'signpostedTo', 'startScore.answers.everyday_life', 'startScore.answers.health_wellbeing', 'startScore.answers.informed',
      'startScore.answers.justice_engagement', 'startScore.answers.safety', 'startScore.answers.support_network',
    ]);
    const missing = await assess(journeyId, anAssessment({ decision: 'signposted', needs: [{ area: 'moon', level: 'extreme' }] }));
    expect(fieldsOf(expectProblem(missing, 400, 'VALIDATION_FAILED'))).toEqual(['needs[0].area', 'needs[0].level']);
  });

  it('requires If-Match, refuses a stale one and another area’s journey', async () => {
    const journeyId = await referred();
    expectProblem(await assess(journeyId, anAssessment({ decision: 'declined' }), { etag: null }), 428, 'PRECONDITION_REQUIRED');
    expectProblem(await assess(journeyId, anAssessment({ decision: 'declined' }), { etag: '"99"' }), 409, 'CONFLICT');
    expectProblem(await assess(journeyId, anAssessment({ decision: 'declined' }), { user: durhamCaseworker, etag: '"1"' }), 404, 'NOT_FOUND');
  });

  it('meets the restorative justice offer duty with the offer, whatever the answer', async () => {
    const journeyId = await referred();
    await contactedAccepting(journeyId);
    const response = await t.http().post(`/api/v1/journeys/${journeyId}/rj-offers`).set('authorization', caseworker.bearer)
      .send({ offeredAt: '2026-04-14T11:00:00Z', answer: 'not_interested' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual(expect.objectContaining({ journeyId, answer: 'not_interested', offeredAt: '2026-04-14T11:00:00.000Z' }));
    expect((await dutiesByRule(t, caseworker, journeyId))['support.rj-offer']).toEqual(expect.objectContaining({ status: 'met', metAt: '2026-04-14T11:00:00.000Z' }));
    // The offer is now a row of its own (src/after-outcome), audited by its id with the response it records.
    const [audit] = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'rj_offer' AND entity_id = $1`, [response.body.id]);
    expect(audit).toEqual({ action: 'create', details: { journeyId, stage: 'pre_charge', response: 'declined' } });
    const bad = await t.http().post(`/api/v1/journeys/${journeyId}/rj-offers`).set('authorization', caseworker.bearer).send({ offeredAt: 'soon', answer: 'perhaps' });
    expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['answer', 'offeredAt']);
  });
});
