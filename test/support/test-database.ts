import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEMPLATE_DATABASE = 'vjs_test_template';
export const TEST_DATABASE_PREFIX = 'vjs_test_';

export function databaseUrlFor(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the tests with \`npm test\`, which starts PostgreSQL, Redis and the mail sink`);
  }
  return value;
}

/**
 * The schema owner's URL (MIGRATION_DATABASE_URL), which creates and drops the test databases
 * and may do what the app's role may not (alter the audit log, to prove verification sees
 * it). Without one, the app's role owns everything, as in a one-role set-up.
 */
export function ownerBaseUrl(): string {
  return process.env.MIGRATION_DATABASE_URL || requireEnv('DATABASE_URL');
}

export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrlFor(ownerBaseUrl(), 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database and ends its connections. FORCE may not end an autovacuum worker
 * (not our role's); it is cut short when the drop retries, so the drop is tried again.
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      return;
    } catch (error) {
      if (attempt >= 40 || !/must be a member of the role whose process is being terminated/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export interface TestDatabase {
  name: string;
  /** As the app's role: what the test app connects as. */
  url: string;
  /** As the schema's owner. */
  ownerUrl: string;
  /** Runs SQL as the owner, on a connection of its own. */
  asOwner<T>(work: (client: pg.Client) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

/**
 * Each test file gets its own database, copied from a template the global set-up migrated
 * once: isolation without re-running migrations, and files can run in parallel.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  const ownerUrl = databaseUrlFor(ownerBaseUrl(), name);
  return {
    name,
    url: databaseUrlFor(requireEnv('DATABASE_URL'), name),
    ownerUrl,
    async asOwner(work) {
      const client = new pg.Client({ connectionString: ownerUrl });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    },
    drop: () => dropDatabase(name),
  };
}
