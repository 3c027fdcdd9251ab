/**
 * Audited reads against a bare server (issue 18): a journey read plus its timeline, at 50
 * and 200 concurrent clients, through the real api (`node dist/src/main.js`, a process of
 * its own), and through a bare Fastify + pg server (a process of its own too) that runs the
 * very SQL the api ran for those two reads (recorded from one call of each), with its audit
 * rows as a plain INSERT. This process only generates the load. Prints requests per second,
 * p50/p99 and the ratio, with no worker, and then with the worker (`dist/src/worker.js`)
 * sealing every 2 s. BENCH_SECONDS (default 10) per run, BENCH_JOURNEYS (default 50), after
 * BENCH_WARMUP_SECONDS (default 5) of unmeasured load on each server.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { type AppConfig, loadConfig } from '../src/app/config.js';
import { createHttpApp } from '../src/composition/http-app.js';
import { runMigrations } from '../src/composition/migrate.js';
import { Area } from '../src/identity/entities/area.entity.js';
import { SessionIssuer } from '../src/identity/session-issuer.js';
import { UsersRepository } from '../src/identity/users.repository.js';
import { admin, databaseUrl, positive, print, required, dropDatabase } from './bench-env.js';
import { child, type Child, freePort, load, type Recorded, record, serveBare } from './bare-baselines.js';

const SECONDS = positive('BENCH_SECONDS', 10);
const JOURNEYS = positive('BENCH_JOURNEYS', 50);
const WARMUP_SECONDS = positive('BENCH_WARMUP_SECONDS', 5);
const CONCURRENCY = [50, 200];

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
    const apiPort = await freePort();
    const api = await child(['dist/src/main.js'], { ...env, PORT: String(apiPort) }, `http://127.0.0.1:${apiPort}`, '/health/live');
    const barePort = await freePort();
    bare = await child(['dist/bench/audit-read-bench.js', 'bare', recorded, String(barePort)], env, `http://127.0.0.1:${barePort}`, '/nope');
    stopApi = api;
    print(`audited reads bench: journey + timeline, ${JOURNEYS} journeys, ${SECONDS} s per run; the api ran ${journeySql.length} + ${timelineSql.length} statements, replayed by the bare server`);

    // Both servers start cold: warm their JIT and pools first, so the first measured run
    // (no worker) is not penalised for going first.
    await load(api.base, bearer, journeyIds, 50, WARMUP_SECONDS);
    await load(bare.base, bearer, journeyIds, 50, WARMUP_SECONDS);

    for (const sealing of [false, true]) {
      const workerPort = await freePort();
      const worker = sealing
        ? await child(['dist/src/worker.js'], { ...env, WORKER_HEALTH_PORT: String(workerPort), AUDIT_SEAL_EVERY_MS: '2000' }, `http://127.0.0.1:${workerPort}`, '/health/live')
        : undefined;
      const sealedBefore = await sealedRows(config.databaseUrl);
      for (const clients of CONCURRENCY) {
        const viaApi = await load(api.base, bearer, journeyIds, clients, SECONDS);
        const plain = await load(bare.base, bearer, journeyIds, clients, SECONDS);
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
    await dropDatabase(database);
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
