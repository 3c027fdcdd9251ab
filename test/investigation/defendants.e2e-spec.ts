import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCrimeWithTwoJourneys, aDefendant, eventsOf } from './crime.builder.js';

describe('defendants on a crime', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let officer: SignedInUser;
  let durhamOfficer: SignedInUser;
  let partner: Awaited<ReturnType<Fixtures['partnerClient']>>;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-04-02T12:00:00Z') });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    officer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    durhamOfficer = await fixtures.signedIn(['witness_care_officer'], ['durham']);
    partner = await fixtures.partnerClient(['cleveland']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  it('adds a defendant with a pseudonymous reference, told to every journey on the crime by reference only', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const response = await t.http().post(`/api/v1/crimes/${crime.crimeId}/defendants`).set('authorization', officer.bearer)
      .send({ givenName: 'Quentin', familyName: 'Zebedee', dateOfBirth: '1990-05-17' });
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toEqual(expect.objectContaining({
      crimeId: crime.crimeId, reference: expect.stringMatching(/^DEF-\d{6}$/), givenName: 'Quentin', familyName: 'Zebedee',
      dateOfBirth: '1990-05-17', status: 'suspect', chargedAt: null, version: 1,
    }));
    expect(response.body.journeysTold.map((journey: { id: string }) => journey.id).sort()).toEqual([crime.standard, crime.enhanced].sort());
    for (const journeyId of [crime.standard, crime.enhanced]) {
      expect((await eventsOf(t, journeyId, 'defendant.added')).map((event) => event.payload)).toEqual([{ defendantId: response.body.id, reference: response.body.reference }]);
    }
    const view = await t.http().get(`/api/v1/crimes/${crime.crimeId}`).set('authorization', caseworker.bearer);
    expect(view.body.defendants).toEqual([expect.objectContaining({ id: response.body.id, givenName: 'Quentin', familyName: 'Zebedee' })]);

    const audits = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'defendant' AND entity_id = $1`, [response.body.id]);
    expect(audits).toEqual([{ action: 'create', details: { crimeId: crime.crimeId, reference: response.body.reference, fields: ['dateOfBirth', 'familyName', 'givenName'] } }]);
    const leaks = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM audit_log WHERE details::text ILIKE '%Zebedee%') AS audit, (SELECT count(*)::int FROM journey_events WHERE payload::text ILIKE '%Zebedee%') AS events`,
    );
    expect(leaks).toEqual([{ audit: 0, events: 0 }]);
  });

  it('corrects a defendant only with the current If-Match, auditing the fields changed and not their values', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const defendant = await aDefendant(t, officer, crime.crimeId);
    const url = `/api/v1/crimes/${crime.crimeId}/defendants/${defendant.id}`;
    await expectProblem(await t.http().patch(url).set('authorization', officer.bearer).send({ familyName: 'Offender-Smith' }), 428, 'PRECONDITION_REQUIRED');
    await expectProblem(await t.http().patch(url).set('authorization', officer.bearer).set('if-match', '"7"').send({ familyName: 'Offender-Smith' }), 409, 'CONFLICT');

    const read = await t.http().get(url).set('authorization', officer.bearer);
    expect(read.status).toBe(200);
    const corrected = await t.http().patch(url).set('authorization', officer.bearer).set('if-match', read.headers.etag as string)
      .send({ familyName: 'Offender-Smith', dateOfBirth: null });
    expect(corrected.status).toBe(200);
    expect(corrected.headers.etag).toBe('"2"');
    expect(corrected.body).toEqual(expect.objectContaining({ givenName: 'Sam', familyName: 'Offender-Smith', dateOfBirth: null, reference: defendant.reference, version: 2 }));
    await expectProblem(await t.http().patch(url).set('authorization', officer.bearer).set('if-match', read.headers.etag as string).send({ givenName: 'Samuel' }), 409, 'CONFLICT');

    const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE entity_type = 'defendant' AND entity_id = $1 AND action = 'update'`, [defendant.id]);
    expect(audit.details).toEqual({ crimeId: crime.crimeId, fields: ['dateOfBirth', 'familyName'] });
  });

  it('names each bad field', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const response = await t.http().post(`/api/v1/crimes/${crime.crimeId}/defendants`).set('authorization', officer.bearer)
      .send({ givenName: '', familyName: 'x'.repeat(101), dateOfBirth: '1990-02-30' });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(response.body)).toEqual(expect.arrayContaining(['dateOfBirth', 'familyName', 'givenName']));
    const future = await t.http().post(`/api/v1/crimes/${crime.crimeId}/defendants`).set('authorization', officer.bearer)
      .send({ givenName: 'Sam', familyName: 'Offender', dateOfBirth: '2026-04-03' });
    expect(fieldsOf(expectProblem(future, 400, 'VALIDATION_FAILED'))).toEqual(['dateOfBirth']);
    const nothing = await aDefendant(t, officer, crime.crimeId);
    const empty = await t.http().patch(`/api/v1/crimes/${crime.crimeId}/defendants/${nothing.id}`).set('authorization', officer.bearer).set('if-match', '"1"').send({});
    expectProblem(empty, 400, 'VALIDATION_FAILED');
  });

  it('answers 404 for a crime of another area, and audits the attempt', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    await expectProblem(await t.http().post(`/api/v1/crimes/${crime.crimeId}/defendants`).set('authorization', durhamOfficer.bearer).send({ givenName: 'Sam', familyName: 'Offender' }), 404, 'NOT_FOUND');
    const denied = await t.dataSource.query(`SELECT 1 FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' AND entity_id = $2`, [durhamOfficer.id, crime.crimeId]);
    expect(denied).toHaveLength(1);
    expect(await t.dataSource.query(`SELECT 1 FROM defendants WHERE crime_id = $1`, [crime.crimeId])).toEqual([]);
  });

  it('lets a police system add a defendant only with an Idempotency-Key, and a retry adds nobody twice', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const url = `/api/v1/crimes/${crime.crimeId}/defendants`;
    const body = { givenName: 'Sam', familyName: 'Offender' };
    const keyless = await t.http().post(url).set('x-api-key', partner.apiKey).send(body);
    expect(fieldsOf(expectProblem(keyless, 400, 'VALIDATION_FAILED'))).toEqual(['Idempotency-Key']);
    const first = await t.http().post(url).set('x-api-key', partner.apiKey).set('idempotency-key', 'defendant-key-0001').send(body);
    const retry = await t.http().post(url).set('x-api-key', partner.apiKey).set('idempotency-key', 'defendant-key-0001').send(body);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(await t.dataSource.query(`SELECT id FROM defendants WHERE crime_id = $1`, [crime.crimeId])).toEqual([{ id: first.body.id }]);
    expect(await eventsOf(t, crime.standard, 'defendant.added')).toHaveLength(1);
    const reused = await t.http().post(url).set('x-api-key', partner.apiKey).set('idempotency-key', 'defendant-key-0001').send({ ...body, givenName: 'Other' });
    expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a caseworker, who reads defendants but does not record them', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    expect((await t.http().post(`/api/v1/crimes/${crime.crimeId}/defendants`).set('authorization', caseworker.bearer).send({ givenName: 'Sam', familyName: 'Offender' })).status).toBe(403);
  });
});
