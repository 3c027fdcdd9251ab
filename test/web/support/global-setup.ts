import { spawn } from 'node:child_process';
import { openSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * One app for the browser tests, as `npm run up` serves it, on a database of its own:
 * created afresh, migrated by the compiled migrations, given the demo data (its users and
 * referrals), then the compiled api started on WEB_TEST_PORT. scripts/test.sh compiles
 * dist/ (and the stylesheet) and starts PostgreSQL and Redis before.
 */
export const WEB_TEST_DATABASE = 'vjs_web_test';

export default async function globalSetup(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl || !process.env.REDIS_URL) throw new Error('DATABASE_URL and REDIS_URL are not set: run the browser tests with `npm test` (scripts/test.sh)');
  // The schema owner creates the database and migrates it, then grants the app's role, as
  // a deployment does; the app itself connects as DATABASE_URL's role.
  const ownerUrl = process.env.MIGRATION_DATABASE_URL || baseUrl;
  const admin = new URL(ownerUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${WEB_TEST_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${WEB_TEST_DATABASE}`);
  } finally {
    await client.end();
  }
  const database = new URL(baseUrl);
  database.pathname = `/${WEB_TEST_DATABASE}`;
  const ownerDatabase = new URL(ownerUrl);
  ownerDatabase.pathname = `/${WEB_TEST_DATABASE}`;
  const port = process.env.WEB_TEST_PORT ?? '39123';
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: database.toString(),
    MIGRATION_DATABASE_URL: ownerDatabase.toString(),
    REDIS_PREFIX: `vjs-web-test-${randomBytes(3).toString('hex')}`,
    PORT: port,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:2525',
  };
  await run('node', ['dist/src/composition/migrate.js', 'run'], env);
  await run('node', ['dist/src/composition/demo/load-demo-data.js'], env);

  const log = openSync('.data/logs/web-test-app.log', 'w');
  const app = spawn('node', ['dist/src/main.js'], { env, stdio: ['ignore', log, log], detached: false });
  writeFileSync('.data/run/web-test-app.pid', String(app.pid));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (app.exitCode !== null) throw new Error(`the app exited with ${app.exitCode}: see .data/logs/web-test-app.log`);
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/health/live`);
      if (answer.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the app did not start within 60 s: see .data/logs/web-test-app.log');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${errors.slice(-2000)}`))));
  });
}
