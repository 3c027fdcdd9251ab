/**
 * The reminder sweep at scale: N open duties in Postgres (default 1,000,000), one
 * ReminderSweeper.sweep() through the real service, timed, and the plans of the queries it
 * ran. Not a test; it prints figures.
 *
 *   npm run bench:sweep                       # 1,000,000 duties
 *   BENCH_DUTIES=100000 npm run bench:sweep
 *
 * The rows are written with SQL in bulk (generate_series), 4 open duties per journey, each
 * journey with its person, crime and opening event, due at the end of a London day spread
 * evenly over the 180 days from tomorrow. History as a service a year or two old has it:
 * BENCH_HISTORY (default as many as the open duties) duties met in the past year, each
 * with its due-soon email recorded as sent, so the duties and notifications indexes the
 * sweep reads hold the rows it must skip. The service's clock is fixed at 07:30 London on a
 * working day (BENCH_NOW, default Tuesday 12 January 2027 07:30 GMT), so the hour's horizon
 * takes in 08:00: the sweep enqueues the due-soon reminders of the duties due tomorrow, the
 * morning's real work (~1/180 of them). A second sweep, as the next minute's would, finds
 * them all enqueued already. Jobs go to Redis under a prefix of the bench's own, with no
 * worker consuming them; the database and the keys are removed afterwards (BENCH_KEEP=1
 * keeps the database for a look).
 *
 * The bench fails (exit 1) when a sweep query reads the duties table without an index.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { Clock, FixedClock } from '../src/app/clock.js';
import { loadConfig } from '../src/app/config.js';
import { PlatformModule } from '../src/composition/platform.module.js';
import { runMigrations } from '../src/composition/migrate.js';
import { REMINDER_HORIZON_MS, ReminderSweeper } from '../src/reminders/reminder-sweeper.service.js';
import { lastDueAtRemindedBy } from '../src/reminders/reminder-times.js';
import { insertDuties, insertJourneys } from './reminders-journey-rows.js';
import { RemindersModule } from '../src/reminders/reminders.module.js';
import { positive, required, databaseUrl, withClient, print, dropDatabase } from './bench-env.js';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../src/queue/queues.js';

const DUTIES = positive('BENCH_DUTIES', 1_000_000);
const HISTORY = positive('BENCH_HISTORY', DUTIES, 0);
const DUTIES_PER_JOURNEY = 4;
const SPREAD_DAYS = 180;
const NOW = new Date(process.env.BENCH_NOW ?? '2027-01-12T07:30:00Z');

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  print(`${label}: ${(ms / 1000).toFixed(1)} s`);
  return { result, ms };
}

/** The journeys, their open duties and the history, in a few INSERT ... SELECT statements. */
async function insertRows(client: pg.Client): Promise<void> {
  const journeys = Math.ceil(DUTIES / DUTIES_PER_JOURNEY);
  await insertJourneys(client, journeys, NOW);
  // Duty n is due at the end of the London day tomorrow + (n mod 180): tomorrow's are the
  // ones reminded at 08:00 today.
  await insertDuties(client, {
    count: DUTIES,
    perJourney: DUTIES_PER_JOURNEY,
    keyPrefix: 'bench',
    dueAtSql: `((($2::date + 1 + (n % ${SPREAD_DAYS}) + 1)::timestamp AT TIME ZONE 'Europe/London') - interval '1 millisecond')`,
    dueParam: NOW.toISOString().slice(0, 10),
  });
  if (HISTORY === 0) return;
  await insertDuties(client, {
    count: HISTORY,
    perJourney: DUTIES_PER_JOURNEY,
    journeys,
    keyPrefix: 'history',
    status: 'met',
    dueAtSql: `$2::timestamptz - (n % 365 + 1) * interval '1 day'`,
    dueParam: NOW,
  });
  await client.query(
    `INSERT INTO notifications (dedupe_key, kind, duty_id, journey_id, area_id, recipient_email, subject, status, attempts,
                                message_id, created_at, updated_at, sent_at)
     SELECT 'duty-due-soon:' || d.id || ':bench@bench.invalid', 'duty_due_soon', d.id, d.journey_id, d.area_id, 'bench@bench.invalid',
            'Due soon', 'sent', 1, '<notification.' || d.id || '@bench.invalid>', d.due_at - interval '2 days', d.due_at - interval '2 days',
            d.due_at - interval '2 days'
       FROM duties d WHERE d.key LIKE 'history-%'`,
  );
}

interface RecordedQuery {
  sql: string;
  params: unknown[];
}

/** Runs `work` while recording the SQL the DataSource is asked to run (the first call of each statement). */
async function recordingQueries<T>(dataSource: DataSource, work: () => Promise<T>): Promise<{ result: T; queries: RecordedQuery[]; every: RecordedQuery[] }> {
  const original = dataSource.query.bind(dataSource);
  const queries = new Map<string, RecordedQuery>();
  const every: RecordedQuery[] = [];
  dataSource.query = (async (sql: string, params?: unknown[]) => {
    every.push({ sql, params: params ?? [] });
    // Keyset pages are the same statement as the first page: explain the first page only.
    const statement = sql.replace(/AND \(d\.due_at, d\.id\) > .*?(?=ORDER BY)/s, '').replace(/\s+/g, ' ');
    if (!queries.has(statement)) queries.set(statement, { sql, params: params ?? [] });
    return original(sql, params);
  }) as DataSource['query'];
  try {
    return { result: await work(), queries: [...queries.values()], every };
  } finally {
    dataSource.query = original;
  }
}

