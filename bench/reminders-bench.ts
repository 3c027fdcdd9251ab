/**
 * 10,000 duties due at one 08:00 across 500 people (defaults; BENCH_REMINDERS,
 * BENCH_RECIPIENTS): does each person get one email listing their duties, how late, and does
 * any go missing or twice? The api and the worker run as real processes (node
 * dist/src/main.js, node dist/src/worker.js) on a database and Redis prefix of the bench's
 * own; an SMTP server in this process accepts every message and notes when, by Message-ID.
 * Not a test; it prints figures.
 *
 *   npm run bench:reminders                           # 10,000 duties, 500 caseworkers
 *   BENCH_REMINDERS=2000 BENCH_RECIPIENTS=100 npm run bench:reminders
 *   BENCH_KILL_AFTER=100 npm run bench:reminders      # SIGKILL the worker after 100 emails, start another
 *
 * How "all due at 08:00" is modelled: as in service. Both processes run with CLOCK_OFFSET
 * (local use only), so that their clock reads 07:58:30 London on a working day D as they
 * start; every duty is due at the end of the next working day, so its due-soon moment is
 * 08:00 on D. The worker's own sweeps put that moment into Redis (one job), and at 08:00 it
 * plans and sends. Each caseworker leads BENCH_REMINDERS / BENCH_RECIPIENTS journeys.
 * Lateness is from the real instant of that 08:00 to the SMTP server's acceptance. The
 * caseworkers' daily digests fall due at the same 08:00, as in service: they are counted
 * apart.
 *
 * Gives up after BENCH_TIMEOUT_SECONDS (default 1800) and counts what is left as missed.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/app/config.js';
import { runMigrations } from '../src/composition/migrate.js';
import { dueSoonAt } from '../src/reminders/reminder-times.js';
import { addWorkingDays, endOfLondonDay } from '../libs/working-days/src/index.js';
import { insertDuties, insertJourneys } from './reminders-journey-rows.js';
import { positive, required, databaseUrl, withClient, print, quantile, dropDatabase } from './bench-env.js';

const REMINDERS = positive('BENCH_REMINDERS', 10_000);
const RECIPIENTS = positive('BENCH_RECIPIENTS', 500);
const LEAD_MS = positive('BENCH_LEAD_SECONDS', 90) * 1000;
const KILL_AFTER = process.env.BENCH_KILL_AFTER ? positive('BENCH_KILL_AFTER', 100) : null;
const TIMEOUT_MS = positive('BENCH_TIMEOUT_SECONDS', 1800) * 1000;
const STARTUP_TIMEOUT_MS = 120_000;

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
    // A worker SIGKILLed mid-send (BENCH_KILL_AFTER) resets its connections: not the bench's failure.
    this.server.on('error', () => undefined);
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

/** The worker logs at info to .data/logs/bench-reminders-worker.log (ids and counts only): its moment runs say how long planning and sending took. */
function startProcess(entry: string, env: Record<string, string>): RunningProcess {
  const isWorker = entry.endsWith('worker.js');
  mkdirSync('.data/logs', { recursive: true });
  const out = isWorker ? openSync('.data/logs/bench-reminders-worker.log', 'a') : 'ignore';
  const child = spawn(process.execPath, [entry], { env: isWorker ? { ...env, LOG_LEVEL: 'info' } : env, stdio: ['ignore', out, 'inherit'] });
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
    NODE_ENV: 'development',
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

    // The moment: 08:00 London on the working day D before the duties' due day.
    const setUp = performance.now();
    const dueAt = endOfLondonDay(addWorkingDays(new Date(), 2));
    const moment = dueSoonAt(dueAt);
    await withClient(config.databaseUrl, async (client) => {
      const { rows } = await client.query<{ id: string }>(`INSERT INTO organisations (name, kind) VALUES ('Bench victim care', 'victim_care_service') RETURNING id`);
      const organisationId = rows[0].id;
      await client.query(
        `INSERT INTO users (id, email, display_name, organisation_id, roles, password_hash)
         SELECT md5('bench-user-' || i)::uuid, 'caseworker-' || i || '@bench.invalid', 'Bench caseworker ' || i, $2, ARRAY['caseworker'], 'bench-no-sign-in'
           FROM generate_series(1, $1) AS i`,
        [RECIPIENTS, organisationId],
      );
      await client.query(`INSERT INTO user_areas (user_id, area_id) SELECT u.id, a.id FROM users u CROSS JOIN areas a WHERE u.email LIKE '%@bench.invalid'`);
      await insertJourneys(client, REMINDERS, new Date(moment.getTime() - 86_400_000), organisationId);
      // Journey i is led by caseworker (i mod RECIPIENTS) + 1.
      await client.query(
        `UPDATE journeys j SET lead_worker_id = md5('bench-user-' || ((n.i % $1) + 1))::uuid
           FROM (SELECT generate_series(1, $2) AS i) n WHERE j.id = md5('bench-journey-' || n.i)::uuid`,
        [RECIPIENTS, REMINDERS],
      );
      await insertDuties(client, { count: REMINDERS, perJourney: 1, keyPrefix: 'bench', dueAtSql: '$2::timestamptz', dueParam: dueAt });
      await client.query('ANALYZE');
    });
    // The processes' clock reads 07:58:30 (LEAD) on D as they start: the offset, in whole seconds.
    const offsetSeconds = Math.round((moment.getTime() - LEAD_MS - Date.now()) / 1000);
    env.CLOCK_OFFSET = `${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds}s`;
    const dueInstant = moment.getTime() - offsetSeconds * 1000;

    api = startProcess('dist/src/main.js', env);
    worker = startProcess('dist/src/worker.js', env);
    await waitUntilReady(`http://127.0.0.1:${apiPort}/health/ready`, api);
    await waitUntilReady(`http://127.0.0.1:${healthPort}/health/ready`, worker);
    const lead = dueInstant - Date.now();
    print(`reminders bench: ${REMINDERS} duties of ${RECIPIENTS} caseworkers due-soon at 08:00 London on ${moment.toISOString()} (service clock), ${new Date(dueInstant).toISOString()} real (database ${database})`);
    print(`set-up ${seconds(performance.now() - setUp)}; the processes were ready with ${seconds(lead)} to spare`);
    if (lead <= 0) throw new Error('the set-up outlasted the lead: raise BENCH_LEAD_SECONDS');

    // Wait for the messages: bounded by the timeout, and ended early once every caseworker's is in.
    const deadline = dueInstant + TIMEOUT_MS;
    let lastReport = Date.now();
    let killedAt: number | null = null;
    const dueSoonIds = async () =>
      new Map<string, string>(
        await withClient(config.databaseUrl, async (client) =>
          (await client.query<{ id: string; recipient_email: string }>(`SELECT id, recipient_email FROM notifications WHERE kind = 'duty_due_soon'`)).rows.map(
            (row) => [row.id, row.recipient_email] as [string, string],
          ),
        ),
      );
    const emailsOf = (ids: Map<string, string>) => [...smtp.accepted.keys()].filter((messageId) => ids.has(/^<notification\.([0-9a-f-]{36})@/.exec(messageId)?.[1] ?? '')).length;
    while (Date.now() < deadline) {
      if (worker.child.exitCode !== null && killedAt === null) throw new Error(`the worker exited (${worker.child.exitCode})`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (Date.now() < dueInstant) continue;
      const ids = await dueSoonIds();
      const received = emailsOf(ids);
      if (KILL_AFTER !== null && killedAt === null && received >= KILL_AFTER) {
        worker.child.kill('SIGKILL');
        await worker.exited;
        killedAt = Date.now();
        print(`  SIGKILLed the worker ${seconds(killedAt - dueInstant)} after 08:00, with ${received} emails accepted; starting another`);
        worker = startProcess('dist/src/worker.js', env);
      }
      if (received >= RECIPIENTS) break;
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        process.stderr.write(`  ${received} of ${RECIPIENTS} due-soon emails accepted\n`);
      }
    }
    // Any doubles arrive a moment after their first: let the queue settle before counting.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const ids = await dueSoonIds();
    const rows: Array<{ recipient_email: string; status: string; message_id: string | null }> = await withClient(config.databaseUrl, async (client) =>
      (await client.query(`SELECT recipient_email, status, message_id FROM notifications WHERE kind = 'duty_due_soon'`)).rows,
    );
    const perRecipient = new Map<string, { emails: number; lateness: number }>();
    let strays = 0;
    let digests = 0;
    for (const [messageId, times] of smtp.accepted) {
      const recipient = ids.get(/^<notification\.([0-9a-f-]{36})@/.exec(messageId)?.[1] ?? '');
      if (!recipient) {
        strays += times.length;
        continue;
      }
      const seen = perRecipient.get(recipient) ?? { emails: 0, lateness: Number.POSITIVE_INFINITY };
      perRecipient.set(recipient, { emails: seen.emails + times.length, lateness: Math.min(seen.lateness, ...times.map((at) => at - dueInstant)) });
    }
    digests = strays;
    const listed = rows.filter((row) => row.status === 'sent').length;
    const lateness = [...perRecipient.values()].map((seen) => seen.lateness).sort((a, b) => a - b);
    const doubled = [...perRecipient.values()].filter((seen) => seen.emails > 1).length;
    const lastMs = lateness.length ? lateness[lateness.length - 1] : 0;

    print(`duties due: ${REMINDERS}; recorded sent in Postgres: ${listed} (rows), in ${new Set(rows.map((row) => row.message_id).filter(Boolean)).size} emails`);
    print(`caseworkers: ${RECIPIENTS}; reached: ${perRecipient.size}; missed: ${RECIPIENTS - perRecipient.size}; more than one due-soon email: ${doubled}`);
    print(`due-soon emails accepted by SMTP: ${[...perRecipient.values()].reduce((sum, seen) => sum + seen.emails, 0)}; other messages (the 08:00 digests): ${digests}`);
    if (lateness.length) {
      print(
        `lateness from 08:00 to SMTP accept, per caseworker: p50 ${seconds(quantile(lateness, 0.5))}, p95 ${seconds(quantile(lateness, 0.95))}, ` +
          `p99 ${seconds(quantile(lateness, 0.99))}, max ${seconds(lastMs)}`,
      );
      const first = lateness[0]!;
      print(`throughput: ${(lateness.length / Math.max(0.001, (lastMs - first) / 1000)).toFixed(0)} emails/s (${REMINDERS} duties listed in ${lateness.length} emails)`);
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
    await dropDatabase(database, admin);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? `bench failed: ${error.message}` : 'bench failed'}\n`);
    process.exit(1);
  },
);
