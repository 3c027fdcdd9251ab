import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aJourneyReferredAt, copeRecoverAnswers, eventTypes } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const REFERRED_AT = new Date('2026-04-14T07:00:00Z');
const NOW = new Date('2026-04-14T12:00:00Z');

describe('cope-and-recover measures', () => {
  let t: TestApp;
  let caseworker: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let witnessCareOfficer: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    witnessCareOfficer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const referred = async () => (await aJourneyReferredAt(t, caseworker, clevelandId, REFERRED_AT)).journeyId;
  const post = (journeyId: string, point: 'start' | 'end', body: object, user: SignedInUser = caseworker) =>
    t.http().post(`/api/v1/journeys/${journeyId}/cope-recover/${point}`).set('authorization', user.bearer).send(body);

  it('records a start score under cr-1, on the timeline and in the audit log, without the scores in either', async () => {
    const journeyId = await referred();
    const response = await post(journeyId, 'start', { answers: copeRecoverAnswers(2), takenAt: '2026-04-14T10:00:00Z' });
    expect(response.status).toBe(201);
    expect(response.headers.etag).toMatch(/^"\d+"$/);
    expect(response.body).toEqual(
      expect.objectContaining({ point: 'start', frameworkVersion: 'cr-1', answers: copeRecoverAnswers(2), missingReason: null, takenAt: '2026-04-14T10:00:00.000Z' }),
    );
    const [event] = await t.dataSource.query(`SELECT payload, occurred_at FROM journey_events WHERE journey_id = $1 AND type = 'cope-recover.recorded'`, [journeyId]);
    expect(event.payload).toEqual({ point: 'start', frameworkVersion: 'cr-1', measureId: response.body.id });
    const [audit] = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'cope_recover_measure' AND entity_id = $1`, [response.body.id]);
    expect(audit).toEqual({ action: 'create', details: { journeyId, point: 'start', answered: true } });
  });

  it('shows how the scores changed once both are answered: per domain and overall', async () => {
    const journeyId = await referred();
    await post(journeyId, 'start', { answers: { health_wellbeing: 2, safety: 1, everyday_life: 3, informed: 1, justice_engagement: 2, support_network: 3 } });
    const before = await t.http().get(`/api/v1/journeys/${journeyId}/cope-recover`).set('authorization', witnessCareOfficer.bearer);
    expect(before.body).toEqual(expect.objectContaining({ end: null, change: null }));
    await post(journeyId, 'end', { answers: { health_wellbeing: 3, safety: 3, everyday_life: 3, informed: 4, justice_engagement: 2, support_network: 2 } });
    const response = await t.http().get(`/api/v1/journeys/${journeyId}/cope-recover`).set('authorization', caseworker.bearer);
    expect(response.status).toBe(200);
    expect(response.body.change).toEqual(expect.objectContaining({ frameworkVersion: 'cr-1', overallChange: 5, overallImproved: true }));
    expect(response.body.change.domains[1]).toEqual({ domain: 'safety', start: 1, end: 3, change: 2, improved: true });
  });

  it('records an end with the reason there is no score, and shows no change', async () => {
    const journeyId = await referred();
    await post(journeyId, 'start', { answers: copeRecoverAnswers(3) });
    const response = await post(journeyId, 'end', { missingReason: 'moved_area' });
    expect(response.body).toEqual(expect.objectContaining({ point: 'end', answers: null, missingReason: 'moved_area' }));
    const view = await t.http().get(`/api/v1/journeys/${journeyId}/cope-recover`).set('authorization', caseworker.bearer);
    expect(view.body.change).toBeNull();
  });

  it('refuses a second start and a second end while the first is current', async () => {
    const journeyId = await referred();
    await post(journeyId, 'start', { answers: copeRecoverAnswers(2) });
    expectProblem(await post(journeyId, 'start', { answers: copeRecoverAnswers(3) }), 409, 'COPE_RECOVER_ALREADY_RECORDED');
    await post(journeyId, 'end', { missingReason: 'declined' });
    expectProblem(await post(journeyId, 'end', { answers: copeRecoverAnswers(3) }), 409, 'COPE_RECOVER_ALREADY_RECORDED');
    expect((await eventTypes(t, journeyId)).filter((type) => type === 'cope-recover.recorded')).toHaveLength(2);
  });

  it('names each bad domain as answers.<domain>, and an unknown framework', async () => {
    const journeyId = await referred();
    const bad = await post(journeyId, 'start', { answers: copeRecoverAnswers(2, { safety: 7, informed: 2.5, mood: 3, support_network: undefined }) });
    expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['answers.informed', 'answers.mood', 'answers.safety', 'answers.support_network']);
    const framework = await post(journeyId, 'start', { answers: copeRecoverAnswers(2), frameworkVersion: 'cr-9' });
    expect(fieldsOf(expectProblem(framework, 400, 'VALIDATION_FAILED'))).toEqual(['frameworkVersion']);
    const future = await post(journeyId, 'start', { answers: copeRecoverAnswers(2), takenAt: '2026-04-15T10:00:00Z' });
    expect(fieldsOf(expectProblem(future, 400, 'VALIDATION_FAILED'))).toEqual(['takenAt']);
  });

  it('wants exactly one of answers and missingReason at the end', async () => {
    const journeyId = await referred();
    expectProblem(await post(journeyId, 'end', {}), 400, 'VALIDATION_FAILED');
    const both = await post(journeyId, 'end', { answers: copeRecoverAnswers(2), missingReason: 'declined' });
    expect(fieldsOf(expectProblem(both, 400, 'VALIDATION_FAILED'))).toEqual(['answers']);
    const reason = await post(journeyId, 'end', { missingReason: 'lost' });
    expect(fieldsOf(expectProblem(reason, 400, 'VALIDATION_FAILED'))).toEqual(['missingReason']);
  });

  it('does not find another area’s journey', async () => {
    const journeyId = await referred();
    expectProblem(await post(journeyId, 'start', { answers: copeRecoverAnswers(2) }, durhamCaseworker), 404, 'NOT_FOUND');
    expectProblem(await t.http().get(`/api/v1/journeys/${journeyId}/cope-recover`).set('authorization', durhamCaseworker.bearer), 404, 'NOT_FOUND');
  });
});
