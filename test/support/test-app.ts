import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { Redis } from 'ioredis';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../src/composition/api.module.js';
import { Clock, FixedClock } from '../../src/app/clock.js';
import { CodeRuleSets } from '../../src/journeys/code-rule-sets.js';
import type { RuleSet } from '../../libs/victims-code/src/index.js';
import type { AppConfig } from '../../src/app/config.js';
import { configureHttpApp, createFastifyAdapter } from '../../src/composition/http-app.js';
import { REDIS_CLIENT } from '../../src/app/redis.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { testConfig } from './test-config.js';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  clock: FixedClock;
  database: TestDatabase;
  dataSource: DataSource;
  http: () => supertest.Agent;
  close(): Promise<void>;
}

/**
 * The api as it serves (same adapter, prefix, pipes, filters), on its own database and
 * Redis key prefix, with a clock the test controls.
 */
export async function startTestApp(
  options: { now?: Date; env?: Record<string, string>; throughDatabaseUrl?: (url: string) => string; ruleSets?: readonly RuleSet[] } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const databaseUrl = options.throughDatabaseUrl ? options.throughDatabaseUrl(database.url) : database.url;
  const config = testConfig({ databaseUrl, env: options.env });
  const clock = new FixedClock(options.now ?? new Date());
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot({ config })] })
    .overrideProvider(Clock)
    .useValue(clock)
    // The Victims' Code rule sets, like the clock, are the test's to set (a test-only set commencing on a date).
    .overrideProvider(CodeRuleSets)
    .useValue(options.ruleSets ? { ruleSets: options.ruleSets } : new CodeRuleSets())
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), { logger: false });
  await configureHttpApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    clock,
    database,
    dataSource: app.get(DataSource),
    http: () => supertest(app.getHttpServer()),
    async close() {
      const redis = app.get<Redis>(REDIS_CLIENT);
      await deleteKeys(redis, `${config.redisPrefix}:*`).catch(() => undefined);
      await app.close();
      await database.drop();
    },
  };
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
