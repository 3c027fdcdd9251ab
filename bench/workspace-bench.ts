/**
 * npm run bench:workspace: what a page of the web workspace costs against the JSON API
 * answering the same data, with BENCH_JOURNEYS synthetic journeys (default 20,000: about
 * 10,000 in each of the two demo areas). The app is built in this process as it serves
 * (createHttpApp) and asked through Fastify's inject, so the figures are the server's own
 * (routing, session or token, services, SQL, rendering), not a network's. Each request's
 * SQL statements are counted: a page must run a fixed number, whatever the data (no N+1).
 *
 *   work queue page    GET /work-queue?view=team&tab=new           (HTML: tabs with counts, filter, table)
 *     vs API           GET /api/v1/work-queue?view=team&kind=new_referral  +  GET /api/v1/work-queue/counts?view=team
 *   journey overview   GET /journeys/:id                             (HTML: person, crime, rights, next duties)
 *     vs API           GET /api/v1/journeys/:id  +  GET /api/v1/journeys/:id/duties
 *
 * A page may cost at most 1.5x its API answer. BENCH_RUNS (default 60) timed requests of
 * each, after 10 to warm up; BENCH_FRESH=1 makes the database again.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/app/config.js';
import { createHttpApp } from '../src/composition/http-app.js';
import { runMigrations } from '../src/composition/migrate.js';
import { PasswordHasher } from '../src/identity/password-hasher.js';
import { admin, databaseUrl, ownerUrl, positive, print, quantile, required, withClient } from './bench-env.js';

const DATABASE = 'vjs_bench_workspace';
const BENCH_EMAIL = 'bench-supervisor@bench.invalid';
const BENCH_PASSWORD = 'bench-password-for-local-use-only';

async function prepare(url: string, journeys: number): Promise<void> {
  const exists = await admin(async (client) => (await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DATABASE])).rowCount! > 0);
  if (exists && process.env.BENCH_FRESH !== '1') return;
  print(`preparing ${DATABASE}: migrations, demo users, ${journeys} synthetic journeys (a few minutes)`);
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${DATABASE}`);
  });
  // As a deployment does: the owner migrates and grants the app's role, which the bench then uses.
  await runMigrations(databaseUrl(ownerUrl(), DATABASE), decodeURIComponent(new URL(url).username));
  const env = { ...process.env, DATABASE_URL: url, NODE_ENV: 'development' };
  for (const args of [['dist/src/composition/demo/load-demo-data.js'], ['dist/src/composition/synthetic/seed-synthetic.cli.js', '--journeys', String(journeys), '--no-refresh']]) {
    const run = spawnSync('node', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) throw new Error(`${args[0]} failed`);
  }
}

/** A supervisor of the largest area's synthetic victim care service, who can sign in: their team is the whole area. */
async function benchUser(url: string): Promise<{ areaCode: string; journeys: number; open: number }> {
  const hash = await new PasswordHasher().hash(BENCH_PASSWORD);
  return withClient(url, async (client) => {
    const [area] = (await client.query(`SELECT a.id, a.code, count(*)::int AS journeys, count(*) FILTER (WHERE j.stage <> 'closed')::int AS open
                                          FROM journeys j JOIN areas a ON a.id = j.area_id GROUP BY a.id, a.code ORDER BY journeys DESC LIMIT 1`)).rows;
    const [organisation] = (await client.query(`SELECT id FROM organisations WHERE name = $1`, [`Synthetic victim care service (${area.code})`])).rows;
    await client.query(`DELETE FROM user_areas WHERE user_id IN (SELECT id FROM users WHERE email = $1)`, [BENCH_EMAIL]);
    await client.query(`DELETE FROM users WHERE email = $1`, [BENCH_EMAIL]);
    const [user] = (await client.query(
      `INSERT INTO users (email, display_name, organisation_id, roles, password_hash, must_change_password, sessions_valid_after)
       VALUES ($1, 'Bench Supervisor', $2, '{supervisor}', $3, false, now() - interval '1 minute') RETURNING id`,
      [BENCH_EMAIL, organisation.id, hash],
    )).rows;
    await client.query(`INSERT INTO user_areas (user_id, area_id) VALUES ($1, $2)`, [user.id, area.id]);
    return { areaCode: area.code, journeys: area.journeys, open: area.open };
  });
}

/** Counts the SQL statements every query runner sends, so a request's count can be read. */
function countQueries(app: NestFastifyApplication): { readonly count: number } {
  const dataSource = app.get(DataSource);
  const runner = dataSource.createQueryRunner();
  const prototype = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
  void runner.release();
  const original = prototype.query;
  const counter = { count: 0 };
  prototype.query = function (this: unknown, ...args: unknown[]) {
    counter.count += 1;
    return original.apply(this, args);
  };
  return counter;
}

interface Call {
  name: string;
  url: string;
  headers: Record<string, string>;
}