async function main(): Promise<void> {
  const run = randomBytes(4).toString('hex');
  const database = `vjs_bench_sweep_${run}`;
  const admin = databaseUrl(required('DATABASE_URL'), 'postgres');
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl(required('DATABASE_URL'), database),
    REDIS_URL: required('REDIS_URL'),
    SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:2525',
    REDIS_PREFIX: `vjs-bench-${run}`,
    LOG_LEVEL: 'warn',
  });
  await withClient(admin, (client) => client.query(`CREATE DATABASE ${database}`));
  let failed = false;
  try {
    await runMigrations(config.databaseUrl);
    print(
      `sweep bench: ${DUTIES.toLocaleString('en-GB')} open duties, ${HISTORY.toLocaleString('en-GB')} met with their emails sent, ` +
        `clock at ${NOW.toISOString()} (database ${database})`,
    );
    await withClient(config.databaseUrl, async (client) => {
      await timed('insert', () => insertRows(client));
      await timed('analyze', () => client.query('ANALYZE'));
    });

    @Module({ imports: [PlatformModule.forRoot({ config, processName: 'worker' }), RemindersModule] })
    class SweepBenchModule {}
    const context = await Test.createTestingModule({ imports: [SweepBenchModule] }).overrideProvider(Clock).useValue(new FixedClock(NOW)).compile();
    context.useLogger(['warn', 'error']);
    await context.init();
    try {
      const sweeper = context.get(ReminderSweeper);
      const dataSource = context.get(DataSource);
      const { result: first, queries, every } = await recordingQueries(dataSource, async () => {
        const started = performance.now();
        const outcome = await sweeper.sweep();
        return { outcome, ms: performance.now() - started };
      });
      const again = performance.now();
      const second = await sweeper.sweep();
      const againMs = performance.now() - again;
      const [{ owed }]: Array<{ owed: string }> = await dataSource.query(
        `SELECT count(*) AS owed FROM duties WHERE status IN ('open', 'breached') AND due_at <= $1`,
        [lastDueAtRemindedBy(new Date(NOW.getTime() + REMINDER_HORIZON_MS))],
      );

      print(`duties: ${DUTIES} open, ${HISTORY} met`);
      print(`due-soon reminders owed within the hour: ${owed}`);
      const moments = await context.get<Queue>(getQueueToken(QueueName.Reminders)).getJobCounts('delayed', 'wait');
      print(`sweep: ${first.outcome.dueSoon} due-soon and ${first.outcome.breaches} breach reminders put in ${moments.delayed + moments.wait} moment jobs in ${first.ms.toFixed(0)} ms`);
      print(`sweep again (nothing new to enqueue): ${second.dueSoon} due-soon, ${second.breaches} breaches looked at in ${againMs.toFixed(0)} ms`);

      // The ratio row of issue 20: the sweep against its bare work, the very statements the
      // first sweep ran (the indexed SELECTs), replayed with nothing else: alternated,
      // BENCH_PAIRS (default 3) pairs.
      const sweeps: number[] = [];
      const bare: number[] = [];
      for (let pair = 0; pair < positive('BENCH_PAIRS', 3); pair++) {
        for (const side of pair % 2 === 0 ? ['sweep', 'bare'] : ['bare', 'sweep']) {
          const started = performance.now();
          if (side === 'sweep') await sweeper.sweep();
          else for (const query of every) await dataSource.query(query.sql, query.params);
          (side === 'sweep' ? sweeps : bare).push(performance.now() - started);
        }
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      print(
        `ratio: sweep ${median(sweeps).toFixed(0)} ms (${Math.min(...sweeps).toFixed(0)}-${Math.max(...sweeps).toFixed(0)}) / the same ${every.length} statements bare ` +
          `${median(bare).toFixed(0)} ms (${Math.min(...bare).toFixed(0)}-${Math.max(...bare).toFixed(0)}) = ${(median(sweeps) / median(bare)).toFixed(1)}x (goal <= 2x)`,
      );

      for (const query of queries.filter((recorded) => /FROM duties d/.test(recorded.sql))) {
        const rows: Array<{ 'QUERY PLAN': string }> = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
        const plan = rows.map((row) => row['QUERY PLAN']);
        const indexes = [
          ...new Set(plan.flatMap((line) => /Index (?:Only )?Scan (?:Backward )?using (\w+) on duties|Bitmap Index Scan on (duties\w*)/.exec(line)?.slice(1).filter(Boolean) ?? [])),
        ];
        const seqScan = plan.some((line) => /Seq Scan on duties/.test(line));
        if (seqScan || indexes.length === 0) failed = true;
        print('');
        print(`-- ${query.sql.replace(/\s+/g, ' ').trim().slice(0, 160)}...`);
        print(`   duties read through: ${seqScan ? 'SEQUENTIAL SCAN' : indexes.join(', ') || 'no index'}`);
        for (const line of plan) print(`   ${line}`);
      }
    } finally {
      await context.close();
    }
  } finally {
    const redis = new Redis(config.redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.redisPrefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
    if (process.env.BENCH_KEEP === '1') print(`kept database ${database}`);
    else await dropDatabase(database, admin);
  }
  if (failed) throw new Error('a sweep query reads the duties table without an index');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? `bench failed: ${error.message}` : 'bench failed'}\n`);
    process.exit(1);
  },
);
