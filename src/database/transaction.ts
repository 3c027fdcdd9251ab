import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';

type Hook = () => Promise<void>;

/** Work registered to run at the end of a TransactionRunner transaction, just before COMMIT. */
const beforeCommitHooks = new WeakMap<EntityManager, Hook[]>();

/**
 * Runs `hook` just before `tx` commits, if `tx` is a TransactionRunner transaction (and
 * answers false otherwise). For work that must be in the transaction but should hold its
 * locks as briefly as possible, such as extending the audit hash chain.
 */
export function beforeCommit(tx: EntityManager, hook: Hook): boolean {
  const hooks = beforeCommitHooks.get(tx);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}

/**
 * Runs `read` in the snapshot of the transaction it was given by, on a second connection, at
 * the same time as that transaction's own next statement: two reads of one snapshot at once.
 */
export type Beside = <R>(read: (tx: EntityManager) => Promise<R>) => Promise<R>;

/** What a PostgreSQL snapshot id looks like (pg_export_snapshot): it is spelt into a statement. */
const SNAPSHOT_ID = /^[0-9A-F]+-[0-9A-F]+-[0-9]+$/i;

/** The one transaction helper: a command's rows, events, duties, outbox and audit commit together or not at all. */
@Injectable()
export class TransactionRunner {
  /** Second connections lent to snapshots now (`Beside`). */
  private besides = 0;

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    // READ COMMITTED is PostgreSQL's default: naming it would cost every command a second
    // round trip (TypeORM sends `SET TRANSACTION ISOLATION LEVEL` after `START TRANSACTION`).
    return this.dataSource.transaction(async (tx) => {
      const hooks: Hook[] = [];
      beforeCommitHooks.set(tx, hooks);
      try {
        const result = await work(tx);
        // A hook may register another; run until none is left.
        for (let index = 0; index < hooks.length; index += 1) await hooks[index]();
        return result;
      } finally {
        beforeCommitHooks.delete(tx);
      }
    });
  }

  /**
   * A read-only transaction over one snapshot (REPEATABLE READ): several queries that must
   * agree (a report's facts and the rollup's instant) see the same committed data. Nothing
   * may be written in it; audit the read after it (a `run` transaction, or for a single
   * audit row, AuditService.record on `manager`: one INSERT that commits on its own).
   *
   * `beside` runs a read on a second connection importing this transaction's snapshot
   * (pg_export_snapshot), so two reads of one snapshot run at once. Only when the pool has a
   * connection idle, and for at most half the pool at a time; otherwise the read runs here, after
   * this transaction's own: a transaction never waits for a second connection while holding
   * its first unless half the pool is left to the rest, so snapshots cannot starve the pool.
   */
  async snapshot<T>(work: (tx: EntityManager, beside: Beside) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // One round trip to open it (a query without parameters may hold several statements;
      // TypeORM's startTransaction would send START and SET TRANSACTION apart). Reads answer a
      // person waiting: compiling a plan (JIT) costs more than it saves on these.
      await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET LOCAL jit = off');
      let result: T;
      try {
        result = await work(runner.manager, (read) => this.beside(runner, read));
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      await runner.query('COMMIT');
      return result;
    } finally {
      await runner.release();
    }
  }

  private async beside<R>(runner: QueryRunner, read: (tx: EntityManager) => Promise<R>): Promise<R> {
    const pool = (this.dataSource.driver as unknown as { master?: { idleCount?: number; options?: { max?: number } } }).master;
    const limit = Math.floor((pool?.options?.max ?? 10) / 2);
    if (this.besides >= limit || !pool?.idleCount) return read(runner.manager);
    this.besides += 1;
    let other: QueryRunner | undefined;
    try {
      // Queued on this transaction's connection before the caller's next statement, so it is answered first.
      const [{ snapshot }] = (await runner.query('SELECT pg_export_snapshot() AS snapshot')) as Array<{ snapshot: string }>;
      if (!SNAPSHOT_ID.test(snapshot)) throw new Error('PostgreSQL exported a snapshot id of an unexpected form');
      other = this.dataSource.createQueryRunner();
      await other.connect();
      await other.query(`START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET TRANSACTION SNAPSHOT '${snapshot}'; SET LOCAL jit = off`);
      try {
        const result = await read(other.manager);
        await other.query('COMMIT');
        return result;
      } catch (error) {
        await other.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      await other?.release();
      this.besides -= 1;
    }
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Maintenance that may not run in a transaction (VACUUM), on a connection of its own
   * with no statement timeout: the pool's would cut it short at national scale.
   */
  async maintenance(work: (manager: EntityManager) => Promise<void>): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SET statement_timeout = 0');
      await work(runner.manager);
    } finally {
      await runner.query('RESET statement_timeout').catch(() => undefined);
      await runner.release();
    }
  }
}
