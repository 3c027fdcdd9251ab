import { randomBytes } from 'node:crypto';
import { type AppConfig, loadConfig } from '../../src/app/config.js';
import { requireEnv } from './test-database.js';

export function testConfig(overrides: { databaseUrl: string; redisPrefix?: string; env?: Record<string, string> }): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: overrides.databaseUrl,
    REDIS_URL: requireEnv('REDIS_URL'),
    SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:2525',
    REDIS_PREFIX: overrides.redisPrefix ?? `vjs-test-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: 'test-secret-0123456789abcdef0123456789abcdef',
    DATABASE_POOL_SIZE: '4',
    // Tests sweep when they set the clock, and some remove the sweep's schedule to keep the
    // worker's own sweep from racing them: the schedule's repair waits unless a test asks.
    REMINDER_SCHEDULE_CHECK_SECONDS: '600',
    // Reports are warmed after a refresh only when a test calls ReportResultsWarmer.tick(), never behind its back.
    REPORTS_WARM_SECONDS: '0',
    ...overrides.env,
  });
}
