import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aJourneyReferredAt, dutiesByRule, eventTypes, journeyEtag } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { charged, closeJourney, recordOnJourney } from './court-news.builder.js';

// Referred Tuesday 14 April 2026; charged Monday 8 June: five working days on is Monday 15 June, one is Tuesday 9 June.
const REFERRED_AT = new Date('2026-04-14T07:00:00Z');
const CHARGED_AT = '2026-06-08T10:00:00Z';
const NOW = new Date('2026-06-10T12:00:00Z');

describe('victim personal statement (right 7)', () => {
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

  const chargedJourney = async (overrides = {}) => {
    const { journeyId } = await aJourneyReferredAt(t, caseworker, clevelandId, REFERRED_AT, overrides);
    await recordOnJourney(t, caseworker, journeyId, [charged(CHARGED_AT)]);
    return journeyId;
  };
  const post = async (journeyId: string, path: string, body: object, options: { user?: SignedInUser; etag?: string | null } = {}) => {
    const request = t.http().post(`/api/v1/journeys/${journeyId}/vps/${path}`).set('authorization', (options.user ?? caseworker).bearer);
    const etag = options.etag === undefined ? await journeyEtag(t, caseworker, journeyId) : options.etag;
    if (etag) request.set('if-match', etag);
    return request.send(body);
  };
  const offered = (journeyId: string, offeredAt = '2026-06-09T09:00:00Z') => post(journeyId, 'offers', { offeredAt, offeredBy: 'police' });

  it('meets the police’s offer duty, opened at charge with 5 working days, with an offer naming who made it', async () => {
    const journeyId = await chargedJourney();
    expect((await dutiesByRule(t, caseworker, journeyId))['support.vps-offer']).toEqual(
      expect.objectContaining({ status: 'open', owner: 'police', dueAt: '2026-06-15T22:59:59.999Z', enhanced: false }),
    );

    const response = await offered(journeyId);
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe(await journeyEtag(t, caseworker, journeyId));
    expect(response.body).toEqual({ eventId: expect.any(String), offeredAt: '2026-06-09T09:00:00.000Z', offeredBy: 'police', recordedBy: caseworker.id });
    expect((await dutiesByRule(t, caseworker, journeyId))['support.vps-offer']).toEqual(
      expect.objectContaining({ status: 'met', metAt: '2026-06-09T09:00:00.000Z', workingDaysLate: 0 }),
    );
    const [event] = await t.dataSource.query(`SELECT type, payload FROM journey_events WHERE id = $1`, [response.body.eventId]);
    expect(event).toEqual({ type: 'vps.offered', payload: { offeredBy: 'police' } });
    const audit = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'vps_offer' AND entity_id = $1`, [response.body.eventId]);
    expect(audit).toEqual([{ action: 'create', details: { journeyId, offeredBy: 'police' } }]);
  });

  it('gives a victim with enhanced rights 1 working day from charge, so an offer two days later is met a working day late', async () => {
    const journeyId = await chargedJourney({ enhancedRights: { categories: ['vulnerable'], reason: 'Under 18' } });
    expect((await dutiesByRule(t, caseworker, journeyId))['support.vps-offer']).toEqual(
      expect.objectContaining({ status: 'breached', dueAt: '2026-06-09T22:59:59.999Z', enhanced: true }),
    );
    expect((await offered(journeyId, '2026-06-10T09:00:00Z')).status).toBe(201);
    expect((await dutiesByRule(t, caseworker, journeyId))['support.vps-offer']).toEqual(expect.objectContaining({ status: 'met_late', workingDaysLate: 1 }));
  });

  it('records the first statement as made and later ones as updates, and its reading in court, keeping only how it was made', async () => {
    const journeyId = await chargedJourney();
    await offered(journeyId);
    const made = await post(journeyId, 'statements', { madeAt: '2026-06-09T14:00:00Z', form: 'written' });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ eventId: expect.any(String), kind: 'made', madeAt: '2026-06-09T14:00:00.000Z', form: 'written', recordedBy: caseworker.id });
    const updated = await post(journeyId, 'statements', { madeAt: '2026-06-10T09:00:00Z', form: 'recorded' });
    expect(updated.body).toEqual(expect.objectContaining({ kind: 'updated', form: 'recorded' }));
    const reading = await post(journeyId, 'readings', { readAt: '2026-06-10T11:00:00Z', readBy: 'prosecutor' }, { user: witnessCareOfficer });
    expect(reading.status).toBe(201);
    expect(reading.body).toEqual({ eventId: expect.any(String), readAt: '2026-06-10T11:00:00.000Z', readBy: 'prosecutor', recordedBy: witnessCareOfficer.id });

    expect((await eventTypes(t, journeyId)).slice(-4)).toEqual(['vps.offered', 'vps.made', 'vps.updated', 'vps.read-in-court']);
    const payloads = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type LIKE 'vps.%' ORDER BY seq`, [journeyId]);
    expect(payloads.map((row: { payload: object }) => row.payload)).toEqual([{ offeredBy: 'police' }, { form: 'written' }, { form: 'recorded' }, { readBy: 'prosecutor' }]);
    const audit = await t.dataSource.query(`SELECT entity_type, details FROM audit_log WHERE entity_id = $1`, [reading.body.eventId]);
    expect(audit).toEqual([{ entity_type: 'vps_reading', details: { journeyId, readBy: 'prosecutor' } }]);

    const read = await t.http().get(`/api/v1/journeys/${journeyId}/vps`).set('authorization', witnessCareOfficer.bearer);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      journeyId,
      offers: [{ eventId: expect.any(String), offeredAt: '2026-06-09T09:00:00.000Z', offeredBy: 'police', recordedBy: caseworker.id }],
      statements: [
        { eventId: made.body.eventId, kind: 'made', madeAt: '2026-06-09T14:00:00.000Z', form: 'written', recordedBy: caseworker.id },
        { eventId: updated.body.eventId, kind: 'updated', madeAt: '2026-06-10T09:00:00.000Z', form: 'recorded', recordedBy: caseworker.id },
      ],
      readings: [reading.body],
    });
    const readAudit = await t.dataSource.query(`SELECT action, entity_type, details FROM audit_log WHERE actor_user_id = $1 AND entity_id = $2 AND action = 'read'`, [
      witnessCareOfficer.id,
      journeyId,
    ]);
    expect(readAudit).toEqual([{ action: 'read', entity_type: 'journey', details: { what: 'victim_personal_statement' } }]);
  });

  it('refuses a statement before any offer, and a reading before any statement, writing nothing', async () => {
    const journeyId = await chargedJourney();
    const before = await eventTypes(t, journeyId);
    expectProblem(await post(journeyId, 'statements', { madeAt: '2026-06-09T14:00:00Z', form: 'written' }), 422, 'VPS_NOT_OFFERED');
    await offered(journeyId);
    expectProblem(await post(journeyId, 'readings', { readAt: '2026-06-10T11:00:00Z', readBy: 'victim' }), 422, 'VPS_NOT_MADE');
    expect(await eventTypes(t, journeyId)).toEqual([...before, 'vps.offered']);
  });

  it('names each bad field: unknown organisations, forms and readers, instants without a zone, in the future or out of order', async () => {
    const journeyId = await chargedJourney();
    const bad = await post(journeyId, 'offers', { offeredAt: '2026-06-09 09:00', offeredBy: 'judge', statement: 'I was scared' });
    expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['offeredAt', 'offeredBy', 'statement']);
    await offered(journeyId);
    expect(fieldsOf(expectProblem(await post(journeyId, 'statements', { madeAt: '2026-06-08T12:00:00Z', form: 'video' }), 400))).toEqual(['form']);
    expect(fieldsOf(expectProblem(await post(journeyId, 'statements', { madeAt: '2026-06-08T12:00:00Z', form: 'written' }), 400))).toEqual(['madeAt']);
    expect(fieldsOf(expectProblem(await post(journeyId, 'statements', { madeAt: '2026-07-01T09:00:00Z', form: 'written' }), 400))).toEqual(['madeAt']);
    expect(fieldsOf(expectProblem(await post(journeyId, 'readings', { readAt: 'tomorrow', readBy: 'usher' }), 400))).toEqual(['readAt', 'readBy']);
  });

  it('answers another area’s journey as not found, audited, and refuses a stale If-Match', async () => {
    const journeyId = await chargedJourney();
    expectProblem(await post(journeyId, 'offers', { offeredAt: '2026-06-09T09:00:00Z', offeredBy: 'police' }, { user: durhamCaseworker, etag: null }), 404, 'NOT_FOUND');
    expectProblem(await t.http().get(`/api/v1/journeys/${journeyId}/vps`).set('authorization', durhamCaseworker.bearer), 404, 'NOT_FOUND');
    const denied = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' AND entity_id = $2`, [
      durhamCaseworker.id,
      journeyId,
    ]);
    expect(denied).toEqual([{ n: 2 }]);
    expectProblem(await post(journeyId, 'offers', { offeredAt: '2026-06-09T09:00:00Z', offeredBy: 'police' }, { etag: '"99"' }), 409, 'CONFLICT');
    expectProblem(await post(journeyId, 'offers', { offeredAt: '2026-06-09T09:00:00Z', offeredBy: 'police' }, { user: witnessCareOfficer }), 403, 'ROLE_NOT_ALLOWED');
  });

  it('records the statement and its reading after support closed: the court’s work goes on', async () => {
    const journeyId = await chargedJourney();
    await offered(journeyId);
    await closeJourney(t, caseworker, journeyId);
    expect((await post(journeyId, 'statements', { madeAt: '2026-06-09T14:00:00Z', form: 'written' })).status).toBe(201);
    expect((await post(journeyId, 'readings', { readAt: '2026-06-10T11:00:00Z', readBy: 'victim' }, { user: witnessCareOfficer })).status).toBe(201);
  });
});
