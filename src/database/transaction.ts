import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

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

/** The one transaction helper: a command's rows, events, duties, outbox and audit commit together or not at all. */
@Injectable()
export class TransactionRunner {
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
   * `opening`, a read without parameters, is sent with the statements that open the
   * snapshot, in the same round trip, and its rows are given to `work`.
   */
  async snapshot<T>(work: (tx: EntityManager, opened: ReadonlyArray<Record<string, unknown>>) => Promise<T>, opening?: string): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // One round trip to open it (a query without parameters may hold several statements;
      // TypeORM's startTransaction would send START and SET TRANSACTION apart). Reads answer a
      // person waiting: compiling a plan (JIT) costs more than it saves on these.
      const open = 'START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET LOCAL jit = off';
      let opened: Array<Record<string, unknown>> = [];
      if (opening) {
        // TypeORM answers nothing for several statements: its pg connection answers each one's result.
        const connection = (runner as unknown as { databaseConnection: { query(sql: string): Promise<Array<{ rows: Array<Record<string, unknown>> }>> } }).databaseConnection;
        const results = await connection.query(`${open}; ${opening}`);
        opened = results[results.length - 1].rows;
      } else {
        await runner.query(open);
      }
      const result = await work(runner.manager, opened);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
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
