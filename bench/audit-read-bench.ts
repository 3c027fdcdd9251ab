/**
 * Audited reads against a bare server (issue 18): a journey read plus its timeline, at 50
 * and 200 concurrent clients, through the real api (`node dist/src/main.js`, a process of
 * its own), and through a bare Fastify + pg server (a process of its own too) that runs the
 * very SQL the api ran for those two reads (recorded from one call of each), with its audit
 * rows as a plain INSERT. This process only generates the load. Prints requests per second,
 * p50/p99 and the ratio, with no worker, and then with the worker (`dist/src/worker.js`)
 * sealing every 2 s. BENCH_SECONDS (default 10) per run, BENCH_JOURNEYS (default 50).
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { type AppConfig, loadConfig } from '../src/app/config.js';
import { createHttpApp } from '../src/composition/http-app.js';
import { runMigrations } from '../src/composition/migrate.js';
import { Area } from '../src/identity/entities/area.entity.js';
import { SessionIssuer } from '../src/identity/session-issuer.js';
import { UsersRepository } from '../src/identity/users.repository.js';
import { admin, databaseUrl, positive, print, quantile, required } from './bench-env.js';

const SECONDS = positive('BENCH_SECONDS', 10);
const JOURNEYS = positive('BENCH_JOURNEYS', 50);
const CONCURRENCY = [50, 200];

interface Recorded {
  text: string;
  values: unknown[];
}

interface RunResult {
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
  /** Answers other than 200, by status (503: no pooled connection within 3 s, the api's fail-fast). */
  failedStatuses: Record<number, number>;
}

