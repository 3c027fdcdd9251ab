/**
 * The api's hot paths as a ratio of bare baselines doing the same work on the same
 * PostgreSQL (issue 20), alternated in the same minutes so that the machine's state is
 * shared: project, then baseline, then baseline, then project, and so on, BENCH_PAIRS
 * (default 3) pairs of BENCH_SECONDS (default 10) each.
 *
 * - **Reads, 50 and 200 concurrent:** a journey and its timeline through the real api (a
 *   process of its own) against a bare Fastify + pg server (a process of its own) replaying
 *   the very statements the api ran for those two reads, with its audit rows as plain
 *   INSERTs. Goal: ratio at least 0.60.
 * - **Referral create, 16 concurrent:** POST /api/v1/referrals with an Idempotency-Key
 *   against the bare server running, in one transaction, only the writes the api made for
 *   one referral (its INSERTs and UPDATEs with fresh ids and references: the same rows, the
 *   fewest statements). Goal: at least 0.50.
 *
 * It prints, per row, the medians and spread (min-max) of both sides and of the per-pair
 * ratios. The CSV import, the reminder sweep against its statements bare and the reports
 * against their plain aggregates have their own benches (bench:referrals, bench:sweep,
 * bench:reports), each with data far larger than these rows: bench/ratios-bench.sh runs
 * them after this and prints their ratio lines.
 * BENCH_SHOW_SQL=1 prints the statements one referral costs the api. BENCH_PROFILE=1 runs
 * the read rows only (or the BENCH_ONLY rows), with the api under `node --cpu-prof`, and
 * prints the api's top 10 functions by self time (issue 20 asks for the top 5 of a read).
 * BENCH_ONLY=referral (any part of a row's name) runs only the rows whose name contains
 * it, to measure one change.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
import { child, type Child, freePort, load, type Recorded, record, recordRequest, type RunResult } from './bare-baselines.js';
import { admin, databaseUrl, positive, print, quantile, required, dropDatabase } from './bench-env.js';
import { topSelfTime } from './cpu-profile.js';

const SECONDS = positive('BENCH_SECONDS', 10);
const PROFILE = process.env.BENCH_PROFILE === '1';
const PAIRS = positive('BENCH_PAIRS', 3);
const JOURNEYS = positive('BENCH_JOURNEYS', 50);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const UUID_ONLY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Stands in for whatever must be unique per referral (crime reference, key, names). */
const TOKEN = 'QQBENCHTOKENQQ';

interface ReferralTemplate {
  /** The api's writes for one referral, with its unique strings as TOKEN and its journey reference as $REFERENCE. */
  writes: Recorded[];
  /** Ids that were there before the referral (area, user, organisation): kept as they are. */
  fixedIds: string[];
}

function referralBody(areaId: string, token: string) {
  return {
    areaId,
    role: 'victim',
    crime: { crimeReference: `CLE/26/${token}`, offenceCategory: 'burglary', reportedAt: new Date(Date.now() - 3_600_000).toISOString() },
    person: { givenName: 'Bench', familyName: `Person ${token}`, dateOfBirth: '1980-02-01' },
    consent: { referral: 'not_objected' },
  };
}

/** `clients` loops each recording a new referral, for SECONDS. */
async function referralLoad(url: string, headers: Record<string, string>, areaId: string, clients: number, bare: boolean): Promise<RunResult> {
  const latencies: number[] = [];
  let failures = 0;
  const failedStatuses: Record<number, number> = {};
  const until = performance.now() + SECONDS * 1000;
  const client = async () => {
    while (performance.now() < until) {
      const token = randomBytes(6).toString('hex').toUpperCase();
      const sent = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `bench-${token}` },
        body: JSON.stringify(bare ? { token } : referralBody(areaId, token)),
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - sent);
      if (response.status !== 201) {
        failures += 1;
        failedStatuses[response.status] = (failedStatuses[response.status] ?? 0) + 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, () => client()));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), failures, failedStatuses };
}

