/**
 * Referral intake throughput: one CSV file through the import (upload to completed) and
 * single referrals through POST /api/v1/referrals as a partner system with
 * Idempotency-Keys. Boots the api (HTTP on a free port) in this process and the worker as a
 * process of its own (dist/src/worker.js, as deployed), against a freshly migrated database
 * of its own, and removes it afterwards. It prints the worker's peak resident memory (the
 * kernel's VmHWM, read as the import finishes: issue 20 asks for under 300 MB at 100k rows).
 * Then the import's bare baseline: the very rows its transaction wrote, COPYed in one
 * transaction into empty copies of their tables (same indexes, checks and foreign keys), and
 * the ratio; and again without the foreign keys, a lower bound no checked insert can reach.
 * WORKER_NODE_FLAGS (space-separated) go to the worker's node; by default the heap it is deployed
 * with (`--max-old-space-size=512`), and `WORKER_NODE_FLAGS=` (empty) shows V8's default heap.
 *
 *   npm run bench:referrals                        # 100,000 CSV rows, 50,000 API referrals
 *   BENCH_CSV_ROWS=5000 BENCH_API_ROWS=2000 npm run bench:referrals
 *
 * Traffic goes to 127.0.0.1 only; every loop is bounded by its row count.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../src/app/config.js';
import { createHttpApp } from '../src/composition/http-app.js';
import { runMigrations } from '../src/composition/migrate.js';
import { newApiKey } from '../src/identity/credentials.js';
import { Area } from '../src/identity/entities/area.entity.js';
import { UsersRepository } from '../src/identity/users.repository.js';
import { child, type Child, freePort } from './bare-baselines.js';
import { positive, required, databaseUrl, admin, print, quantile, dropDatabase } from './bench-env.js';

const CSV_ROWS = positive('BENCH_CSV_ROWS', 100_000);
const API_ROWS = positive('BENCH_API_ROWS', 50_000);
const CONCURRENCY = positive('BENCH_API_CONCURRENCY', 8);
/** The longest the bench waits for the import to finish before it gives up. */
const IMPORT_TIMEOUT_MS = positive('BENCH_IMPORT_TIMEOUT_SECONDS', 3600) * 1000;
const OFFENCES = ['burglary', 'theft', 'criminal_damage', 'robbery', 'fraud', 'violence_with_injury'];

const reportedAt = () => new Date(Date.now() - 24 * 3600_000).toISOString();

