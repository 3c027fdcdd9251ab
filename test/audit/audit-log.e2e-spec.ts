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

  it('cannot be altered, deleted, updated or truncated by the app’s database role, which holds INSERT and SELECT only', async () => {
    const [{ role }] = await t.dataSource.query(`SELECT current_user AS role`);
    const [{ owner }] = await t.dataSource.query(`SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'audit_log'`);
    expect(role).not.toBe(owner);
    for (const table of ['audit_log', 'audit_chain', 'audit_tree_heads']) {
      const [privileges] = await t.dataSource.query(
        `SELECT has_table_privilege($1, 'INSERT') AS insert, has_table_privilege($1, 'SELECT') AS select,
                has_table_privilege($1, 'UPDATE') AS update, has_table_privilege($1, 'DELETE') AS delete,
                has_table_privilege($1, 'TRUNCATE') AS truncate`,
        [table],
      );
      expect(privileges).toEqual({ insert: true, select: true, update: false, delete: false, truncate: false });
      await expect(t.dataSource.query(`UPDATE ${table} SET sealed_at = now()`)).rejects.toThrow(/permission denied|does not exist/);
      await expect(t.dataSource.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
      await expect(t.dataSource.query(`TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
      await expect(t.dataSource.query(`ALTER TABLE ${table} DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
      // Not its to give: PostgreSQL grants nothing (with a warning).
      await t.dataSource.query(`GRANT DELETE ON ${table} TO CURRENT_USER`);
      expect((await t.dataSource.query(`SELECT has_table_privilege($1, 'DELETE') AS d`, [table]))[0].d).toBe(false);
    }
    await expect(t.dataSource.query(`UPDATE audit_log SET reason = 'edited'`)).rejects.toThrow(/permission denied/);
    await expect(t.dataSource.query(`ALTER TABLE audit_log ADD COLUMN note text`)).rejects.toThrow(/must be owner/);
    await expect(t.dataSource.query(`DROP TABLE audit_log`)).rejects.toThrow(/must be owner/);
  });
});