/** A recorded value with this replay's fresh ids and unique strings. */
function refresh(value: unknown, fixed: ReadonlySet<string>, ids: Map<string, string>, token: string, reference: string): unknown {
  if (typeof value === 'string') {
    return value
      .replace(UUID, (id) => (fixed.has(id) ? id : (ids.get(id) ?? ids.set(id, randomUUID()).get(id)!)))
      .replaceAll(TOKEN, token)
      .replaceAll('$REFERENCE', reference);
  }
  if (Array.isArray(value)) return value.map((item) => refresh(item, fixed, ids, token, reference));
  return value;
}

/** The bare server: the recorded reads replayed per request, and a referral's writes in one transaction. */
async function serveBare(url: string, journey: Recorded[], timeline: Recorded[], referral: ReferralTemplate, port: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const server = Fastify({ logger: false });
  const fixed = new Set(referral.fixedIds);
  let told = false;
  server.setErrorHandler((error: Error, _request, reply) => {
    // Once: a baseline that fails measures nothing, so say why.
    if (!told) console.error(`bare server: ${error.message}`);
    told = true;
    return reply.status(500).send({ error: error.message });
  });
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
  let references = 0;
  server.post('/bare/referrals', async (request, reply) => {
    const { token } = request.body as { token: string };
    const ids = new Map<string, string>();
    const reference = `BENCH/${process.pid}/${(references += 1)}`;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const statement of referral.writes) {
        const result = await client.query(statement.text, statement.values.map((value) => refresh(value, fixed, ids, token, reference)));
        // Ids the database made here stand for the recorded ones in the statements after.
        statement.rows?.forEach((row, index) => {
          for (const [column, was] of Object.entries(row as Record<string, unknown>)) {
            const now = (result.rows[index] as Record<string, unknown> | undefined)?.[column];
            if (typeof was === 'string' && typeof now === 'string' && UUID_ONLY.test(was) && !fixed.has(was)) ids.set(was, now);
          }
        });
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    return reply.status(201).send({ reference });
  });
  await server.listen({ port, host: '127.0.0.1' });
}

/** One POST /referrals recorded, its writes kept, with what must be unique marked. */
async function recordReferral(base: string, bearer: string, areaId: string, database: string): Promise<ReferralTemplate> {
  const statements = await recordRequest(`${base}/api/v1/referrals`, {
    method: 'POST',
    headers: { authorization: bearer, 'content-type': 'application/json', 'idempotency-key': `bench-${TOKEN}` },
    body: JSON.stringify(referralBody(areaId, TOKEN)),
  });
  if (process.env.BENCH_SHOW_SQL === '1') {
    print(`the api's statements for one referral (${statements.length}):`);
    for (const { text } of statements) print(`  ${text.replace(/\s+/g, ' ').trim().slice(0, 140)}`);
  }
  const reference = await withDatabase(database, async (client) => (await client.query(`SELECT reference FROM journeys WHERE crime_id = (SELECT id FROM crimes WHERE crime_reference = $1)`, [`CLE/26/${TOKEN}`])).rows[0].reference as string);
  const isWrite = (text: string) => /^\s*(INSERT|UPDATE|DELETE)\b/i.test(text);
  const uuidsIn = (value: unknown) => JSON.stringify(value ?? null).match(UUID) ?? [];
  // The writes, and the reads whose answer gives an id the writes use (a crime found after
  // an INSERT ... ON CONFLICT DO NOTHING): the bare transaction needs those ids too.
  const usedByWrites = new Set(statements.filter(({ text }) => isWrite(text)).flatMap(({ values }) => uuidsIn(values)));
  const known = new Set<string>();
  const kept: Recorded[] = [];
  for (const statement of statements) {
    const gives = uuidsIn(statement.rows).filter((id) => usedByWrites.has(id) && !known.has(id));
    if (isWrite(statement.text) || (/^\s*SELECT\b/i.test(statement.text) && gives.length > 0)) kept.push(statement);
    for (const id of [...uuidsIn(statement.values), ...gives]) known.add(id);
  }
  const writes = kept.map(({ text, values, rows }) => ({
    text,
    rows,
    values: values.map((value) => (typeof value === 'string' ? value.replaceAll(reference, '$REFERENCE') : value)),
  }));
  const seen = new Set(writes.flatMap(({ values }) => uuidsIn(values)));
  const fixedIds = await withDatabase(database, async (client) => {
    const rows = await client.query(
      `SELECT id::text FROM users WHERE id = ANY($1::uuid[]) UNION SELECT id::text FROM areas WHERE id = ANY($1::uuid[])
       UNION SELECT id::text FROM organisations WHERE id = ANY($1::uuid[])`,
      [[...seen]],
    );
    return rows.rows.map((row: { id: string }) => row.id);
  });
  return { writes, fixedIds };
}

