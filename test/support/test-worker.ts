import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { Clock } from '../../src/app/clock.js';
import type { AppConfig } from '../../src/app/config.js';
import { WorkerModule } from '../../src/composition/worker.module.js';
import { WorkerHealthServer } from '../../src/health/worker-health.server.js';
import type { TestApp } from './test-app.js';

export interface TestWorker {
  worker: TestingModule;
  /** `http://127.0.0.1:<port>`: the worker's health endpoint, on a free port. */
  healthUrl: string;
  close(): Promise<void>;
}

/**
 * The worker process in-process, beside a test api: the same database, Redis key prefix
 * (so it consumes the api's queues) and clock. Its health endpoint takes a free port, so
 * test files running in parallel do not collide; `config` overrides settings of the api's.
 */
export async function startTestWorker(t: TestApp, options: { config?: (config: AppConfig) => AppConfig } = {}): Promise<TestWorker> {
  const onFreePort: AppConfig = { ...t.config, worker: { ...t.config.worker, healthHost: '127.0.0.1', healthPort: 0 } };
  const config = options.config ? options.config(onFreePort) : onFreePort;
  const worker = await Test.createTestingModule({ imports: [WorkerModule.forRoot({ config })] })
    .overrideProvider(Clock)
    .useValue(t.clock)
    .compile();
  worker.useLogger(false);
  await worker.init();
  const address = worker.get(WorkerHealthServer).address()!;
  return { worker, healthUrl: `http://127.0.0.1:${address.port}`, close: () => worker.close() };
}

export interface WorkerProcess {
  pid: number;
  /** `http://127.0.0.1:<port>`: its health endpoint. */
  healthUrl: string;
  /** Settles when the process has exited, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  /** The last lines it wrote, for a failing test's message. */
  output(): string;
}

const WORKER_START_TIMEOUT_MS = 60_000;
const KEPT_OUTPUT_LINES = 200;

/**
 * The compiled worker (`node dist/src/worker.js`) as a real process, on the test api's
 * database, Redis prefix and SMTP server, so a test can SIGKILL it. Its clock is the
 * system clock. Resolves once its health endpoint listens (on a free port it reports).
 */
export async function startWorkerProcess(t: TestApp, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const entry = join(process.cwd(), 'dist/src/worker.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: compile first (npx tsc -p tsconfig.json)`);
  const child = spawn(process.execPath, ['--max-old-space-size=512', entry], {
    cwd: process.cwd(),
    // Only what the worker reads: nothing of the test runner's environment (NODE_OPTIONS, the base DATABASE_URL).
    env: {
      NODE_ENV: 'test',
      DATABASE_URL: t.config.databaseUrl,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: t.config.redisUrl,
      REDIS_PREFIX: t.config.redisPrefix,
      SMTP_URL: t.config.smtp.url,
      JWT_SECRET: t.config.auth.jwtSecret,
      PUBLIC_BASE_URL: t.config.http.publicBaseUrl,
      LOG_LEVEL: 'info',
      WORKER_HEALTH_HOST: '127.0.0.1',
      WORKER_HEALTH_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // 'close', not 'exit': 'exit' can come before the last of the child's output has been
    // read from its pipes, and tests read that output once it has exited.
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start within ${WORKER_START_TIMEOUT_MS} ms:\n${lines.join('\n')}`)), WORKER_START_TIMEOUT_MS);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (${code ?? signal}) before it started:\n${lines.join('\n')}`));
    });
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(line);
        if (lines.length > KEPT_OUTPUT_LINES) lines.shift();
        const listening = /worker health at http:\/\/[^:]+:(\d+)\//.exec(line);
        if (listening) {
          clearTimeout(timer);
          resolve(Number(listening[1]));
        }
      }
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
  });
  try {
    const healthPort = await port;
    return {
      pid: child.pid!,
      healthUrl: `http://127.0.0.1:${healthPort}`,
      exited,
      kill: (signal) => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      },
      output: () => lines.join('\n'),
    };
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw error;
  }
}
