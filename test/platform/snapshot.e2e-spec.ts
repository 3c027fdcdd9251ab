import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type EntityManager } from 'typeorm';
import { dataSourceOptions } from '../../src/composition/data-source-options.js';
import { TransactionRunner } from '../../src/database/transaction.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * TransactionRunner.snapshot: one REPEATABLE READ, READ ONLY transaction opened in one round
 * trip, with an opening read sent in the same one (the reports read the rollups' refresh so).
 */
describe('a snapshot', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let transactions: TransactionRunner;
  const countOf = async (tx: EntityManager) => Number((await tx.query(`SELECT count(*)::int AS n FROM snapshot_probe`))[0].n);
  const pool = () => (dataSource.driver as unknown as { master: { idleCount: number; totalCount: number } }).master;

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.asOwner((client) => client.query(`CREATE TABLE snapshot_probe (n int); GRANT SELECT, INSERT ON snapshot_probe TO PUBLIC; INSERT INTO snapshot_probe VALUES (1)`));
    dataSource = await new DataSource(dataSourceOptions({ url: database.url, poolSize: 3, applicationName: 'vjs-test-snapshot' })).initialize();
    transactions = new TransactionRunner(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('gives the opening read\'s rows, and every read in it sees the data as the opening read did', async () => {
    const seen = await transactions.snapshot(async (tx, opened) => {
      await dataSource.query(`INSERT INTO snapshot_probe VALUES (2)`);
      const [{ isolation }] = await tx.query(`SELECT current_setting('transaction_isolation') AS isolation`);
      return { opened, later: await countOf(tx), isolation, readOnly: (await tx.query(`SELECT current_setting('transaction_read_only') AS r`))[0].r };
    }, `SELECT count(*)::int AS n FROM snapshot_probe`);
    expect(seen).toEqual({ opened: [{ n: 1 }], later: 1, isolation: 'repeatable read', readOnly: 'on' });
    expect(await countOf(dataSource.manager)).toBe(2);
  });

  it('opens without an opening read, and gives none', async () => {
    expect(await transactions.snapshot(async (tx, opened) => ({ opened, count: await countOf(tx) }))).toEqual({ opened: [], count: 2 });
  });

  it('ends the transaction and gives its connection back when the opening read or the work fails', async () => {
    await expect(transactions.snapshot(async () => 'never', `SELECT no_such_column FROM snapshot_probe`)).rejects.toThrow(/no_such_column/);
    await expect(transactions.snapshot(async (tx) => tx.query(`INSERT INTO snapshot_probe VALUES (3)`))).rejects.toThrow(/read-only transaction/);
    expect(pool().idleCount).toBe(pool().totalCount);
    // Nothing was written, and the connections given back are usable.
    expect(await transactions.snapshot((tx) => countOf(tx))).toBe(2);
  });
});