async function withDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const median = (values: readonly number[]) => quantile([...values].sort((a, b) => a - b), 0.5);
const spread = (values: readonly number[], digits = 0) => `${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}`;

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
  const children: Child[] = [];
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
        body: JSON.stringify(referralBody(area.id, `R${run}${index}`.toUpperCase())),
      });
      const body = (await response.json()) as { journeyId?: string };
      if (response.status !== 201 || !body.journeyId) throw new Error(`referral failed: ${response.status} ${JSON.stringify(body)}`);
      journeyIds.push(body.journeyId);
    }
    const journeySql = await record(base, bearer, `/api/v1/journeys/${journeyIds[0]}`, journeyIds[0]);
    const timelineSql = await record(base, bearer, `/api/v1/journeys/${journeyIds[0]}/timeline`, journeyIds[0]);
    const referral = await recordReferral(base, bearer, area.id, config.databaseUrl);
    await app.close();
    app = undefined;

    const recorded = join(tmpdir(), `vjs-ratios-${run}.json`);
    writeFileSync(recorded, JSON.stringify({ url: config.databaseUrl, journeySql, timelineSql, referral }));
    const env = {
      NODE_ENV: 'development', DATABASE_URL: config.databaseUrl, REDIS_URL: config.redisUrl, SMTP_URL: config.smtp.url,
      REDIS_PREFIX: config.redisPrefix, LOG_LEVEL: 'warn', HOST: '127.0.0.1',
    };
    const startedAt = performance.now();
    const apiPort = await freePort();
    const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'vjs-ratios-profile-')) : null;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    const apiArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, 'dist/src/main.js'] : ['dist/src/main.js'];
    const api = await child(apiArgs, { ...env, PORT: String(apiPort) }, `http://127.0.0.1:${apiPort}`, '/health/live');
    const apiStartMs = performance.now() - startedAt;
    children.push(api);
    const barePort = await freePort();
    const bare = await child(['dist/bench/ratios-bench.js', 'bare', recorded, String(barePort)], env, `http://127.0.0.1:${barePort}`, '/nope');
    children.push(bare);
    print(
      `ratios bench: ${PAIRS} alternated pairs of ${SECONDS} s; reads replay the api's ${journeySql.length} + ${timelineSql.length} statements; ` +
        `a referral's bare transaction runs the api's ${referral.writes.length} writes; the api started (to /health/live) in ${apiStartMs.toFixed(0)} ms`,
    );

    const allRows = [
      { name: 'journey and timeline read, 50 concurrent', goal: 0.6, project: () => load(api.base, bearer, journeyIds, 50, SECONDS), baseline: () => load(bare.base, bearer, journeyIds, 50, SECONDS) },
      { name: 'journey and timeline read, 200 concurrent', goal: 0.6, project: () => load(api.base, bearer, journeyIds, 200, SECONDS), baseline: () => load(bare.base, bearer, journeyIds, 200, SECONDS) },
      {
        name: 'referral create, 16 concurrent',
        goal: 0.5,
        project: () => referralLoad(`${api.base}/api/v1/referrals`, { authorization: bearer }, area.id, 16, false),
        baseline: () => referralLoad(`${bare.base}/bare/referrals`, {}, area.id, 16, true),
      },
    ];
    const only = process.env.BENCH_ONLY;
    const rows = allRows.filter((row) => (only ? row.name.includes(only) : !PROFILE || row.name.includes('read')));
    print(`${'what'.padEnd(44)} ${'project /s (spread)'.padEnd(22)} ${'bare /s (spread)'.padEnd(22)} ${'ratio (spread)'.padEnd(18)} ${'p99 ms project/bare'.padEnd(20)} goal`);
    for (const row of rows) {
      const project: RunResult[] = [];
      const baseline: RunResult[] = [];
      for (let pair = 0; pair < PAIRS; pair += 1) {
        // Alternate which side goes first, so neither always runs on a warmer machine.
        if (pair % 2 === 0) {
          project.push(await row.project());
          baseline.push(await row.baseline());
        } else {
          baseline.push(await row.baseline());
          project.push(await row.project());
        }
      }
      const ratios = project.map((result, index) => result.perSecond / baseline[index].perSecond);
      const failures = (results: RunResult[]) => {
        const statuses: Record<number, number> = {};
        for (const result of results) for (const [status, count] of Object.entries(result.failedStatuses)) statuses[Number(status)] = (statuses[Number(status)] ?? 0) + count;
        return Object.entries(statuses).map(([status, count]) => `${count} x ${status}`).join(', ');
      };
      const failed = [failures(project) && `project failed ${failures(project)}`, failures(baseline) && `bare failed ${failures(baseline)}`].filter(Boolean).join('; ');
      print(
        `${row.name.padEnd(44)} ${`${median(project.map((r) => r.perSecond)).toFixed(0)} (${spread(project.map((r) => r.perSecond))})`.padEnd(22)} ` +
          `${`${median(baseline.map((r) => r.perSecond)).toFixed(0)} (${spread(baseline.map((r) => r.perSecond))})`.padEnd(22)} ` +
          `${`${median(ratios).toFixed(2)} (${spread(ratios, 2)})`.padEnd(18)} ` +
          `${`${median(project.map((r) => r.p99)).toFixed(0)}/${median(baseline.map((r) => r.p99)).toFixed(0)}`.padEnd(20)} ` +
          `>= ${row.goal.toFixed(2)} ${median(ratios) >= row.goal ? 'met' : 'NOT MET'}${failed ? ` (${failed})` : ''}`,
      );
    }
    if (profileDir) {
      // The api writes its profile as it exits.
      await children.shift()!.stop();
      const { rows: top, busyMs } = topSelfTime(profileDir, 10);
      print(`\napi self time over the ${only ? `'${only}'` : 'read'} rows (node --cpu-prof, ${(busyMs / 1000).toFixed(1)} s of CPU; ${profileDir}):`);
      for (const row of top) print(`  ${row.percent.toFixed(1).padStart(5)}%  ${row.name}  ${row.where}`);
    }
  } finally {
    for (const running of children.reverse()) await running.stop();
    await app?.close();
    const redis = new Redis(config.redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.redisPrefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
    await dropDatabase(database);
  }
}

async function bareMain(file: string, port: number): Promise<void> {
  const { url, journeySql, timelineSql, referral } = JSON.parse(readFileSync(file, 'utf8')) as {
    url: string; journeySql: Recorded[]; timelineSql: Recorded[]; referral: ReferralTemplate;
  };
  await serveBare(url, journeySql, timelineSql, referral, port);
}

(process.argv[2] === 'bare' ? bareMain(process.argv[3]!, Number(process.argv[4])).then(() => new Promise(() => undefined)) : main()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