async function main(): Promise<void> {
  const journeys = positive('BENCH_JOURNEYS', 20_000);
  const runs = positive('BENCH_RUNS', 60);
  const url = databaseUrl(required('DATABASE_URL'), DATABASE);
  await prepare(url, journeys);
  const area = await benchUser(url);

  const config = loadConfig({ ...process.env, NODE_ENV: 'development', DATABASE_URL: url, LOG_LEVEL: 'error', REDIS_PREFIX: 'vjs-bench-workspace' });
  const app = await createHttpApp(config);
  await app.init();
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  await fastify.ready();
  const queries = countQueries(app);
  try {
    // The API: a bearer token. The workspace: a session cookie from the sign-in form.
    const login = await fastify.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: BENCH_EMAIL, password: BENCH_PASSWORD } });
    const bearer = { authorization: `Bearer ${login.json<{ accessToken: string }>().accessToken}` };
    const form = await fastify.inject({ method: 'GET', url: '/sign-in' });
    const jar = (response: { cookies: Array<{ name: string; value: string }> }) => response.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1];
    const signIn = await fastify.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: jar(form), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, email: BENCH_EMAIL, password: BENCH_PASSWORD }).toString(),
    });
    if (signIn.statusCode !== 303) throw new Error(`web sign-in answered ${signIn.statusCode}`);
    const session = { cookie: jar(signIn) };

    const list = await fastify.inject({ method: 'GET', url: '/api/v1/work-queue?view=team&kind=new_referral&limit=25', headers: bearer });
    const firstJourney = list.json<{ items: Array<{ journey: { id: string } }> }>().items[0]?.journey.id;
    const [{ id: journeyId }] = firstJourney
      ? [{ id: firstJourney }]
      : await withClient(url, async (client) => (await client.query(`SELECT id FROM journeys WHERE stage <> 'closed' ORDER BY id LIMIT 1`)).rows);

    const pairs: Array<{ page: Call; api: Call[] }> = [
      {
        page: { name: 'work queue page', url: '/work-queue?view=team&tab=new', headers: session },
        api: [
          { name: 'GET /api/v1/work-queue', url: '/api/v1/work-queue?view=team&kind=new_referral&limit=25', headers: bearer },
          { name: 'GET /api/v1/work-queue/counts', url: '/api/v1/work-queue/counts?view=team', headers: bearer },
        ],
      },
      {
        page: { name: 'journey overview page', url: `/journeys/${journeyId}`, headers: session },
        api: [
          { name: 'GET /api/v1/journeys/:id', url: `/api/v1/journeys/${journeyId}`, headers: bearer },
          { name: 'GET /api/v1/journeys/:id/duties', url: `/api/v1/journeys/${journeyId}/duties`, headers: bearer },
        ],
      },
    ];

    const timeOne = async (call: Call): Promise<{ ms: number; queries: number }> => {
      const before = queries.count;
      const started = process.hrtime.bigint();
      const response = await fastify.inject({ method: 'GET', url: call.url, headers: call.headers });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (response.statusCode !== 200) throw new Error(`${call.name} answered ${response.statusCode}`);
      return { ms, queries: queries.count - before };
    };

    print(`area ${area.areaCode}: ${area.journeys} journeys (${area.open} open); ${runs} timed requests of each, after 10 to warm up`);
    print('');
    for (const { page, api } of pairs) {
      const pageTimes: number[] = [];
      const apiTimes: number[] = [];
      let pageQueries = new Set<number>();
      let apiQueries = new Set<number>();
      for (let run = 0; run < runs + 10; run += 1) {
        // Interleaved, so both sides see the same cache and load.
        const pageRun = await timeOne(page);
        let apiMs = 0;
        let apiCount = 0;
        for (const call of api) {
          const one = await timeOne(call);
          apiMs += one.ms;
          apiCount += one.queries;
        }
        if (run < 10) continue;
        pageTimes.push(pageRun.ms);
        apiTimes.push(apiMs);
        pageQueries = pageQueries.add(pageRun.queries);
        apiQueries = apiQueries.add(apiCount);
      }
      pageTimes.sort((a, b) => a - b);
      apiTimes.sort((a, b) => a - b);
      const median = (sorted: number[]) => quantile(sorted, 0.5);
      const ratio = median(pageTimes) / median(apiTimes);
      print(`${page.name}: median ${median(pageTimes).toFixed(1)} ms, p90 ${quantile(pageTimes, 0.9).toFixed(1)} ms, ${[...pageQueries].join('/')} SQL statements`);
      print(`  API (${api.map((call) => call.name).join(' + ')}): median ${median(apiTimes).toFixed(1)} ms, p90 ${quantile(apiTimes, 0.9).toFixed(1)} ms, ${[...apiQueries].join('/')} SQL statements`);
      print(`  ratio page / API: ${ratio.toFixed(2)} (at most 1.5) ${ratio <= 1.5 ? 'ok' : 'TOO SLOW'}`);
    }
  } finally {
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
