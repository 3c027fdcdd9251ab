// Once per jest run: a freshly migrated template database that every test file copies
// (see test-database.ts). Jest loads this file outside its module system, so it runs the
// compiled migrations from dist/ (scripts/test.sh compiles before jest starts).
// As a deployment does: the owner (MIGRATION_DATABASE_URL) migrates and grants the app's
// role (the user of DATABASE_URL), which the test apps then connect as.
import { existsSync } from 'node:fs';
import pg from 'pg';

const TEMPLATE_DATABASE = 'vjs_test_template';
const TEST_DATABASE_PREFIX = 'vjs_test_';

export default async function globalSetup() {
  const appUrl = process.env.DATABASE_URL;
  if (!appUrl) throw new Error('DATABASE_URL is not set: run the tests with `npm test`');
  const baseUrl = process.env.MIGRATION_DATABASE_URL || appUrl;
  const compiled = new URL('../../dist/src/composition/migrate.js', import.meta.url);
  if (!existsSync(compiled)) throw new Error('dist/ is missing: run `npm test` (it compiles first) or `npx tsc -p tsconfig.json`');

  const admin = new URL(baseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const leftovers = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${TEST_DATABASE_PREFIX}%`]);
    for (const { datname } of leftovers.rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await client.end();
  }
  const { runMigrations } = await import(compiled.href);
  const template = new URL(baseUrl);
  template.pathname = `/${TEMPLATE_DATABASE}`;
  await runMigrations(template.toString(), decodeURIComponent(new URL(appUrl).username));
}
