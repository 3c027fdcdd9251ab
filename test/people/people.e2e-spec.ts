import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProblem } from '../support/problem.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('a person’s record', () => {
  let t: TestApp;
  let worker: SignedInUser;
  let colleague: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const fixtures = new Fixtures(t);
    worker = await fixtures.signedIn(['caseworker']);
    colleague = await fixtures.signedIn(['caseworker']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const create = () =>
    t
      .http()
      .post('/api/v1/people')
      .set('authorization', worker.bearer)
      .send({
        areaId: clevelandId,
        givenName: 'Ann',
        familyName: 'Example',
        dateOfBirth: '1990-04-21',
        phone: '07700 900123',
        postcode: 'ts1 2ab',
        preferredContactMethod: 'phone',
        language: 'Polish',
        interpreterNeeded: true,
      });

  it('is created with a version and read back with an ETag', async () => {
    const created = await create();
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ givenName: 'Ann', postcode: 'TS1 2AB', interpreterNeeded: true, version: 1 }));
    const read = await t.http().get(`/api/v1/people/${created.body.id}`).set('authorization', worker.bearer);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
  });

  it('needs If-Match to change, so nobody overwrites a change they have not seen', async () => {
    const { body } = await create();
    const response = await t.http().patch(`/api/v1/people/${body.id}`).set('authorization', worker.bearer).send({ phone: '07700 900999' });
    expectProblem(response, 428, 'PRECONDITION_REQUIRED');
  });

  it('lets one of two concurrent editors win; the other gets 409 and nothing of theirs is written', async () => {
    const { body } = await create();
    const [first, second] = await Promise.all([
      t.http().patch(`/api/v1/people/${body.id}`).set('authorization', worker.bearer).set('if-match', '"1"').send({ phone: '07700 900111' }),
      t.http().patch(`/api/v1/people/${body.id}`).set('authorization', colleague.bearer).set('if-match', '"1"').send({ phone: '07700 900222' }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = first.status === 200 ? first : second;
    const loser = first.status === 200 ? second : first;
    expectProblem(loser, 409, 'CONFLICT');
    expect(winner.headers.etag).toBe('"2"');
    const [row] = await t.dataSource.query(`SELECT phone, version FROM people WHERE id = $1`, [body.id]);
    expect(row).toEqual({ phone: winner.body.phone, version: 2 });
  });

  it('audits every read and write with who, what and why, naming fields but never their values', async () => {
    const { body } = await create();
    await t.http().get(`/api/v1/people/${body.id}`).set('authorization', colleague.bearer).set('x-access-reason', 'Preparing a call');
    await t.http().patch(`/api/v1/people/${body.id}`).set('authorization', worker.bearer).set('if-match', '"1"').send({ phone: '07700 900333' });
    const rows = await t.dataSource.query(
      `SELECT action, actor_user_id, reason, details, area_id FROM audit_log WHERE entity_type = 'person' AND entity_id = $1 ORDER BY seq`,
      [body.id],
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['create', 'read', 'update']);
    expect(rows[1]).toEqual(expect.objectContaining({ actor_user_id: colleague.id, reason: 'Preparing a call', area_id: clevelandId }));
    expect(rows[2].details).toEqual({ fields: ['phone'] });
    expect(JSON.stringify(rows)).not.toContain('07700');
  });

  it('audits each person shown in a list', async () => {
    const { body } = await create();
    const list = await t.http().get('/api/v1/people?familyName=exam&limit=100').set('authorization', colleague.bearer);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(body.id);
    const rows = await t.dataSource.query(`SELECT 1 FROM audit_log WHERE action = 'list' AND entity_id = $1 AND actor_user_id = $2`, [
      body.id,
      colleague.id,
    ]);
    expect(rows).toHaveLength(1);
  });
});
