import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { aCrimeReference, aReferral } from '../support/referral.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('finding journeys', () => {
  let t: TestApp;
  let caseworker: SignedInUser;
  let witnessOfficer: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let clevelandId: string;
  let durhamId: string;
  // A family name no other test uses, so prefix searches see only this file's people.
  const family = `Zanzibar${randomBytes(3).toString('hex')}`;
  let annId: string;
  let annReference: string;
  let bobId: string;
  let crimeReference: string;
  let durhamJourneyId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-04-02T10:00:00Z') });
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    witnessOfficer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');
    durhamId = await fixtures.areaId('durham');
    crimeReference = aCrimeReference();
    const refer = async (user: SignedInUser, body: object) => {
      const response = await t.http().post('/api/v1/referrals').set('authorization', user.bearer).send(body);
      expect(response.status).toBe(201);
      return response.body as { journeyId: string; reference: string };
    };
    const ann = await refer(caseworker, aReferral(clevelandId, { crime: { crimeReference }, person: { givenName: 'Ann', familyName: family } }));
    annId = ann.journeyId;
    annReference = ann.reference;
    bobId = (await refer(caseworker, aReferral(clevelandId, { person: { givenName: 'Bob', familyName: `${family}-Smith` }, enhancedRights: { categories: ['vulnerable'], reason: 'Aged 15' } }))).journeyId;
    durhamJourneyId = (await refer(durhamCaseworker, aReferral(durhamId, { person: { givenName: 'Ann', familyName: family } }))).journeyId;
  });
  afterAll(() => t.close());

  const search = (query: Record<string, string | number>, user: SignedInUser = caseworker, reason?: string) => {
    const request = t.http().get('/api/v1/journeys').query(query).set('authorization', user.bearer);
    if (reason) request.set('x-access-reason', reason);
    return request;
  };

  it('finds a journey by its exact reference, as a summary, and audits it as listed', async () => {
    const response = await search({ reference: annReference }, witnessOfficer);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      total: 1,
      items: [
        {
          id: annId,
          reference: annReference,
          stage: 'referred',
          role: 'victim',
          areaId: clevelandId,
          person: { id: expect.any(String), givenName: 'Ann', familyName: family, dateOfBirth: '1980-02-01' },
          crimeReference,
          leadWorker: null,
          enhanced: false,
          referredAt: '2026-04-02T10:00:00.000Z',
        },
      ],
    });
    const audit = await t.dataSource.query(`SELECT action, entity_id, area_id, details FROM audit_log WHERE actor_user_id = $1 AND action = 'list'`, [witnessOfficer.id]);
    expect(audit).toEqual([{ action: 'list', entity_id: annId, area_id: clevelandId, details: { by: 'reference' } }]);
  });

  it('finds journeys by crime reference in any case', async () => {
    const response = await search({ crimeReference: crimeReference.toLowerCase() });
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual([annId]);
  });

  it('finds by family name prefix, or by given and family prefixes, only in the caller’s areas', async () => {
    const byFamily = await search({ name: family.slice(0, -2).toLowerCase() }, caseworker, 'Victim phoned in');
    expect(byFamily.status).toBe(200);
    expect(byFamily.body.items.map((item: { id: string }) => item.id)).toEqual([annId, bobId]);
    expect(byFamily.body.items[1].enhanced).toBe(true);
    expect(byFamily.body.total).toBe(2);
    const both = await search({ name: `b ${family}` }, caseworker, 'Victim phoned in');
    expect(both.body.items.map((item: { id: string }) => item.id)).toEqual([bobId]);
    const durham = await search({ name: family }, durhamCaseworker, 'Victim phoned in');
    expect(durham.body.items.map((item: { id: string }) => item.id)).toEqual([durhamJourneyId]);
  });

  it('needs a reason to search by name, and audits the search with the ids found but never the name', async () => {
    expect(fieldsOf(expectProblem(await search({ name: family }), 400, 'VALIDATION_FAILED'))).toEqual(['X-Access-Reason']);
    const response = await search({ name: family }, witnessOfficer, 'Checking before a call');
    expect(response.status).toBe(200);
    const [audit] = await t.dataSource.query(
      `SELECT entity_type, entity_id, reason, details FROM audit_log WHERE actor_user_id = $1 AND action = 'search' ORDER BY seq DESC LIMIT 1`,
      [witnessOfficer.id],
    );
    expect(audit).toEqual({ entity_type: 'journey', entity_id: null, reason: 'Checking before a call', details: { by: 'name', resultIds: [annId, bobId], total: 2 } });
    expect(JSON.stringify(audit)).not.toContain(family);
  });

  it('filters by stage and area, and pages with the total', async () => {
    const referredOnly = await search({ name: family, stage: 'closed' }, caseworker, 'r');
    expect(referredOnly.body).toEqual({ items: [], total: 0 });
    const otherArea = await search({ name: family, areaId: durhamId }, caseworker, 'r');
    expect(otherArea.body.items).toEqual([]);
    const page = await search({ name: family, limit: 1, offset: 1 }, caseworker, 'r');
    expect(page.body.items.map((item: { id: string }) => item.id)).toEqual([bobId]);
    expect(page.body.total).toBe(2);
    const past = await search({ name: family, limit: 1, offset: 5 }, caseworker, 'r');
    expect(past.body).toEqual({ items: [], total: 2 });
  });

  it('needs a reference, a crime reference or a name, and names bad fields', async () => {
    expect(fieldsOf(expectProblem(await search({ stage: 'referred' }), 400))).toEqual(['crimeReference', 'name', 'reference']);
    expect(fieldsOf(expectProblem(await search({ reference: 'VJ', stage: 'asleep', areaId: 'x', limit: 500 }), 400))).toEqual(['areaId', 'limit', 'stage']);
  });

  it('does not find a journey of another area by its reference', async () => {
    const response = await search({ reference: annReference }, durhamCaseworker);
    expect(response.body).toEqual({ items: [], total: 0 });
  });
});
