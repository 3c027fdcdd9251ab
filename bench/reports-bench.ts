/**
 * How long each commissioners' report takes on a year of synthetic national-scale data.
 *
 *   npm run bench:reports                         # 1,000,000 journeys
 *   BENCH_JOURNEYS=100000 npm run bench:reports   # smaller
 *
 * Uses a database of its own, vjs_bench_reports_<journeys>, kept between runs (seeding a
 * million journeys takes a while): it is created, migrated and filled with synthetic
 * journeys (src/composition/synthetic) up to BENCH_JOURNEYS on the first run; BENCH_FRESH=1
 * starts again. Then it refreshes the rollups (timed, as the worker does) and asks each
 * report BENCH_RUNS times through the api's whole HTTP pipeline (Fastify inject, as a
 * commissioner of every area), printing the median and slowest time of each.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { SystemClock } from '../src/app/clock.js';
import { loadConfig } from '../src/app/config.js';
import { createHttpApp } from '../src/composition/http-app.js';
import { runMigrations } from '../src/composition/migrate.js';
import { PasswordHasher } from '../src/identity/password-hasher.js';
import { UsersRepository } from '../src/identity/users.repository.js';
import { ReportResults } from '../src/reports/report-results.js';
import { TransactionRunner } from '../src/database/transaction.js';
import { ReportResultsWarmer } from '../src/reports/report-results-warmer.js';
import { ReportRollups } from '../src/reports/rollups/report-rollups.service.js';
import { SyntheticSeeder } from '../src/composition/synthetic/synthetic-seeder.js';
import { positive, required, databaseUrl, admin, print } from './bench-env.js';

const JOURNEYS = positive('BENCH_JOURNEYS', 1_000_000);
const RUNS = positive('BENCH_RUNS', 7);
const FRESH = process.env.BENCH_FRESH === '1';
/** A national spread: this many areas, England and Wales' police force areas added (at most 43); else the two the migrations make. */
/** Only the reports and ratio rows whose name contains this (e.g. "built afresh"); every one when unset. */
const ONLY = process.env.BENCH_ONLY;
const AREAS = process.env.BENCH_AREAS ? Math.min(positive('BENCH_AREAS', 2), 43) : undefined;
const PASSWORD = 'bench-password-not-secret-0001';

/** The London months of the last complete quarter and year before `now`, for whole-month periods. */
function periods(now: Date): { quarter: { from: string; to: string }; year: { from: string; to: string }; financialYear: string; quarterNumber: number } {
  const month = now.getUTCMonth(); // 0-11
  const quarterStartMonth = month - (month % 3) - 3;
  const start = new Date(Date.UTC(now.getUTCFullYear(), quarterStartMonth, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 0));
  const yearStart = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1));
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const startMonth = start.getUTCMonth() + 1;
  const financialStart = startMonth >= 4 ? start.getUTCFullYear() : start.getUTCFullYear() - 1;
  return {
    quarter: { from: day(start), to: day(end) },
    year: { from: day(yearStart), to: day(end) },
    financialYear: `${financialStart}-${String((financialStart + 1) % 100).padStart(2, '0')}`,
    quarterNumber: (((startMonth + 8) % 12) / 3 | 0) + 1,
  };
}

