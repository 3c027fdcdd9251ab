/**
 * 10,000 reminders due at the same instant (default; BENCH_REMINDERS): how late does the
 * last one go out, and does any go missing or twice? The api and the worker run as real
 * processes (node dist/src/main.js, node dist/src/worker.js) on a database and Redis prefix
 * of the bench's own; an SMTP server in this process accepts every message and notes when,
 * by Message-ID. Not a test; it prints figures.
 *
 *   npm run bench:reminders                       # 10,000 reminders
 *   BENCH_REMINDERS=2000 npm run bench:reminders
 *
 * How "all due at 09:00" is modelled. In service, the sweeps of the hour before put every
 * reminder of the morning into Redis as a delayed job for its due-soon instant (08:00
 * London), and at that instant they all fall due at once. The bench does the same with
 * the real clock: it picks an instant T a little ahead (BENCH_LEAD_SECONDS, default 30,
 * after the set-up) and enqueues one delayed job per duty through the service's own
 * ReminderQueue (the sweep's job ids, data, attempts and backoff) with T as its run time.
 * A reminder's time is otherwise always 08:00 London, so each duty is due at the end of a
 * London day whose 08:00 reminder time has passed (the one the service would remind at T),
 * and is marked as given up (a failed due-soon notification, as after a last refused
 * attempt): the worker's own sweeps, which would see the reminder as owed now, skip it,
 * while the job at T, through sendOnce, still sends it and marks it sent. Lateness is from
 * T to the SMTP server's acceptance of the message. All emails go to one team mailbox
 * (no user: no digests from the real clock's morning).
 *
 * Gives up after BENCH_TIMEOUT_SECONDS (default 1800) and counts what is left as missed.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/app/config.js';
import { PlatformModule } from '../src/composition/platform.module.js';
import { runMigrations } from '../src/composition/migrate.js';
import { ReminderQueue } from '../src/reminders/reminder-queue.js';
import { lastDueAtRemindedBy } from '../src/reminders/reminder-times.js';
import { RemindersModule } from '../src/reminders/reminders.module.js';
import { insertDuties, insertJourneys } from './reminders-journey-rows.js';
import { positive, required, databaseUrl, withClient, print, quantile } from './bench-env.js';

const REMINDERS = positive('BENCH_REMINDERS', 10_000);
const LEAD_MS = positive('BENCH_LEAD_SECONDS', 30) * 1000;
const TIMEOUT_MS = positive('BENCH_TIMEOUT_SECONDS', 1800) * 1000;
const STARTUP_TIMEOUT_MS = 120_000;
const TEAM_EMAIL = 'team@bench.invalid';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Every message accepted, by Message-ID, with when. */
class CountingSmtpServer {
  readonly accepted = new Map<string, number[]>();
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 100,
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const at = Date.now();
        const raw = Buffer.concat(chunks).toString('utf8');
        const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
        const messageId = /^message-id:\s*(.+)$/im.exec(head)?.[1].trim() ?? '';
        this.accepted.set(messageId, [...(this.accepted.get(messageId) ?? []), at]);
        callback(null);
      });
    },
  });
  port = 0;

  async start(): Promise<void> {
    this.port = await freePort();
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  get total(): number {
    return [...this.accepted.values()].reduce((sum, times) => sum + times.length, 0);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface RunningProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
}

function startProcess(entry: string, env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function waitUntilReady(url: string, running: RunningProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`${url}: the process exited (${running.child.exitCode})`);
    const status = await fetch(url).then((response) => response.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not ready within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

async function stopProcess(running: RunningProcess | undefined): Promise<void> {
  if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill('SIGTERM');
  const killer = setTimeout(() => running.child.kill('SIGKILL'), 60_000);
  await running.exited;
  clearTimeout(killer);
}

async function main(): Promise<void> {
  const run = randomBytes(4).toString('hex');
  const database = `vjs_bench_reminders_${run}`;
  const admin = databaseUrl(required('DATABASE_URL'), 'postgres');
  const smtp = new CountingSmtpServer();
  await smtp.start();
  const [apiPort, healthPort] = [await freePort(), await freePort()];
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl(required('DATABASE_URL'), database),
    REDIS_URL: required('REDIS_URL'),
    REDIS_PREFIX: `vjs-bench-${run}`,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_BASE_URL: 'http://bench.invalid',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    WORKER_HEALTH_PORT: String(healthPort),
    LOG_LEVEL: 'warn',
  };
  const config = loadConfig(env);
  await withClient(admin, (client) => client.query(`CREATE DATABASE ${database}`));
  let api: RunningProcess | undefined;
  let worker: RunningProcess | undefined;
  try {
    await runMigrations(config.databaseUrl);

    // Set up before T is chosen: the duties, each due at the end of a London day whose
    // reminder time has passed, and marked as given up so the worker's sweeps leave them be.
    const setUp = performance.now();
    const dueAt = lastDueAtRemindedBy(new Date());
    await withClient(config.databaseUrl, async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO organisations (name, kind, team_email) VALUES ('Bench victim care', 'victim_care_service', $1) RETURNING id`,
        [TEAM_EMAIL],
      );
      await insertJourneys(client, REMINDERS, new Date(), rows[0].id);
      await insertDuties(client, { count: REMINDERS, perJourney: 1, keyPrefix: 'bench', dueAtSql: '$2::timestamptz', dueParam: dueAt });
      await client.query(
        `INSERT INTO notifications (dedupe_key, kind, duty_id, journey_id, area_id, recipient_email, subject, status, attempts, last_error,
                                    created_at, updated_at, failed_at)
         SELECT 'duty-due-soon:' || d.id || ':' || $1, 'duty_due_soon', d.id, d.journey_id, d.area_id, $1, 'Due soon', 'failed', 0, 'bench',
                now(), now(), now()
           FROM duties d`,
        [TEAM_EMAIL],
      );
      await client.query('ANALYZE');
    });

    api = startProcess('dist/src/main.js', env);
    worker = startProcess('dist/src/worker.js', env);
    await waitUntilReady(`http://127.0.0.1:${apiPort}/health/ready`, api);
    await waitUntilReady(`http://127.0.0.1:${healthPort}/health/ready`, worker);

    // The morning's delayed jobs, as the sweeps of the hour before would have made them.
    @Module({ imports: [PlatformModule.forRoot({ config, processName: 'worker' }), RemindersModule] })
    class EnqueueModule {}
    const context = await NestFactory.createApplicationContext(EnqueueModule, { logger: ['warn', 'error'] });
    const dueInstant = Date.now() + LEAD_MS;
    try {
      const rows: Array<{ id: string }> = await withClient(config.databaseUrl, async (client) => (await client.query(`SELECT id FROM duties`)).rows);
      await context.get(ReminderQueue).enqueue(rows.map((row) => ({ dutyId: row.id, kind: 'due-soon' as const, dueAt, runAt: new Date(dueInstant) })));
    } finally {
      await context.close();
    }
    const lead = dueInstant - Date.now();
    print(`reminders bench: ${REMINDERS} due-soon reminders due at ${new Date(dueInstant).toISOString()} (database ${database})`);
    print(`set-up ${seconds(performance.now() - setUp)}; enqueued with ${seconds(lead)} to spare`);
    if (lead <= 0) throw new Error('the set-up outlasted the lead: raise BENCH_LEAD_SECONDS');

    // Wait for the messages: bounded by the timeout, and ended early once all are in.
    const deadline = dueInstant + TIMEOUT_MS;
    let lastReport = Date.now();
    while (smtp.accepted.size < REMINDERS && Date.now() < deadline) {
      if (worker.child.exitCode !== null) throw new Error(`the worker exited (${worker.child.exitCode})`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (Date.now() > dueInstant && Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        process.stderr.write(`  ${smtp.accepted.size} of ${REMINDERS} accepted\n`);
      }
    }
    // Any doubles arrive a moment after their first: let the queue settle before counting.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const byDuty = new Map<string, number>();
    const notificationIds = new Map<string, string>(
      await withClient(config.databaseUrl, async (client) =>
        (await client.query<{ id: string; duty_id: string }>(`SELECT id, duty_id FROM notifications WHERE kind = 'duty_due_soon'`)).rows.map(
          (row) => [row.id, row.duty_id] as [string, string],
        ),
      ),
    );
    const lateness: number[] = [];
    let strays = 0;
    for (const [messageId, times] of smtp.accepted) {
      const dutyId = notificationIds.get(/^<notification\.([0-9a-f-]{36})@/.exec(messageId)?.[1] ?? '');
      if (!dutyId) {
        strays += times.length;
        continue;
      }
      byDuty.set(dutyId, (byDuty.get(dutyId) ?? 0) + times.length);
      lateness.push(Math.min(...times) - dueInstant);
    }
    const [{ sent }] = await withClient(config.databaseUrl, async (client) =>
      (await client.query<{ sent: string }>(`SELECT count(*) AS sent FROM notifications WHERE kind = 'duty_due_soon' AND status = 'sent'`)).rows,
    );
    lateness.sort((a, b) => a - b);
    const doubled = [...byDuty.values()].filter((count) => count > 1).length;
    const lastMs = lateness.length ? lateness[lateness.length - 1] : 0;

    print(`due: ${REMINDERS}`);
    print(`sent (accepted by SMTP, one per duty): ${byDuty.size}; recorded sent in Postgres: ${sent}`);
    print(`missed: ${REMINDERS - byDuty.size}`);
    print(`doubled: ${doubled}${strays ? `; other messages: ${strays}` : ''}`);
    if (lateness.length) {
      print(
        `lateness from due time to SMTP accept: p50 ${seconds(quantile(lateness, 0.5))}, p95 ${seconds(quantile(lateness, 0.95))}, ` +
          `p99 ${seconds(quantile(lateness, 0.99))}, max ${seconds(lastMs)}`,
      );
      print(`throughput: ${(lateness.length / Math.max(0.001, lastMs / 1000)).toFixed(0)} reminders/s`);
    }
  } finally {
    await stopProcess(worker);
    await stopProcess(api);
    await smtp.stop();
    const redis = new Redis(config.redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.redisPrefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
    await withClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? `bench failed: ${error.message}` : 'bench failed'}\n`);
    process.exit(1);
  },
);
