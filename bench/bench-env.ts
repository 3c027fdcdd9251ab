/** What every bench script needs: its settings from the environment, a database client, and its output. */
import pg from 'pg';

/** A whole-number setting, `fallback` when unset. */
export function positive(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} must be an integer of at least ${min}`);
  return Number(raw);
}

/** A setting the bench's npm script provides (it starts the services first). */
export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the bench through its \`npm run bench:...\` script, which starts the services`);
  return value;
}

/** The same server's URL for another database. */
export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The schema owner's URL (MIGRATION_DATABASE_URL, which the services script sets), else
 * DATABASE_URL: since the role split the app's role can neither create a database nor
 * migrate one.
 */
export function ownerUrl(): string {
  return process.env.MIGRATION_DATABASE_URL || required('DATABASE_URL');
}

/** A client on the server's `postgres` database, as the schema owner, to create and drop the bench's own. */
export function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(databaseUrl(ownerUrl(), 'postgres'), work);
}

/** The bench's figures are its output, on stdout. */
export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * Drops a bench's database. Autovacuum may be at its freshly written tables, and the owner
 * cannot end that backend (FORCE refuses: "must be a member of the role whose process is
 * being terminated"), so it tries again each second for up to 30 s.
 */
export async function dropDatabase(database: string, url: string = databaseUrl(ownerUrl(), 'postgres')): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
      return;
    } catch (error) {
      if (attempt === 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
