import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser, type TestUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { aCrimeReference, aReferral } from '../support/referral.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Thursday before Easter 2026: Good Friday 3 April and Easter Monday 6 April are bank holidays.
const MAUNDY_THURSDAY = new Date('2026-04-02T10:00:00Z');

describe('police referrals', () => {
  let t: TestApp;
  let police: TestUser & { apiKey: string };
  let caseworker: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let clevelandId: string;
  let durhamId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: MAUNDY_THURSDAY });
    const fixtures = new Fixtures(t);
    police = await fixtures.partnerClient(['cleveland']);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');
    durhamId = await fixtures.areaId('durham');
  });
  afterAll(() => t.close());

  const refer = (body: object, key: string | null = randomUUID()) => {
    const request = t.http().post('/api/v1/referrals').set('x-api-key', police.apiKey);
    if (key) request.set('idempotency-key', key);
    return request.send(body);
  };

  it('creates the crime, the person and the journey, with a human reference, in one go', async () => {
    const response = await refer(aReferral(clevelandId, { person: { givenName: 'Bea' } }));
    expect(response.status).toBe(201);
    expect(response.body).toEqual(
      expect.objectContaining({ outcome: 'created', stage: 'referred', reference: expect.stringMatching(/^VJ-2026-\d{6}$/) }),
    );
    expect(response.headers.location).toBe(`/api/v1/journeys/${response.body.journeyId}`);
    const journey = await t.http().get(`/api/v1/journeys/${response.body.journeyId}`).set('authorization', caseworker.bearer);
    expect(journey.status).toBe(200);
    expect(journey.body).toEqual(
      expect.objectContaining({
        reference: response.body.reference,
        stage: 'referred',
        person: expect.objectContaining({ givenName: 'Bea', id: response.body.personId }),
        crime: expect.objectContaining({ offenceCategory: 'burglary' }),
        referralConsent: 'automatic',
        leadWorker: null,
      }),
    );
    const [referral] = await t.dataSource.query(`SELECT channel, consent_basis, consent_recorded_by, referred_by_organisation_id FROM referrals WHERE id = $1`, [
      response.body.referralId,
    ]);
    expect(referral).toEqual({ channel: 'api', consent_basis: 'automatic', consent_recorded_by: 'PC 1234 Smith', referred_by_organisation_id: police.organisationId });
  });

  it('gives the victim care service until the end of the Wednesday after Easter to make first contact with a referral received on Maundy Thursday', async () => {
    const response = await refer(aReferral(clevelandId, { crime: { reportedAt: '2026-04-01T09:00:00Z' } }));
    const duties = await t.http().get(`/api/v1/journeys/${response.body.journeyId}/duties`).set('authorization', caseworker.bearer);
    expect(duties.status).toBe(200);
    const byRule = Object.fromEntries(duties.body.items.map((duty: { ruleId: string }) => [duty.ruleId, duty]));
    // Thursday is day 0; Good Friday, the weekend and Easter Monday do not count: Tuesday is day 1, Wednesday day 2.
    expect(byRule['support.first-contact']).toEqual(
      expect.objectContaining({ status: 'open', owner: 'victim_care_service', right: 4, dueAt: '2026-04-08T22:59:59.999Z', enhanced: false }),
    );
    // The police referred within their 2 working days of the report (Wednesday): met on Thursday.
    expect(byRule['police.refer-to-support']).toEqual(
      expect.objectContaining({ status: 'met', owner: 'police', metAt: MAUNDY_THURSDAY.toISOString(), workingDaysLate: 0 }),
    );
  });

  it('gives an enhanced-rights victim one working day: the Tuesday after Easter', async () => {
    const response = await refer(aReferral(clevelandId, { enhancedRights: { categories: ['vulnerable'], reason: 'Victim is 16' } }));
    const duty = response.body.duties.find((entry: { ruleId: string }) => entry.ruleId === 'support.first-contact');
    expect(duty).toEqual(expect.objectContaining({ dueAt: '2026-04-07T22:59:59.999Z', status: 'open' }));
    const journey = await t.http().get(`/api/v1/journeys/${response.body.journeyId}`).set('authorization', caseworker.bearer);
    expect(journey.body.enhancedRights).toEqual(
      expect.objectContaining({ entitled: true, categories: ['vulnerable'], reason: 'Victim is 16', since: '2026-03-31T09:00:00.000Z' }),
    );
  });

  it('records a police referral made late as met late, with the working days late', async () => {
    const response = await refer(aReferral(clevelandId, { crime: { reportedAt: '2026-03-25T09:00:00Z', offenceDate: '2026-03-24' } }));
    const police = response.body.duties.find((entry: { ruleId: string }) => entry.ruleId === 'police.refer-to-support');
    expect(police).toEqual(expect.objectContaining({ status: 'met_late', dueAt: '2026-03-27T23:59:59.999Z' }));
    const [row] = await t.dataSource.query(`SELECT working_days_late FROM duties WHERE journey_id = $1 AND rule_id = 'police.refer-to-support'`, [
      response.body.journeyId,
    ]);
    expect(row.working_days_late).toBe(4);
  });

  it('writes the timeline, the duties and the outbox rows for their reminders in the same transaction', async () => {
    const response = await refer(aReferral(clevelandId));
    const timeline = await t.http().get(`/api/v1/journeys/${response.body.journeyId}/timeline`).set('authorization', caseworker.bearer);
    expect(timeline.body.items.map((event: { type: string }) => event.type)).toEqual(['referral.received', 'crime.reported']);
    expect(timeline.body.total).toBe(2);
    const outbox = await t.dataSource.query(
      `SELECT o.topic, d.rule_id FROM outbox o JOIN duties d ON d.id = o.aggregate_id WHERE d.journey_id = $1`,
      [response.body.journeyId],
    );
    expect(outbox).toEqual([{ topic: 'duty.opened', rule_id: 'support.first-contact' }]);
  });

  it('links a second referral of the same person for the same crime to the open journey and says so', async () => {
    const body = aReferral(clevelandId);
    const first = await refer(body);
    const again = await refer({ ...body, person: { ...body.person, familyName: body.person.familyName.toUpperCase() } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(expect.objectContaining({ outcome: 'linked', journeyId: first.body.journeyId, reference: first.body.reference }));
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int FROM journeys WHERE crime_id = $1`, [first.body.crimeId]);
    expect(count).toBe(1);
    const types = await t.dataSource.query(`SELECT type FROM journey_events WHERE journey_id = $1 ORDER BY seq`, [first.body.journeyId]);
    expect(types.map((row: { type: string }) => row.type)).toContain('referral.linked');
  });

  it('gives each person on one crime their own journey on the same crime', async () => {
    const crimeReference = aCrimeReference();
    const first = await refer(aReferral(clevelandId, { crime: { crimeReference } }));
    const second = await refer(aReferral(clevelandId, { crime: { crimeReference: crimeReference.toLowerCase() }, person: { givenName: 'Carl' } }));
    expect(second.status).toBe(201);
    expect(second.body.crimeId).toBe(first.body.crimeId);
    expect(second.body.journeyId).not.toBe(first.body.journeyId);
  });

  it('creates once when the same referral is posted twice at the same moment with one Idempotency-Key', async () => {
    const key = randomUUID();
    const body = aReferral(clevelandId);
    const [a, b] = await Promise.all([refer(body, key), refer(body, key)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.journeyId).toBe(b.body.journeyId);
    expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']].filter(Boolean)).toEqual(['true']);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int FROM referrals WHERE journey_id = $1`, [a.body.journeyId]);
    expect(count).toBe(1);
  });

  it('refuses a reused Idempotency-Key with a different body, writing nothing', async () => {
    const key = randomUUID();
    await refer(aReferral(clevelandId), key);
    const other = aReferral(clevelandId);
    const response = await refer(other, key);
    expectProblem(response, 422, 'IDEMPOTENCY_KEY_REUSED');
    const rows = await t.dataSource.query(`SELECT 1 FROM crimes WHERE crime_reference = $1`, [other.crime.crimeReference]);
    expect(rows).toEqual([]);
  });

  it('requires an Idempotency-Key from partner systems', async () => {
    const response = await refer(aReferral(clevelandId), null);
    expect(fieldsOf(expectProblem(response, 400, 'VALIDATION_FAILED'))).toEqual(['Idempotency-Key']);
  });

  it('lets a caseworker refer without an Idempotency-Key', async () => {
    const response = await t.http().post('/api/v1/referrals').set('authorization', caseworker.bearer).send(aReferral(clevelandId));
    expect(response.status).toBe(201);
  });

  it('refuses a domestic abuse referral without the victim’s explicit consent (Code right 4)', async () => {
    const body = aReferral(clevelandId, { crime: { offenceCategory: 'domestic_abuse' }, consent: { referral: 'not_objected' } });
    const response = await refer(body);
    const problem = expectProblem(response, 422, 'REFERRAL_CONSENT_MISSING');
    expect(fieldsOf(problem)).toEqual(['consent.referral']);
    expect((await t.dataSource.query(`SELECT 1 FROM crimes WHERE crime_reference = $1`, [body.crime.crimeReference])).length).toBe(0);
  });

  it('starts the police’s two working days from explicit consent recorded after the report', async () => {
    const response = await refer(
      aReferral(clevelandId, {
        crime: { offenceCategory: 'sexual_offence', reportedAt: '2026-03-20T09:00:00Z', offenceDate: '2026-03-19' },
        consent: { referral: 'given', recordedAt: '2026-03-31T15:00:00Z' },
      }),
    );
    expect(response.status).toBe(201);
    const police = response.body.duties.find((entry: { ruleId: string }) => entry.ruleId === 'police.refer-to-support');
    expect(police).toEqual(expect.objectContaining({ status: 'met', dueAt: '2026-04-02T22:59:59.999Z' }));
  });

  it('refuses a victim who objected to referral', async () => {
    const response = await refer(aReferral(clevelandId, { consent: { referral: 'objected' } }));
    expectProblem(response, 422, 'REFERRAL_CONSENT_MISSING');
  });

  it('names every bad field and writes nothing', async () => {
    const response = await refer({
      ...aReferral(clevelandId),
      role: 'bystander',
      crime: { crimeReference: '', offenceCategory: 'piracy', reportedAt: 'yesterday' },
      person: { familyName: 'X', unknownField: 1 },
    });
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(problem)).toEqual(
      expect.arrayContaining(['role', 'crime.crimeReference', 'crime.offenceCategory', 'crime.reportedAt', 'person.givenName', 'person.unknownField']),
    );
  });

  it('refuses a report dated in the future and an area that is not the caller’s', async () => {
    const response = await refer(aReferral(durhamId, { crime: { reportedAt: '2026-05-01T09:00:00Z' } }));
    expect(fieldsOf(expectProblem(response, 400, 'VALIDATION_FAILED'))).toEqual(['areaId', 'crime.reportedAt']);
  });

  it('hides a journey from a caseworker of another area (404) and audits the attempt', async () => {
    const { body } = await refer(aReferral(clevelandId));
    const response = await t.http().get(`/api/v1/journeys/${body.journeyId}`).set('authorization', durhamCaseworker.bearer);
    expectProblem(response, 404, 'NOT_FOUND');
    const [row] = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'journey' AND entity_id = $1 AND actor_user_id = $2`, [
      body.journeyId,
      durhamCaseworker.id,
    ]);
    expect(row).toEqual({ action: 'access_denied' });
  });

  it('audits the referral as the creation of the person and the journey, without personal data', async () => {
    const body = aReferral(clevelandId);
    const { body: created } = await refer(body);
    const rows = await t.dataSource.query(
      `SELECT action, entity_type, details FROM audit_log WHERE entity_id IN ($1, $2) ORDER BY seq`,
      [created.personId, created.journeyId],
    );
    expect(rows.map((row: { action: string; entity_type: string }) => `${row.action} ${row.entity_type}`)).toEqual(['create person', 'create journey']);
    expect(JSON.stringify(rows)).not.toContain(body.person.familyName);
  });
});