async function main(): Promise<void> {
  const database = `vjs_bench_reports_${JOURNEYS}${AREAS ? `_${AREAS}_areas` : ''}`;
  if (FRESH) await admin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  const exists = await admin(async (client) => (await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database])).rowCount === 1);
  if (!exists) await admin((client) => client.query(`CREATE DATABASE ${database}`));
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl(required('DATABASE_URL'), database),
    REDIS_URL: required('REDIS_URL'),
    SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:2525',
    REDIS_PREFIX: `vjs-bench-reports`,
    LOG_LEVEL: 'warn',
    // The warmer runs when the bench says (ReportResultsWarmer.tick), not on its timer.
    REPORTS_WARM_SECONDS: '0',
  });
  await runMigrations(config.databaseUrl);
  let app: NestFastifyApplication | undefined;
  try {
    app = await createHttpApp(config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const dataSource = app.get(DataSource);

    // Counting millions of rows on a cold cache can outlast the pool's 30 s statement timeout: counted without one.
    const counted = async <T>(sql: string): Promise<T[]> => {
      let rows: T[] = [];
      await app!.get(TransactionRunner).maintenance(async (manager) => {
        rows = await manager.query(sql);
      });
      return rows;
    };
    const [{ count }] = await counted<{ count: string }>(`SELECT count(*) FROM journeys`);
    const missing = JOURNEYS - Number(count);
    if (missing > 0) {
      print(`seeding ${missing} synthetic journeys into ${database} (kept for later runs)...`);
      const started = performance.now();
      const summary = await new SyntheticSeeder(dataSource, new SystemClock()).seed({
        journeys: missing,
        seed: Number(count) + 1,
        now: new Date(),
        areas: AREAS,
        onBatch: (written) => {
          if (written % 100_000 < 5_000) process.stderr.write(`  ${written} journeys\n`);
        },
      });
      print(`seeded ${summary.journeys} journeys, ${summary.events} events, ${summary.duties} duties in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    const [sizes] = await counted<{ journeys: string; duties: string; events: string; areas: string }>(
      `SELECT (SELECT count(*) FROM journeys) AS journeys, (SELECT count(*) FROM duties) AS duties, (SELECT count(*) FROM journey_events) AS events,
              (SELECT count(*) FROM areas) AS areas`,
    );
    print(`data: ${sizes.journeys} journeys, ${sizes.duties} duties, ${sizes.events} timeline events in ${sizes.areas} areas (database ${database})`);

    if (process.env.BENCH_REFRESH !== '0') {
      const refresh = await app.get(ReportRollups).refresh();
      if (!refresh.refreshed) throw new Error('another rollup refresh is running on the bench database');
      print(`rollup refresh (the worker's job): ${(refresh.durationMs / 1000).toFixed(1)} s, ${refresh.rows} rollup rows`);
    }

    const users = app.get(UsersRepository);
    const email = 'bench-commissioner@bench.invalid';
    if (!(await users.findByEmail(dataSource.manager, email))) {
      const areas: Array<{ id: string }> = await dataSource.query(`SELECT id FROM areas`);
      const organisation = await users.insertOrganisation(dataSource.manager, { name: `Bench PCC office ${Date.now()}`, kind: 'pcc_office', teamEmail: null });
      await users.insert(
        dataSource.manager,
        {
          email, displayName: 'Bench commissioner', organisationId: organisation.id, roles: ['commissioner'],
          passwordHash: await new PasswordHasher().hash(PASSWORD), mustChangePassword: false, sessionsValidAfter: new Date(Date.now() - 60_000),
          disabledAt: null, lastLoginAt: null, apiKeyPrefix: null, apiKeyHash: null, supervisorId: null,
        },
        areas.map((area) => area.id),
      );
    }
    // The breach list is the owning organisation's management information (issue 21): its supervisor asks for it,
    // here the victim care service of the area with the most journeys.
    const supervisorEmail = 'bench-supervisor@bench.invalid';
    if (!(await users.findByEmail(dataSource.manager, supervisorEmail))) {
      const [busiest]: Array<{ area_id: string; code: string }> = await dataSource.query(
        `SELECT j.area_id, a.code FROM journeys j JOIN areas a ON a.id = j.area_id GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
      );
      const [provider]: Array<{ id: string }> = await dataSource.query(`SELECT id FROM organisations WHERE name = $1`, [`Synthetic victim care service (${busiest.code})`]);
      if (!provider) throw new Error(`no synthetic victim care service for area ${busiest.code}`);
      await users.insert(
        dataSource.manager,
        {
          email: supervisorEmail, displayName: 'Bench supervisor', organisationId: provider.id, roles: ['supervisor'],
          passwordHash: await new PasswordHasher().hash(PASSWORD), mustChangePassword: false, sessionsValidAfter: new Date(Date.now() - 60_000),
          disabledAt: null, lastLoginAt: null, apiKeyPrefix: null, apiKeyHash: null, supervisorId: null,
        },
        [busiest.area_id],
      );
    }
    const fastify = app.getHttpAdapter().getInstance();
    const bearerOf = async (who: string) => {
      const login = await fastify.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: who, password: PASSWORD } });
      if (login.statusCode !== 200) throw new Error(`${who}: sign-in answered ${login.statusCode}`);
      return `Bearer ${(login.json() as { accessToken: string }).accessToken}`;
    };
    const bearer = await bearerOf(email);
    const supervisor = { authorization: await bearerOf(supervisorEmail) };
    // The commissioner's dashboard pages: a workspace session from the sign-in form, as a browser has.
    const form = await fastify.inject({ method: 'GET', url: '/sign-in' });
    const jar = (response: { cookies: Array<{ name: string; value: string }> }) => response.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
    const signIn = await fastify.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: jar(form), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(form.body)![1], email, password: PASSWORD }).toString(),
    });
    if (signIn.statusCode !== 303) throw new Error(`web sign-in answered ${signIn.statusCode}`);
    const session = { cookie: jar(signIn) };

    const { quarter, year, financialYear, quarterNumber } = periods(new Date());
    // Protected figures are for whole months only (issue 21): part months and single days answer 422, so they are not timed.
    const cases: Array<{ name: string; url: string; headers?: Record<string, string> }> = [
      { name: 'code compliance, last quarter by month', url: `/api/v1/reports/code-compliance?from=${quarter.from}&to=${quarter.to}` },
      { name: 'code compliance, 12 months by month', url: `/api/v1/reports/code-compliance?from=${year.from}&to=${year.to}` },
      { name: 'code compliance, quarter, enhanced victims of domestic abuse', url: `/api/v1/reports/code-compliance?from=${quarter.from}&to=${quarter.to}&enhanced=true&role=victim&offenceCategory=domestic_abuse` },
      { name: 'code compliance, quarter, as CSV', url: `/api/v1/reports/code-compliance?from=${quarter.from}&to=${quarter.to}&format=csv` },
      { name: 'breach list (a supervisor, own organisation), first 100', url: `/api/v1/reports/code-compliance/breaches?from=${quarter.from}&to=${quarter.to}&limit=100`, headers: supervisor },
      { name: 'breach list (a supervisor), one rule, page 10', url: `/api/v1/reports/code-compliance/breaches?from=${quarter.from}&to=${quarter.to}&ruleId=support.first-contact&limit=100&offset=900`, headers: supervisor },
      { name: 'referral timeliness, last quarter by month', url: `/api/v1/reports/referral-timeliness?from=${quarter.from}&to=${quarter.to}` },
      { name: 'referral timeliness, 12 months by quarter', url: `/api/v1/reports/referral-timeliness?from=${year.from}&to=${year.to}&groupBy=quarter` },
      { name: 'outcomes, last quarter by month', url: `/api/v1/reports/outcomes?from=${quarter.from}&to=${quarter.to}` },
      { name: 'outcomes, 12 months by month', url: `/api/v1/reports/outcomes?from=${year.from}&to=${year.to}` },
      { name: 'witness and trial, last quarter by month', url: `/api/v1/reports/witness-and-trial?from=${quarter.from}&to=${quarter.to}` },
      { name: 'witness and trial, 12 months by quarter', url: `/api/v1/reports/witness-and-trial?from=${year.from}&to=${year.to}&groupBy=quarter` },
      { name: 'witness and trial, quarter, enhanced witnesses', url: `/api/v1/reports/witness-and-trial?from=${quarter.from}&to=${quarter.to}&enhanced=true&role=witness` },
      { name: 'rights offered, last quarter by month', url: `/api/v1/reports/rights-offered?from=${quarter.from}&to=${quarter.to}` },
      { name: 'rights offered, 12 months by quarter', url: `/api/v1/reports/rights-offered?from=${year.from}&to=${year.to}&groupBy=quarter` },
      { name: 'quarterly return', url: `/api/v1/reports/quarterly-return?financialYear=${financialYear}&quarter=${quarterNumber}` },
      // Trends: the period, the one before, last year and the rolling 12 months (four compliance reads).
      { name: 'compliance trends, last quarter and 12 months', url: `/api/v1/reports/trends?from=${quarter.from}&to=${quarter.to}` },
      { name: 'compliance trends, quarter, as CSV', url: `/api/v1/reports/trends?from=${quarter.from}&to=${quarter.to}&format=csv` },
      // The commissioner's dashboard, rendered (trends, by right, charts and tables), beside the API's figures above.
      { name: 'dashboard page: compliance, last quarter, 12-month trend', url: `/figures?period=${financialYear}-Q${quarterNumber}`, headers: session },
      { name: 'dashboard page: compliance, a financial year (12 months)', url: `/figures?period=fy-${financialYear}`, headers: session },
      { name: 'dashboard page: compliance, quarter, one rule with its target', url: `/figures?period=${financialYear}-Q${quarterNumber}&rule=support.first-contact`, headers: session },
      { name: 'dashboard page: outcomes, last quarter', url: `/figures/outcomes?period=${financialYear}-Q${quarterNumber}`, headers: session },
      { name: 'dashboard page: quarterly return preview', url: `/figures/quarterly-return?period=${financialYear}-Q${quarterNumber}`, headers: session },
    ];
    // Each report is asked RUNS times. The first is built from the rollups (the kept reports are cleared before it,
    // untimed): what the first reader after a refresh waits. The rest are what later readers wait, answered from
    // the reports kept for this refresh (ReportResults); the breach list is record-level and never kept.
    const kept = app.get(ReportResults);
    print(`${'report'.padEnd(64)} ${'source'.padEnd(7)} ${'first'.padStart(9)} ${'then'.padStart(9)} ${'slowest'.padStart(9)}`);
    for (const { name, url, headers } of cases.filter(({ name }) => !ONLY || name.includes(ONLY))) {
      const times: number[] = [];
      let source = '';
      kept.clear();
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const response = await fastify.inject({ method: 'GET', url, headers: headers ?? { authorization: bearer } });
        times.push(performance.now() - started);
        if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode} ${response.body.slice(0, 300)}`);
        const type = response.headers['content-type']?.toString() ?? '';
        source = type.startsWith('text/html') ? 'page' : type.startsWith('text/csv') ? 'rollup' : ((response.json() as { source?: string }).source ?? 'live');
      }
      const [first, ...then] = times;
      then.sort((a, b) => a - b);
      const ms = (value: number | undefined) => `${value === undefined ? '-' : value.toFixed(0)} ms`.padStart(9);
      print(`${name.padEnd(64)} ${source.padEnd(7)} ${ms(first)} ${ms(then[Math.floor(then.length / 2)])} ${ms(Math.max(...times))}`);
    }

    // Issue 20's report rows: the protected report through the whole pipeline against the plain aggregate a
    // reader would otherwise run (the duties of the period by area, London month, rule and status, as at now),
    // alternated RUNS times in the same minutes. Goal: the report takes at most a tenth of the aggregate's time.
    const plain = `
      SELECT d.area_id, date_trunc('month', d.due_at AT TIME ZONE 'Europe/London') AS month, d.rule_id,
             count(*) FILTER (WHERE d.status = 'met') AS met, count(*) FILTER (WHERE d.status = 'met_late') AS met_late,
             count(*) FILTER (WHERE d.status IN ('open', 'breached') AND d.due_at < now()) AS breached,
             count(*) FILTER (WHERE d.status IN ('open', 'breached') AND d.due_at >= now()) AS open,
             count(*) FILTER (WHERE d.status = 'withdrawn') AS withdrawn
        FROM duties d
       WHERE d.due_at >= ($1::date::timestamp AT TIME ZONE 'Europe/London') AND d.due_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/London')
       GROUP BY 1, 2, 3`;
    print('');
    print(`${'report against its plain aggregate (alternated)'.padEnd(52)} ${'report'.padStart(9)} ${'plain'.padStart(9)} ${'ratio (spread)'.padStart(20)}  goal`);
    // Three ways each: as a reader gets it once the report has been built from this refresh (kept, ReportResults);
    // as the first reader after a refresh gets it, the warmer having built again what was read before it (a refresh
    // is marked by rewriting report_rollup_state, a new version over the same rollups, then ReportResultsWarmer.tick(),
    // both untimed); and built afresh, as for a request nobody made before the refresh (the kept reports cleared, untimed).
    const warmer = app.get(ReportResultsWarmer);
    for (const [name, period, before] of [
      ['compliance, last quarter (kept)', quarter, 'kept'],
      ['compliance, last quarter (after a refresh, warmed)', quarter, 'warmed'],
      ['compliance, last quarter (built afresh)', quarter, 'afresh'],
      ['compliance, 12 months (kept)', year, 'kept'],
      ['compliance, 12 months (after a refresh, warmed)', year, 'warmed'],
      ['compliance, 12 months (built afresh)', year, 'afresh'],
    ] as const) {
      if (ONLY && !name.includes(ONLY)) continue;
      const ratios: number[] = [];
      const project: number[] = [];
      const bare: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        for (const side of run % 2 === 0 ? (['project', 'bare'] as const) : (['bare', 'project'] as const)) {
          if (side === 'project' && before === 'afresh') kept.clear();
          if (side === 'project' && before === 'warmed') {
            await dataSource.query(`UPDATE report_rollup_state SET refreshed_at = refreshed_at`);
            if ((await warmer.tick()) === 0) throw new Error(`${name}: the warmer built nothing after the refresh`);
          }
          const started = performance.now();
          if (side === 'project') {
            const response = await fastify.inject({ method: 'GET', url: `/api/v1/reports/code-compliance?from=${period.from}&to=${period.to}`, headers: { authorization: bearer } });
            if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode}`);
            project.push(performance.now() - started);
          } else {
            await dataSource.query(plain, [period.from, period.to]);
            bare.push(performance.now() - started);
          }
        }
        ratios.push(project[run] / bare[run]);
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const ratio = median(ratios);
      print(
        `${name.padEnd(52)} ${`${median(project).toFixed(0)} ms`.padStart(9)} ${`${median(bare).toFixed(0)} ms`.padStart(9)} ` +
          `${`${ratio.toFixed(3)} (${Math.min(...ratios).toFixed(3)}-${Math.max(...ratios).toFixed(3)})`.padStart(20)}  <= 0.10 ${ratio <= 0.1 ? 'met' : 'NOT MET'}`,
      );
    }
  } finally {
    await app?.close();
    const redis = new Redis(config.redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.redisPrefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? `bench failed: ${error.message}` : 'bench failed'}\n`);
    process.exit(1);
  },
);