function csvFile(rows: number, run: string): string {
  const lines = ['area_code,role,crime_reference,offence_category,offence_date,reported_at,given_name,family_name,date_of_birth,phone,preferred_contact_method,referral_consent,consent_recorded_by'];
  const reported = reportedAt();
  for (let index = 0; index < rows; index++) {
    lines.push(
      `cleveland,victim,BCSV/${run}/${index},${OFFENCES[index % OFFENCES.length]},,${reported},Bench,"Csv-${index}, Row",1980-02-01,07700 900123,phone,not_objected,PC 1234 Smith`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function referral(areaId: string, run: string, index: number) {
  return {
    areaId,
    role: 'victim',
    crime: { crimeReference: `BAPI/${run}/${index}`, offenceCategory: OFFENCES[index % OFFENCES.length], reportedAt: reportedAt() },
    person: { givenName: 'Bench', familyName: `Api-${index}`, dateOfBirth: '1980-02-01', phone: '07700 900123', preferredContactMethod: 'phone' },
    consent: { referral: 'not_objected', recordedBy: 'PC 1234 Smith' },
  };
}

/** A process's peak resident set so far (VmHWM), in MiB, from /proc (Linux). */
function peakRssMiB(pid: number): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM for process ${pid}`);
  return Number(match[1]) / 1024;
}

async function benchCsv(base: string, apiKey: string, run: string, workerPid: number, ownerUrl: string): Promise<void> {
  const file = csvFile(CSV_ROWS, run);
  const started = performance.now();
  const upload = await fetch(`${base}/api/v1/referral-imports?mode=all_or_nothing&fileName=bench.csv`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', 'x-api-key': apiKey, 'idempotency-key': randomUUID() },
    body: file,
  });
  if (upload.status !== 202) throw new Error(`upload answered ${upload.status}: ${await upload.text()}`);
  const { id } = (await upload.json()) as { id: string };
  const uploadedMs = performance.now() - started;
  let status: { status: string; importedRows: number; linkedRows: number; rejectedRows: number; problemCount: number; failure: string | null };
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    status = (await (await fetch(`${base}/api/v1/referral-imports/${id}`, { headers: { 'x-api-key': apiKey } })).json()) as typeof status;
    if (['completed', 'rejected', 'failed'].includes(status.status)) break;
    if (performance.now() - started > IMPORT_TIMEOUT_MS) throw new Error('the import did not finish in time');
  }
  const seconds = (performance.now() - started) / 1000;
  if (status.status !== 'completed' || status.importedRows !== CSV_ROWS) {
    throw new Error(`the import ended ${status.status} (${status.importedRows} imported, ${status.problemCount} problems, ${status.failure ?? ''})`);
  }
  print(
    `csv: ${CSV_ROWS} rows (${(Buffer.byteLength(file) / 1048576).toFixed(1)} MiB) in ${seconds.toFixed(1)} s ` +
      `(upload ${(uploadedMs / 1000).toFixed(1)} s) = ${(CSV_ROWS / seconds).toFixed(0)} rows/s; ` +
      `worker peak RSS ${peakRssMiB(workerPid).toFixed(0)} MiB, api + bench process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
  );
  // The bare work twice: COPY with the same foreign keys as the real tables (each row's references checked, as the
  // import's are), and without them (indexes and checks only: a lower bound no insert can reach).
  for (const copied of await copyBaseline(ownerUrl, id)) {
    print(
      `copy${copied.foreignKeys > 0 ? '' : ' without foreign keys'}: the same ${copied.rows} rows in ${copied.tables} tables, COPYed in one transaction into copies of those tables ` +
        `(their indexes and checks, ${copied.foreignKeys > 0 ? `their ${copied.foreignKeys} foreign keys` : 'no foreign keys'}; no triggers fire on insert) in ${copied.seconds.toFixed(1)} s = ` +
        `${(CSV_ROWS / copied.seconds).toFixed(0)} referrals/s; import/COPY ratio ${(copied.seconds / seconds).toFixed(2)}${copied.foreignKeys > 0 ? ' (goal >= 0.30)' : ''}`,
    );
  }
}

interface CopyResult {
  rows: number;
  tables: number;
  foreignKeys: number;
  seconds: number;
}

/**
 * Issue 20's bare baseline for the import: the rows its transaction wrote (every table's
 * rows with the import's xmin), exported once, then COPYed in one transaction into empty
 * copies of those tables (`LIKE ... INCLUDING ALL`: same indexes, defaults and checks),
 * timed, twice: first with each real table's foreign keys on its copy, pointing at the copies
 * where the referenced table was copied too (else at the real table), parents loaded first;
 * then without foreign keys. The only triggers on these tables (audit_log's) refuse UPDATE,
 * DELETE and TRUNCATE, so none would fire on a COPY.
 */
async function copyBaseline(ownerUrl: string, importId: string): Promise<CopyResult[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const dir = mkdtempSync(join(tmpdir(), 'vjs-copy-'));
  try {
    const [{ xid }] = (await client.query(`SELECT xmin::text AS xid FROM referrals WHERE import_id = $1 LIMIT 1`, [importId])).rows as Array<{ xid: string }>;
    const tables = (await client.query(`SELECT relname FROM pg_stat_user_tables WHERE schemaname = 'public' ORDER BY relname`)).rows as Array<{ relname: string }>;
    // Exported in one snapshot (one psql transaction, repeatable read), before anything (the outbox relay) changes them.
    const exports: string[] = ['SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;'];
    const columnsOf = new Map<string, string>();
    for (const { relname } of tables) {
      const columns = ((await client.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
        [relname],
      )).rows as Array<{ column_name: string }>).map((column) => `"${column.column_name}"`).join(', ');
      columnsOf.set(relname, columns);
      exports.push(`\\copy (SELECT ${columns} FROM public.${relname} WHERE xmin::text = '${xid}') TO '${join(dir, `${relname}.copy`)}'`);
    }
    writeFileSync(join(dir, 'export.sql'), `${exports.join('\n')}\n`);
    execFileSync('psql', [ownerUrl, '-qX', '-1', '-v', 'ON_ERROR_STOP=1', '-f', join(dir, 'export.sql')]);
    const loads = new Map<string, string>();
    let rows = 0;
    for (const { relname } of tables) {
      const file = join(dir, `${relname}.copy`);
      // Text COPY writes one line per row (newlines inside values are escaped).
      const exported = readFileSync(file, 'utf8').split('\n').length - 1;
      if (exported === 0) continue;
      loads.set(relname, `\\copy bench_copy.${relname} (${columnsOf.get(relname)}) FROM '${file}'`);
      rows += exported;
    }
    const constraints = (await client.query(`
      SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`)).rows as Array<{ child: string; parent: string; name: string; definition: string }>;
    const results: CopyResult[] = [];
    for (const foreignKeys of [true, false]) {
      await client.query(`DROP SCHEMA IF EXISTS bench_copy CASCADE; CREATE SCHEMA bench_copy`);
      for (const table of loads.keys()) await client.query(`CREATE TABLE bench_copy.${table} (LIKE public.${table} INCLUDING ALL)`);
      const copiedKeys = foreignKeys ? constraints.filter((constraint) => loads.has(constraint.child)) : [];
      for (const constraint of copiedKeys) {
        const target = loads.has(constraint.parent) ? `bench_copy.${constraint.parent}` : `public.${constraint.parent}`;
        const definition = constraint.definition.replace(/REFERENCES ([a-z_]+)\(/, `REFERENCES ${target}(`);
        await client.query(`ALTER TABLE bench_copy.${constraint.child} ADD CONSTRAINT ${constraint.name} ${definition}`);
      }
      // Parents first: a table is loaded once every copied table it references is.
      const order: string[] = [];
      const pending = new Set(loads.keys());
      while (pending.size > 0) {
        const ready = [...pending].filter((table) => !copiedKeys.some((constraint) => constraint.child === table && constraint.parent !== table && pending.has(constraint.parent)));
        if (ready.length === 0) throw new Error(`copy baseline: the foreign keys of ${[...pending].join(', ')} go round in a circle`);
        for (const table of ready) {
          order.push(table);
          pending.delete(table);
        }
      }
      writeFileSync(join(dir, 'load.sql'), `${order.map((table) => loads.get(table)!).join('\n')}\n`);
      const started = performance.now();
      execFileSync('psql', [ownerUrl, '-qX', '-1', '-v', 'ON_ERROR_STOP=1', '-f', join(dir, 'load.sql')]);
      results.push({ rows, tables: order.length, foreignKeys: copiedKeys.length, seconds: (performance.now() - started) / 1000 });
      await client.query(`DROP SCHEMA bench_copy CASCADE`);
    }
    return results;
  } finally {
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchApi(base: string, apiKey: string, areaId: string, run: string): Promise<void> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const client = async () => {
    for (let index = next++; index < API_ROWS; index = next++) {
      const sent = performance.now();
      const response = await fetch(`${base}/api/v1/referrals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'idempotency-key': randomUUID() },
        body: JSON.stringify(referral(areaId, run, index)),
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - sent);
      if (response.status !== 201) failures++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  print(
    `api: ${API_ROWS} referrals, concurrency ${CONCURRENCY}, in ${seconds.toFixed(1)} s = ${(API_ROWS / seconds).toFixed(0)} rows/s; ` +
      `latency p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms; ${failures} not 201`,
  );
  if (failures > 0) throw new Error(`${failures} referrals were not created`);
}

async function main(): Promise<void> {
  const run = randomBytes(4).toString('hex');
  const database = `vjs_bench_${run}`;
  await admin((client) => client.query(`CREATE DATABASE ${database}`));
  let app: NestFastifyApplication | undefined;
  let worker: Child | undefined;
  const config: AppConfig = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl(required('DATABASE_URL'), database),
    REDIS_URL: required('REDIS_URL'),
    SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:2525',
    REDIS_PREFIX: `vjs-bench-${run}`,
    LOG_LEVEL: 'warn',
    REFERRAL_IMPORT_MAX_BYTES: String(512 * 1024 * 1024),
  });
  try {
    await runMigrations(config.databaseUrl);
    app = await createHttpApp(config);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${address.port}`;
    const healthPort = await freePort();
    worker = await child(
      [...(process.env.WORKER_NODE_FLAGS ?? '--max-old-space-size=512').split(' ').filter(Boolean), 'dist/src/worker.js'],
      {
        NODE_ENV: 'development', DATABASE_URL: config.databaseUrl, REDIS_URL: config.redisUrl, SMTP_URL: config.smtp.url,
        REDIS_PREFIX: config.redisPrefix, LOG_LEVEL: 'warn', WORKER_HEALTH_PORT: String(healthPort), WORKER_HEALTH_HOST: '127.0.0.1',
      },
      `http://127.0.0.1:${healthPort}`,
      '/health/live',
    );

    const manager = app.get(DataSource).manager;
    const users = app.get(UsersRepository);
    const area = await manager.findOneByOrFail(Area, { code: 'cleveland' });
    const organisation = await users.insertOrganisation(manager, { name: `Bench police ${run}`, kind: 'police_force', teamEmail: null });
    const apiKey = newApiKey();
    await users.insert(
      manager,
      {
        email: `bench-${run}@bench.invalid`, displayName: 'Bench police feed', organisationId: organisation.id, roles: ['partner_system'],
        passwordHash: null, mustChangePassword: false, sessionsValidAfter: new Date(), disabledAt: null, lastLoginAt: null,
        apiKeyPrefix: apiKey.prefix, apiKeyHash: apiKey.hash, supervisorId: null,
      },
      [area.id],
    );

    print(`referrals bench: csv ${CSV_ROWS} rows, api ${API_ROWS} referrals (database ${database})`);
    await benchCsv(base, apiKey.key, run, worker.pid, databaseUrl(required('DATABASE_URL'), database));
    await benchApi(base, apiKey.key, area.id, run);
  } finally {
    await worker?.stop();
    await app?.close();
    const redis = new Redis(config.redisUrl);
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${config.redisPrefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = nextCursor;
    } while (cursor !== '0');
    await redis.quit();
    await dropDatabase(database);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? `bench failed: ${error.message}` : 'bench failed'}\n`);
    process.exit(1);
  },
);
