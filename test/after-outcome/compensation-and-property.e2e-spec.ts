import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aJourneyReferredAt, journeyEtag } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { closeJourney } from './court-news.builder.js';

const REFERRED_AT = new Date('2026-04-14T07:00:00Z');
const NOW = new Date('2026-06-10T12:00:00Z');

describe('compensation information (right 5) and property returned (right 10)', () => {
  let t: TestApp;
  let caseworker: SignedInUser;
  let witnessCareOfficer: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    witnessCareOfficer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const referred = async () => (await aJourneyReferredAt(t, caseworker, clevelandId, REFERRED_AT)).journeyId;
  const post = async (journeyId: string, path: string, body: object, options: { user?: SignedInUser; etag?: string | null } = {}) => {
    const request = t.http().post(`/api/v1/journeys/${journeyId}/${path}`).set('authorization', (options.user ?? caseworker).bearer);
    const etag = options.etag === undefined ? await journeyEtag(t, caseworker, journeyId) : options.etag;
    if (etag) request.set('if-match', etag);
    return request.send(body);
  };
  const told = { givenAt: '2026-06-02T10:00:00Z', givenBy: 'victim_care_service', channel: 'phone', routes: ['cica', 'court_order'] };
  const returned = { returnedAt: '2026-06-05T15:00:00Z', returnedBy: 'police', method: 'collected' };

  it('records compensation information as told, on the timeline, owing no duty', async () => {
    const journeyId = await referred();
    const response = await post(journeyId, 'compensation-information', told);
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe(await journeyEtag(t, caseworker, journeyId));
    expect(response.body).toEqual({ eventId: expect.any(String), givenAt: '2026-06-02T10:00:00.000Z', givenBy: 'victim_care_service', channel: 'phone', routes: ['cica', 'court_order'], recordedBy: caseworker.id });
    const [event] = await t.dataSource.query(`SELECT type, payload FROM journey_events WHERE id = $1`, [response.body.eventId]);
    expect(event).toEqual({ type: 'compensation.information-given', payload: { givenBy: 'victim_care_service', channel: 'phone', routes: ['cica', 'court_order'] } });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM duties WHERE opened_by_event_id = $1 OR discharged_by_event_id = $1`, [response.body.eventId]);
    expect(n).toBe(0);
    const audit = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'compensation_information' AND entity_id = $1`, [response.body.eventId]);
    expect(audit).toEqual([{ action: 'create', details: { journeyId, givenBy: 'victim_care_service', channel: 'phone', routes: ['cica', 'court_order'] } }]);

    const list = await t.http().get(`/api/v1/journeys/${journeyId}/compensation-information`).set('authorization', caseworker.bearer);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([response.body]);
    const readAudit = await t.dataSource.query(`SELECT details FROM audit_log WHERE actor_user_id = $1 AND entity_id = $2 AND action = 'read'`, [caseworker.id, journeyId]);
    expect(readAudit).toContainEqual({ details: { what: 'compensation_information' } });
  });

  it('records property given back, by whom and how, which a witness care officer may record and read', async () => {
    const journeyId = await referred();
    const response = await post(journeyId, 'property-returns', returned, { user: witnessCareOfficer });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ eventId: expect.any(String), returnedAt: '2026-06-05T15:00:00.000Z', returnedBy: 'police', method: 'collected', recordedBy: witnessCareOfficer.id });
    const [event] = await t.dataSource.query(`SELECT type, payload FROM journey_events WHERE id = $1`, [response.body.eventId]);
    expect(event).toEqual({ type: 'property.returned', payload: { returnedBy: 'police', method: 'collected' } });
    const audit = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'property_return' AND entity_id = $1`, [response.body.eventId]);
    expect(audit).toEqual([{ action: 'create', details: { journeyId, returnedBy: 'police', method: 'collected' } }]);
    const later = await post(journeyId, 'property-returns', { ...returned, returnedAt: '2026-06-08T10:00:00Z', method: 'posted' }, { user: witnessCareOfficer });
    const list = await t.http().get(`/api/v1/journeys/${journeyId}/property-returns`).set('authorization', witnessCareOfficer.bearer);
    expect(list.body.items.map((item: { eventId: string }) => item.eventId)).toEqual([response.body.eventId, later.body.eventId]);
    expectProblem(await post(journeyId, 'compensation-information', told, { user: witnessCareOfficer }), 403, 'ROLE_NOT_ALLOWED');
  });

  it('names each bad field', async () => {
    const journeyId = await referred();
    const bad = await post(journeyId, 'compensation-information', { givenAt: '2026-07-01T10:00:00Z', givenBy: 'insurer', channel: 'pigeon', routes: [] });
    expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['channel', 'givenBy', 'routes']);
    expect(fieldsOf(expectProblem(await post(journeyId, 'compensation-information', { ...told, routes: ['lottery'] }), 400))).toEqual(['routes']);
    expect(fieldsOf(expectProblem(await post(journeyId, 'compensation-information', { ...told, givenAt: '2026-07-01T10:00:00Z' }), 400))).toEqual(['givenAt']);
    expect(fieldsOf(expectProblem(await post(journeyId, 'property-returns', { returnedAt: 'today', method: 'drone' }), 400))).toEqual(['method', 'returnedAt', 'returnedBy']);
  });

  it('answers another area’s journey as not found, refuses a stale If-Match, and accepts both after support closed', async () => {
    const journeyId = await referred();
    expectProblem(await post(journeyId, 'compensation-information', told, { user: durhamCaseworker, etag: null }), 404, 'NOT_FOUND');
    expectProblem(await post(journeyId, 'property-returns', returned, { user: durhamCaseworker, etag: null }), 404, 'NOT_FOUND');
    expectProblem(await t.http().get(`/api/v1/journeys/${journeyId}/property-returns`).set('authorization', durhamCaseworker.bearer), 404, 'NOT_FOUND');
    expectProblem(await post(journeyId, 'property-returns', returned, { etag: '"99"' }), 409, 'CONFLICT');
    await closeJourney(t, caseworker, journeyId);
    expect((await post(journeyId, 'compensation-information', told)).status).toBe(201);
    expect((await post(journeyId, 'property-returns', returned)).status).toBe(201);
  });
});
