import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { aCrimeReference, aReferral } from '../support/referral.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('crimes: lookup by the police reference, and a crime with its journeys', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let commissioner: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-04-02T10:00:00Z') });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    commissioner = await fixtures.signedIn(['commissioner'], ['cleveland']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const referOnCrime = async (crimeReference: string, givenName: string): Promise<{ journeyId: string; crimeId: string }> => {
    const response = await t.http().post('/api/v1/referrals').set('authorization', caseworker.bearer)
      .send(aReferral(clevelandId, { crime: { crimeReference }, person: { givenName, familyName: 'Crimeview', dateOfBirth: '1980-01-01' } }));
    expect(response.status).toBe(201);
    const [journey] = await t.dataSource.query(`SELECT crime_id FROM journeys WHERE id = $1`, [response.body.journeyId]);
    return { journeyId: response.body.journeyId, crimeId: journey.crime_id };
  };

  it('finds a crime by its reference in any case, with no personal data, and audits the search', async () => {
    const reference = aCrimeReference();
    const { crimeId } = await referOnCrime(reference, 'Alda');
    const response = await t.http().get('/api/v1/crimes').query({ reference: reference.toLowerCase() }).set('authorization', caseworker.bearer);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([expect.objectContaining({ id: crimeId, crimeReference: reference, areaId: clevelandId })]);
    expect(JSON.stringify(response.body)).not.toContain('Alda');
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE actor_user_id = $1 AND action = 'search' AND entity_type = 'crime' ORDER BY at DESC LIMIT 1`, [caseworker.id]);
    expect(audit.details.found).toEqual([crimeId]);
  });

  it('finds nothing for a crime of another area', async () => {
    const reference = aCrimeReference();
    await referOnCrime(reference, 'Bryn');
    const response = await t.http().get('/api/v1/crimes').query({ reference }).set('authorization', durhamCaseworker.bearer);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([]);
  });

  it('shows every journey on the crime, and audits the read', async () => {
    const reference = aCrimeReference();
    const first = await referOnCrime(reference, 'Cerys');
    const second = await referOnCrime(reference, 'Dylan');
    expect(second.crimeId).toBe(first.crimeId);
    const response = await t.http().get(`/api/v1/crimes/${first.crimeId}`).set('authorization', caseworker.bearer);
    expect(response.status).toBe(200);
    expect(response.body.journeys.map((journey: { id: string }) => journey.id).sort()).toEqual([first.journeyId, second.journeyId].sort());
    expect(response.body.defendants).toEqual([]);
    const audits = await t.dataSource.query(`SELECT details FROM audit_log WHERE actor_user_id = $1 AND action = 'read' AND entity_type = 'crime' AND entity_id = $2`, [caseworker.id, first.crimeId]);
    expect(audits).toEqual([{ details: { what: 'summary' } }]);
  });

  it('answers 404 for a crime of another area, and audits the attempt', async () => {
    const { crimeId } = await referOnCrime(aCrimeReference(), 'Eira');
    await expectProblem(await t.http().get(`/api/v1/crimes/${crimeId}`).set('authorization', durhamCaseworker.bearer), 404, 'NOT_FOUND');
    const denied = await t.dataSource.query(`SELECT 1 FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' AND entity_id = $2`, [durhamCaseworker.id, crimeId]);
    expect(denied).toHaveLength(1);
  });

  it('refuses a commissioner, who sees reports only', async () => {
    const { crimeId } = await referOnCrime(aCrimeReference(), 'Ffion');
    expect((await t.http().get(`/api/v1/crimes/${crimeId}`).set('authorization', commissioner.bearer)).status).toBe(403);
  });

  it('names the reference when it is missing or too long', async () => {
    const missing = await t.http().get('/api/v1/crimes').set('authorization', caseworker.bearer);
    await expectProblem(missing, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(missing.body)).toContain('reference');
    const long = await t.http().get('/api/v1/crimes').query({ reference: 'X'.repeat(41) }).set('authorization', caseworker.bearer);
    expect(fieldsOf(long.body)).toContain('reference');
  });
});