/** `clients` loops each asking for a journey and then its timeline, for SECONDS. */
async function load(base: string, bearer: string, journeyIds: readonly string[], clients: number): Promise<RunResult> {
  const latencies: number[] = [];
  let failures = 0;
  const failedStatuses: Record<number, number> = {};
  const until = performance.now() + SECONDS * 1000;
  const client = async (index: number) => {
    let turn = index;
    while (performance.now() < until) {
      const id = journeyIds[turn++ % journeyIds.length];
      for (const path of [`/api/v1/journeys/${id}`, `/api/v1/journeys/${id}/timeline`]) {
        const sent = performance.now();
        const response = await fetch(`${base}${path}`, { headers: { authorization: bearer, 'x-access-reason': 'bench' } });
        await response.arrayBuffer();
        latencies.push(performance.now() - sent);
        if (response.status !== 200) {
          failures += 1;
          failedStatuses[response.status] = (failedStatuses[response.status] ?? 0) + 1;
        }
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), failures, failedStatuses };
}

/**
 * The SQL one request ran, by statement, with the journey's id marked so the bare server
 * can put another journey's in: recorded by wrapping pg's query while the api answers once.
 */
async function record(base: string, bearer: string, path: string, journeyId: string): Promise<Recorded[]> {
  const recorded: Recorded[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [text, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    const sql = typeof text === 'string' ? text : text.text;
    recorded.push({ text: sql, values: (typeof text === 'string' ? values : text.values) ?? [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    const response = await fetch(`${base}${path}`, { headers: { authorization: bearer, 'x-access-reason': 'bench' } });
    await response.arrayBuffer();
  } finally {
    pg.Client.prototype.query = original;
  }
  return recorded.map(({ text, values }) => ({ text, values: values.map((value) => (value === journeyId ? '$JOURNEY' : value)) }));
}

/** The bare server: Fastify + pg (a pool of 10, as the api's), replaying the recorded SQL per request. */
export async function serveBare(url: string, journey: Recorded[], timeline: Recorded[], port: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const server = Fastify({ logger: false });
  const replay = async (statements: Recorded[], id: string) => {
    const client = await pool.connect();
    let last: unknown[] = [];
    try {
      for (const statement of statements) {
        const result = await client.query(statement.text, statement.values.map((value) => (value === '$JOURNEY' ? id : value)));
        if (result.rows.length) last = result.rows;
      }
    } finally {
      client.release();
    }
    return last;
  };
  server.get('/api/v1/journeys/:id', async (request) => replay(journey, (request.params as { id: string }).id));
  server.get('/api/v1/journeys/:id/timeline', async (request) => replay(timeline, (request.params as { id: string }).id));
  await server.listen({ port, host: '127.0.0.1' });
}

interface Child {
  base: string;
  stop(): Promise<void>;
}

/** A node process of ours, up once `base` answers. */
async function child(args: string[], env: Record<string, string>, base: string, probe: string): Promise<Child> {
  const process_ = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}${probe}`)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || process_.exitCode !== null) throw new Error(`${args.join(' ')} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    base,
    stop: () =>
      new Promise<void>((resolve) => {
        process_.once('exit', () => resolve());
        process_.kill('SIGTERM');
      }),
  };
}

async function main(): Promise<void> {
  const run = randomBytes(4).toString('hex');
  const database = `vjs_bench_${run}`;
  await admin((client) => client.query(`CREATE DATABASE ${database}`));
  const config: AppConfig = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl(required('DATABASE_URL'), database),
    REDIS_URL: required('REDIS_URL'),
    SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:2525',
    REDIS_PREFIX: `vjs-bench-${run}`,
    LOG_LEVEL: 'warn',
  });
  let app: NestFastifyApplication | undefined;
  let bare: Child | undefined;
  let stopApi: Child | undefined;
  try {
    await runMigrations(config.databaseUrl);
    app = await createHttpApp(config);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const manager = app.get(DataSource).manager;
    const users = app.get(UsersRepository);
    const area = await manager.findOneByOrFail(Area, { code: 'cleveland' });
    const organisation = await users.insertOrganisation(manager, { name: `Bench VCS ${run}`, kind: 'victim_care_service', teamEmail: null });
    const user = await users.insert(
      manager,
      {
        email: `bench-${run}@bench.invalid`, displayName: 'Bench caseworker', organisationId: organisation.id, roles: ['caseworker'],
        passwordHash: 'bench-user-signs-in-by-minted-session', mustChangePassword: false, sessionsValidAfter: new Date(Date.now() - 60_000), disabledAt: null,
        lastLoginAt: null, apiKeyPrefix: null, apiKeyHash: null, supervisorId: null,
      },
      [area.id],
    );
    const tokens = await app.get(SessionIssuer).issue(manager, user, randomUUID(), new Date());
    const bearer = `Bearer ${tokens.accessToken}`;
    const journeyIds: string[] = [];
    for (let index = 0; index < JOURNEYS; index += 1) {
      const response = await fetch(`${base}/api/v1/referrals`, {
        method: 'POST',
        headers: { authorization: bearer, 'content-type': 'application/json' },
        body: JSON.stringify({
          areaId: area.id,
          role: 'victim',
          crime: { crimeReference: `CLE/26/B${run}${index}`.toUpperCase(), offenceCategory: 'burglary', reportedAt: new Date(Date.now() - 3_600_000).toISOString() },
          person: { givenName: 'Bench', familyName: `Person-${index}`, dateOfBirth: '1980-02-01' },
          consent: { referral: 'not_objected' },
        }),
      });
      const body = (await response.json()) as { journeyId?: string };
      if (response.status !== 201 || !body.journeyId) throw new Error(`referral failed: ${response.status} ${JSON.stringify(body)}`);
      journeyIds.push(body.journeyId);
    }
    const journeySql = await record(base, bearer, `/api/v1/journeys/${journeyIds[0]}`, journeyIds[0]);
    const timelineSql = await record(base, bearer, `/api/v1/journeys/${journeyIds[0]}/timeline`, journeyIds[0]);
    await app.close();
    app = undefined;
    const recorded = join(tmpdir(), `vjs-bench-${run}.json`);
    writeFileSync(recorded, JSON.stringify({ url: config.databaseUrl, journeySql, timelineSql }));
    const env = {
      NODE_ENV: 'development', DATABASE_URL: config.databaseUrl, REDIS_URL: config.redisUrl, SMTP_URL: config.smtp.url,
      REDIS_PREFIX: config.redisPrefix, LOG_LEVEL: 'warn', HOST: '127.0.0.1',
    };
    const apiPort = 39_000 + Math.floor(Math.random() * 500);
    const api = await child(['dist/src/main.js'], { ...env, PORT: String(apiPort) }, `http://127.0.0.1:${apiPort}`, '/health/live');
    const barePort = apiPort + 500;
    bare = await child(['dist/bench/audit-read-bench.js', 'bare', recorded, String(barePort)], env, `http://127.0.0.1:${barePort}`, '/nope');
    stopApi = api;
    print(`audited reads bench: journey + timeline, ${JOURNEYS} journeys, ${SECONDS} s per run; the api ran ${journeySql.length} + ${timelineSql.length} statements, replayed by the bare server`);

    for (const sealing of [false, true]) {
      const worker = sealing
        ? await child(['dist/src/worker.js'], { ...env, WORKER_HEALTH_PORT: String(apiPort + 250), AUDIT_SEAL_EVERY_MS: '2000' }, `http://127.0.0.1:${apiPort + 250}`, '/health/live')
        : undefined;
      const sealedBefore = await sealedRows(config.databaseUrl);
      for (const clients of CONCURRENCY) {
        const viaApi = await load(api.base, bearer, journeyIds, clients);
        const plain = await load(bare.base, bearer, journeyIds, clients);
        print(
          `${sealing ? 'worker sealing every 2 s' : 'no worker (nothing sealed)'} | ${String(clients).padStart(3)} clients | api ${viaApi.perSecond.toFixed(0)} req/s ` +
            `p50 ${viaApi.p50.toFixed(1)} ms p99 ${viaApi.p99.toFixed(1)} ms | bare ${plain.perSecond.toFixed(0)} req/s p50 ${plain.p50.toFixed(1)} ms ` +
            `p99 ${plain.p99.toFixed(1)} ms | ratio ${((100 * viaApi.perSecond) / plain.perSecond).toFixed(0)}%` +
            (viaApi.failures > 0 ? ` | api failed ${viaApi.failures} ${JSON.stringify(viaApi.failedStatuses)}` : '') +
            (plain.failures > 0 ? ` | bare failed ${plain.failures} ${JSON.stringify(plain.failedStatuses)}` : ''),
        );
      }
      if (worker) {
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        print(`  the worker sealed ${(await sealedRows(config.databaseUrl)) - sealedBefore} rows while the load ran`);
        await worker.stop();
      }
    }
  } finally {
    await bare?.stop();
    await stopApi?.stop();
    await app?.close();
    const redis = new Redis(config.redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.redisPrefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}

async function sealedRows(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query('SELECT count(*)::int AS n FROM audit_chain')).rows[0].n);
  } finally {
    await client.end();
  }
}

async function bareMain(file: string, port: number): Promise<void> {
  const { url, journeySql, timelineSql } = JSON.parse(readFileSync(file, 'utf8')) as { url: string; journeySql: Recorded[]; timelineSql: Recorded[] };
  await serveBare(url, journeySql, timelineSql, port);
}

(process.argv[2] === 'bare' ? bareMain(process.argv[3]!, Number(process.argv[4])).then(() => new Promise(() => undefined)) : main()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
