import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type EntityManager } from 'typeorm';
import { dataSourceOptions } from '../../src/composition/data-source-options.js';
import { TransactionRunner } from '../../src/database/transaction.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * TransactionRunner.snapshot's `beside`: a read on a second connection in the same snapshot,
 * at the same time as the transaction's own; on the transaction's own connection when the
 * pool has none to spare. The reports read their two fact lists so (issue 20).
 */
describe('a snapshot read beside another', () => {
  let database: TestDatabase;
  const sources: DataSource[] = [];

  const runnerWith = async (poolSize: number): Promise<{ dataSource: DataSource; transactions: TransactionRunner }> => {
    const dataSource = await new DataSource(dataSourceOptions({ url: database.url, poolSize, applicationName: 'vjs-test-beside' })).initialize();
    sources.push(dataSource);
    return { dataSource, transactions: new TransactionRunner(dataSource) };
  };
  const countOf = async (tx: EntityManager) => Number((await tx.query(`SELECT count(*)::int AS n FROM snapshot_probe`))[0].n);
  const backendOf = async (tx: EntityManager) => Number((await tx.query(`SELECT pg_backend_pid() AS pid`))[0].pid);
  const idle = (dataSource: DataSource) => (dataSource.driver as unknown as { master: { idleCount: number; totalCount: number } }).master;

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.asOwner((client) => client.query(`CREATE TABLE snapshot_probe (n int); GRANT SELECT, INSERT ON snapshot_probe TO PUBLIC; INSERT INTO snapshot_probe VALUES (1)`));
  });

  afterAll(async () => {
    for (const dataSource of sources) await dataSource.destroy();
    await database.drop();
  });

  it('reads on another connection what the transaction sees, not what was committed since it began, at the same time as the transaction reads', async () => {
    const { dataSource, transactions } = await runnerWith(4);
    const seen = await transactions.snapshot(async (tx, beside) => {
      const before = await countOf(tx);
      // Committed elsewhere after the snapshot was taken: neither read may see it.
      await dataSource.query(`INSERT INTO snapshot_probe VALUES (2)`);
      const [besideRead, ownRead] = await Promise.all([
        beside(async (other) => ({ count: await countOf(other), backend: await backendOf(other) })),
        (async () => ({ count: await countOf(tx), backend: await backendOf(tx) }))(),
      ]);
      return { before, besideRead, ownRead };
    });
    expect(seen.before).toBe(1);
    expect(seen.besideRead.count).toBe(1);
    expect(seen.ownRead.count).toBe(1);
    // Two connections: the read beside did not wait its turn on the transaction's.
    expect(seen.besideRead.backend).not.toBe(seen.ownRead.backend);
    expect(await countOf(dataSource.manager)).toBe(2);
    // Both connections went back to the pool.
    expect(idle(dataSource).idleCount).toBe(idle(dataSource).totalCount);
    await dataSource.query(`DELETE FROM snapshot_probe WHERE n = 2`).catch(() => undefined);
  });

  it('reads on the transaction\'s own connection when the pool has none to spare, with the same answer', async () => {
    const { transactions } = await runnerWith(1);
    const seen = await transactions.snapshot(async (tx, beside) => {
      const [besideRead, ownRead] = await Promise.all([
        beside(async (other) => ({ count: await countOf(other), backend: await backendOf(other) })),
        (async () => ({ count: await countOf(tx), backend: await backendOf(tx) }))(),
      ]);
      return { besideRead, ownRead };
    });
    expect(seen.besideRead).toEqual(seen.ownRead);
  });

  it('rolls back and releases the connection beside when its read fails, and the snapshot fails with it', async () => {
    const { dataSource, transactions } = await runnerWith(4);
    await expect(
      transactions.snapshot(async (tx, beside) => {
        await countOf(tx);
        return beside((other) => other.query(`SELECT no_such_column FROM snapshot_probe`));
      }),
    ).rejects.toThrow(/no_such_column/);
    expect(idle(dataSource).idleCount).toBe(idle(dataSource).totalCount);
    // The pool is whole: the next snapshot reads beside as before.
    const count = await transactions.snapshot((tx, beside) => beside((other) => countOf(other)));
    expect(count).toBeGreaterThanOrEqual(1);
  });
});
