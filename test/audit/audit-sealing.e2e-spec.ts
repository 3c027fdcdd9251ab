import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AuditSealer } from '../../src/audit/audit-sealer.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { AuditJob, QueueName } from '../../src/queue/queues.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker } from '../support/test-worker.js';

interface Verification {
  valid: boolean;
  checked: number;
  unsealed: number;
  head: { treeSize: string; chainHash: string; rangeRoot: string; sealedAt: string; signature: string } | null;
  problems: Array<{ kind: string; detail: string; position?: string; seq?: string }>;
  brokenAtSeq?: string;
}

/** Issue 18: the chain is sealed off the request path, keyed, gap-free, and shows gaps, edits and truncation. */
describe('the sealed audit chain', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let auditor: SignedInUser;
  let worker: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-11-23T10:00:00Z') });
    fixtures = new Fixtures(t);
    auditor = await fixtures.signedIn(['auditor'], []);
    worker = await fixtures.signedIn(['caseworker']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const verify = async (query: Record<string, string> = {}): Promise<Verification> => {
    const response = await t.http().get('/api/v1/audit/verify').query(query).set('authorization', auditor.bearer);
    expect(response.status).toBe(200);
    return response.body as Verification;
  };
  /**
   * Seals until nothing written so far is left unsealed. The horizon is the whole cluster's:
   * a long transaction of another test file running beside this one holds sealing back.
   */
  const sealEverything = async () => {
    const sealer = t.app.get(AuditSealer);
    const deadline = Date.now() + 40_000;
    for (;;) {
      await sealer.sealAll();
      const [{ unsealed }] = await t.dataSource.query(
        `SELECT count(*)::int AS unsealed FROM audit_log a
          WHERE a.entity_type <> 'forged' AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry_seq = a.seq)`,
      );
      if (unsealed === 0) return;
      if (Date.now() > deadline) throw new Error(`${unsealed} rows still unsealed`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const createPerson = () =>
    t.http().post('/api/v1/people').set('authorization', worker.bearer).send({ areaId: clevelandId, givenName: 'Ann', familyName: 'Sealed' });

  it('writes audit rows in the request’s transaction without touching the chain, which the sealer then extends gap-free', async () => {
    await sealEverything();
    const before = await verify();
    const person = await createPerson();
    expect(person.status).toBe(201);
    const [row] = await t.dataSource.query(`SELECT seq::text FROM audit_log WHERE action = 'create' AND entity_id = $1`, [person.body.id]);
    expect(await t.dataSource.query(`SELECT 1 FROM audit_chain WHERE entry_seq = $1`, [row.seq])).toEqual([]);
    const unsealed = await verify();
    expect(unsealed.unsealed).toBeGreaterThan(0);

    await sealEverything();
    const sealed = await verify();
    expect(sealed).toEqual(expect.objectContaining({ valid: true, unsealed: 0, problems: [] }));
    expect(sealed.checked).toBeGreaterThan(before.checked);
    expect(sealed.head).toEqual(expect.objectContaining({ treeSize: String(sealed.checked), signature: expect.stringMatching(/^[0-9a-f]{64}$/) }));
    const positions = await t.dataSource.query(`SELECT position::int AS p FROM audit_chain ORDER BY position`);
    expect(positions.map((r: { p: number }) => r.p)).toEqual(Array.from({ length: positions.length }, (_, index) => index + 1));
  });

  it('keeps positions gap-free when a transaction rolls back after taking a seq, and seals rows committed out of order', async () => {
    await sealEverything();
    const audit = t.app.get(AuditService);
    // A rolled-back transaction leaves a hole in seq, never in the chain.
    await t.dataSource
      .transaction(async (tx) => {
        await audit.record(tx, null, { action: 'read', entityType: 'probe', entityId: 'rolled-back' });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    // A transaction that took its seq first but commits last is sealed all the same.
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await audit.record(runner.manager, null, { action: 'read', entityType: 'probe', entityId: 'slow' });
    const quick = await createPerson();
    expect(quick.status).toBe(201);
    await t.app.get(AuditSealer).sealAll();
    const [slowBefore] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_chain c JOIN audit_log a ON a.seq = c.entry_seq WHERE a.entity_id = $1`, [quick.body.id]);
    // The slow transaction is older and still running: the quick one's row waits for it.
    expect(slowBefore.n).toBe(0);
    await runner.commitTransaction();
    await runner.release();
    await sealEverything();

    const sealed = await t.dataSource.query(
      `SELECT c.position::int AS position, a.seq::int AS seq, a.entity_id FROM audit_chain c JOIN audit_log a ON a.seq = c.entry_seq
        WHERE a.entity_id IN ('slow', $1) ORDER BY c.position`,
      [quick.body.id],
    );
    expect(sealed.map((r: { entity_id: string }) => r.entity_id)).toEqual(['slow', quick.body.id]);
    expect(sealed[0].seq).toBeLessThan(sealed[1].seq);
    const seqs = (await t.dataSource.query(`SELECT seq::int AS seq FROM audit_log ORDER BY seq`)).map((r: { seq: number }) => r.seq);
    const holes = seqs.filter((seq: number, index: number) => index > 0 && seq !== seqs[index - 1] + 1);
    expect(holes.length).toBeGreaterThan(0);
    expect(await verify()).toEqual(expect.objectContaining({ valid: true, unsealed: 0, problems: [] }));
  });

  it('is sealed by the worker within seconds of commit, on job schedulers whose ids have no colon', async () => {
    const running = await startTestWorker(t, { config: (config) => ({ ...config, audit: { ...config.audit, sealEveryMs: 200 } }) });
    try {
      const person = await createPerson();
      const committed = Date.now();
      let sealedAfter = Number.POSITIVE_INFINITY;
      while (Date.now() - committed < 30_000) {
        const rows = await t.dataSource.query(`SELECT 1 FROM audit_chain c JOIN audit_log a ON a.seq = c.entry_seq WHERE a.entity_id = $1`, [person.body.id]);
        if (rows.length > 0) {
          sealedAfter = Date.now() - committed;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // Every 200 ms here; seconds at most, unless a long transaction elsewhere in the cluster holds the horizon.
      expect(sealedAfter).toBeLessThan(15_000);
      const queue = running.worker.get<Queue>(getQueueToken(QueueName.Audit));
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((scheduler) => scheduler.key).sort()).toEqual([AuditJob.PublishHead, AuditJob.Seal].sort());
      for (const scheduler of schedulers) expect(scheduler.key).not.toContain(':');
    } finally {
      await running.close();
    }
  });

  it('publishes the signed head outside the database, and the head verification reports', async () => {
    await createPerson();
    await sealEverything();
    const published = await t.app.get(AuditSealer).publishHead();
    const verified = await verify();
    expect(published).toEqual(verified.head);
    expect(await verify({ treeSize: verified.head!.treeSize, chainHash: verified.head!.chainHash })).toEqual(expect.objectContaining({ valid: true }));
  });

  describe('when the owner of the tables (not the app) tampers with them', () => {
    const asOwner = (sql: string, params: unknown[] = []) =>
      t.database.asOwner(async (client) => {
        await client.query('BEGIN');
        for (const table of ['audit_log', 'audit_chain', 'audit_tree_heads']) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
        await client.query(`GRANT UPDATE, DELETE ON audit_log, audit_chain, audit_tree_heads TO CURRENT_USER`);
        await client.query(sql, params);
        for (const table of ['audit_log', 'audit_chain', 'audit_tree_heads']) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
        await client.query('COMMIT');
      });

    it('shows an edited row, where the chain breaks', async () => {
      const person = await createPerson();
      await sealEverything();
      const [{ seq }] = await t.dataSource.query(`SELECT seq::text FROM audit_log WHERE action = 'create' AND entity_id = $1`, [person.body.id]);
      await asOwner(`UPDATE audit_log SET actor_user_id = NULL WHERE seq = $1`, [seq]);
      const broken = await verify();
      expect(broken.valid).toBe(false);
      expect(broken.brokenAtSeq).toBe(seq);
      expect(broken.problems).toEqual([expect.objectContaining({ kind: 'entry_altered', seq })]);
      await asOwner(`UPDATE audit_log SET actor_user_id = $2 WHERE seq = $1`, [seq, worker.id]);
      expect((await verify()).valid).toBe(true);
    });

    it('shows rows deleted from the middle as a gap, and rows slipped in behind the sealed end', async () => {
      await createPerson();
      await sealEverything();
      const [{ position, seq }] = await t.dataSource.query(
        `SELECT position::text, entry_seq::text AS seq FROM audit_chain ORDER BY position DESC OFFSET 1 LIMIT 1`,
      );
      await asOwner(`DELETE FROM audit_chain WHERE position = $1`, [position]);
      await asOwner(`DELETE FROM audit_log WHERE seq = $1`, [seq]);
      const gap = await verify();
      expect(gap.valid).toBe(false);
      expect(gap.problems.map((problem) => problem.kind)).toEqual(expect.arrayContaining(['missing_positions', 'head_invalid']));
      expect(gap.problems.find((problem) => problem.kind === 'missing_positions')?.position).toBe(position);

      // The app's role may INSERT: a row dated into the sealed past is never chained, and shows.
      await t.dataSource.query(
        `INSERT INTO audit_log (at, action, entity_type, xact_id) VALUES (now(), 'read', 'forged', '3'::xid8)`,
      );
      expect((await verify()).problems.map((problem) => problem.kind)).toContain('rows_outside_chain');
    });

    it('proves a deleted tail against the head kept outside the database, or one the caller saved', async () => {
      await createPerson();
      await sealEverything();
      const saved = (await verify()).head!;
      const cut = String(Number(saved.treeSize) - 3);
      await asOwner(
        `WITH gone AS (DELETE FROM audit_chain WHERE position > $1::bigint RETURNING entry_seq)
         DELETE FROM audit_log WHERE seq IN (SELECT entry_seq FROM gone)`,
        [cut],
      );
      await asOwner(`DELETE FROM audit_tree_heads WHERE tree_size > $1::bigint`, [cut]);
      const truncated = await verify({ treeSize: saved.treeSize, chainHash: saved.chainHash });
      expect(truncated.valid).toBe(false);
      const truncations = truncated.problems.filter((problem) => problem.kind === 'truncated');
      // Both the copy outside the database and the caller's head show the cut.
      expect(truncations).toHaveLength(2);
      expect(truncations[0].detail).toContain(`has ${saved.treeSize} sealed rows`);
    });
  });
});
