/**
 * What the api's benches compare against: the SQL a request of the api ran, recorded by
 * wrapping pg's query while it answers once; a bare Fastify + pg server replaying it; the
 * read load both are put under; and our own node processes, started and stopped.
 */
import { spawn } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import pg from 'pg';
import { quantile } from './bench-env.js';

export interface Recorded {
  text: string;
  values: unknown[];
  /** The rows it returned, when recorded with them. */
  rows?: unknown[];
}

export interface RunResult {
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
  /** Answers other than 200, by status (503: no pooled connection within 3 s, the api's fail-fast). */
  failedStatuses: Record<number, number>;
}

/** `clients` loops each asking for a journey and then its timeline, for `seconds`. */
export async function load(base: string, bearer: string, journeyIds: readonly string[], clients: number, seconds: number): Promise<RunResult> {
  const latencies: number[] = [];
  let failures = 0;
  const failedStatuses: Record<number, number> = {};
  const until = performance.now() + seconds * 1000;
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
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / elapsed, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), failures, failedStatuses };
}

/**
 * The SQL one request ran, by statement, with the journey's id marked so the bare server
 * can put another journey's in: recorded by wrapping pg's query while the api answers once.
 */
export async function record(base: string, bearer: string, path: string, journeyId: string): Promise<Recorded[]> {
  const recorded = await recordRequest(`${base}${path}`, { headers: { authorization: bearer, 'x-access-reason': 'bench' } });
  return recorded.map(({ text, values }) => ({ text, values: values.map((value) => (value === journeyId ? '$JOURNEY' : value)) }));
}

/** Every statement (text and values) this process sent to PostgreSQL while the api answered one request. */
export async function recordRequest(url: string, init: RequestInit): Promise<Recorded[]> {
  const recorded: Recorded[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [text, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    const sql = typeof text === 'string' ? text : text.text;
    const entry: Recorded = { text: sql, values: (typeof text === 'string' ? values : text.values) ?? [] };
    recorded.push(entry);
    const answer = (original as (...a: unknown[]) => unknown).apply(this, args);
    // What it returned too: ids the database made (RETURNING) that later statements reuse.
    if (answer && typeof (answer as Promise<unknown>).then === 'function') {
      (answer as Promise<{ rows?: unknown[] } | undefined>).then((result) => (entry.rows = result?.rows), () => undefined);
    }
    return answer;
  } as typeof original;
  try {
    const response = await fetch(url, init);
    await response.arrayBuffer();
    if (response.status >= 400) throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status} while recording`);
  } finally {
    pg.Client.prototype.query = original;
  }
  return recorded;
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

export interface Child {
  base: string;
  /** The process id, to read its memory from /proc. */
  pid: number;
  stop(): Promise<void>;
}

/** A node process of ours, up once `base` answers. */
export async function child(args: string[], env: Record<string, string>, base: string, probe: string): Promise<Child> {
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
    pid: process_.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        process_.once('exit', () => resolve());
        process_.kill('SIGTERM');
      }),
  };
}


/** A port free at this moment, for a child process to listen on (asked of the kernel, not guessed). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
