import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('records of another area do not exist for you', () => {
  let t: TestApp;
  let clevelandWorker: SignedInUser;
  let durhamWorker: SignedInUser;
  let bothAreas: SignedInUser;
  let durhamPersonId: string;
  let durhamId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const fixtures = new Fixtures(t);
    clevelandWorker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    durhamWorker = await fixtures.signedIn(['caseworker'], ['durham']);
    bothAreas = await fixtures.signedIn(['supervisor'], ['cleveland', 'durham']);
    durhamId = await fixtures.areaId('durham');
    const created = await t
      .http()
      .post('/api/v1/people')
      .set('authorization', durhamWorker.bearer)
      .send({ areaId: durhamId, givenName: 'Dana', familyName: 'Durham' });
    durhamPersonId = created.body.id;
  });
  afterAll(() => t.close());

  it('answers 404, not 403, when a Cleveland caseworker asks for a Durham person, and audits the attempt', async () => {
    const response = await t.http().get(`/api/v1/people/${durhamPersonId}`).set('authorization', clevelandWorker.bearer);
    expectProblem(response, 404, 'NOT_FOUND');
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND actor_user_id = $2`, [
      durhamPersonId,
      clevelandWorker.id,
    ]);
    expect(audit).toEqual([{ action: 'access_denied' }]);
  });

  it('answers the same 404 for an id that exists nowhere', async () => {
    const missing = await t.http().get('/api/v1/people/3f1c2a4e-8b7d-4c6e-9a5f-0d1e2f3a4b5c').set('authorization', clevelandWorker.bearer);
    const other = await t.http().get(`/api/v1/people/${durhamPersonId}`).set('authorization', clevelandWorker.bearer);
    expect(missing.body.detail).toEqual(other.body.detail);
  });

  it('cannot change a person of another area', async () => {
    const response = await t
      .http()
      .patch(`/api/v1/people/${durhamPersonId}`)
      .set('authorization', clevelandWorker.bearer)
      .set('if-match', '"1"')
      .send({ familyName: 'Changed' });
    expectProblem(response, 404);
    const [row] = await t.dataSource.query(`SELECT family_name FROM people WHERE id = $1`, [durhamPersonId]);
    expect(row.family_name).toBe('Durham');
  });

  it('cannot create a record in an area that is not theirs', async () => {
    const response = await t
      .http()
      .post('/api/v1/people')
      .set('authorization', clevelandWorker.bearer)
      .send({ areaId: durhamId, givenName: 'Sly', familyName: 'Create' });
    expect(fieldsOf(expectProblem(response, 400, 'VALIDATION_FAILED'))).toEqual(['areaId']);
  });

  it('lists only the caller’s areas', async () => {
    const cleveland = await t.http().get('/api/v1/people').set('authorization', clevelandWorker.bearer);
    expect(cleveland.body.items.map((p: { id: string }) => p.id)).not.toContain(durhamPersonId);
    const both = await t.http().get('/api/v1/people').set('authorization', bothAreas.bearer);
    expect(both.body.items.map((p: { id: string }) => p.id)).toContain(durhamPersonId);
  });

  it('keeps commissioners away from personal records', async () => {
    const commissioner = await new Fixtures(t).signedIn(['commissioner'], ['durham']);
    expectProblem(await t.http().get(`/api/v1/people/${durhamPersonId}`).set('authorization', commissioner.bearer), 403, 'ROLE_NOT_ALLOWED');
    expectProblem(await t.http().get('/api/v1/people').set('authorization', commissioner.bearer), 403);
  });
});
