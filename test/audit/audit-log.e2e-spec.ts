import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProblem } from '../support/problem.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the audit log', () => {
  let t: TestApp;
  let worker: SignedInUser;
  let colleague: SignedInUser;
  let auditor: SignedInUser;
  let personId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-11-23T10:00:00Z') });
    const fixtures = new Fixtures(t);
    worker = await fixtures.signedIn(['caseworker']);
    colleague = await fixtures.signedIn(['supervisor']);
    auditor = await fixtures.signedIn(['auditor'], []);
    const created = await t
      .http()
      .post('/api/v1/people')
      .set('authorization', worker.bearer)
      .send({ areaId: await fixtures.areaId('cleveland'), givenName: 'Ann', familyName: 'Audit' });
    personId = created.body.id;
    t.clock.advance(60_000);
    await t.http().get(`/api/v1/people/${personId}`).set('authorization', colleague.bearer).set('x-access-reason', 'supervision');
  });
  afterAll(() => t.close());

  it("answers who saw a person's record in a date range", async () => {
    const response = await t
      .http()
      .get(`/api/v1/audit/people/${personId}/access`)
      .query({ from: '2026-11-23T00:00:00Z', to: '2026-11-24T00:00:00Z' })
      .set('authorization', auditor.bearer);
    expect(response.status).toBe(200);
    expect(response.body.distinctUsers).toBe(2);
    expect(response.body.entries.map((e: { action: string; actorUserId: string }) => [e.action, e.actorUserId])).toEqual([
      ['create', worker.id],
      ['read', colleague.id],
    ]);
    const outside = await t
      .http()
      .get(`/api/v1/audit/people/${personId}/access`)
      .query({ from: '2026-11-24T00:00:00Z', to: '2026-11-25T00:00:00Z' })
      .set('authorization', auditor.bearer);
    expect(outside.body.entries).toEqual([]);
  });

  it('is readable by auditors and admins only', async () => {
    expectProblem(await t.http().get('/api/v1/audit/entries').set('authorization', worker.bearer), 403, 'ROLE_NOT_ALLOWED');
    expect((await t.http().get('/api/v1/audit/entries').set('authorization', auditor.bearer)).status).toBe(200);
  });

  it('audits its own readers', async () => {
    await t.http().get('/api/v1/audit/entries?entityType=person').set('authorization', auditor.bearer);
    const rows = await t.dataSource.query(`SELECT 1 FROM audit_log WHERE action = 'audit_queried' AND actor_user_id = $1`, [auditor.id]);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('cannot be changed or deleted by the app’s database role', async () => {
    await expect(t.dataSource.query(`UPDATE audit_log SET reason = 'edited'`)).rejects.toThrow(/permission denied|append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied|append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied|append-only/);
  });

  it('carries an unbroken hash chain, and shows where it breaks if a row is altered', async () => {
    const verified = await t.http().get('/api/v1/audit/verify').set('authorization', auditor.bearer);
    expect(verified.body).toEqual({ valid: true, checked: expect.any(Number) });
    expect(verified.body.checked).toBeGreaterThan(3);

    // Only the table's owner, deliberately lifting the trigger and the revoke, could alter a row;
    // do that here to prove the chain shows it.
    const [{ seq }] = await t.dataSource.query(`SELECT seq::text FROM audit_log WHERE action = 'read' AND entity_id = $1`, [personId]);
    await t.dataSource.transaction(async (tx) => {
      await tx.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
      await tx.query(`GRANT UPDATE ON audit_log TO CURRENT_USER`);
      await tx.query(`UPDATE audit_log SET actor_user_id = NULL WHERE seq = $1`, [seq]);
      await tx.query(`REVOKE UPDATE ON audit_log FROM CURRENT_USER`);
      await tx.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`);
    });
    const broken = await t.http().get('/api/v1/audit/verify').set('authorization', auditor.bearer);
    expect(broken.body).toEqual({ valid: false, checked: expect.any(Number), brokenAtSeq: seq });
  });
});
