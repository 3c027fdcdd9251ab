import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import { dataSourceOptions } from './data-source-options.js';
import { TransactionRunner } from '../database/transaction.js';
import { IdempotencyModule } from '../idempotency/idempotency.store.js';
import { OutboxModule } from '../outbox/outbox.js';
import { QueueModule } from '../queue/queue.module.js';
import { Clock, OffsetClock, SystemClock } from '../app/clock.js';
import { APP_CONFIG, type AppConfig, loadConfig } from '../app/config.js';
import { loggerParams } from '../app/logging.js';
import { createAppRedis, REDIS_CLIENT } from '../app/redis.js';

/**
 * What both the api and the worker stand on: validated config, the clock, logging,
 * Postgres (TypeORM), Redis and the BullMQ queues. Pass a config to override the
 * environment (tests).
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  static forRoot(options: { config?: AppConfig; processName: 'api' | 'worker' }) {
    const config = options.config ?? loadConfig();
    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRoot(loggerParams(config)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions({ url: config.databaseUrl, poolSize: config.databasePoolSize, applicationName: `vjs-${options.processName}` }),
        }),
        QueueModule.forRoot(config),
        OutboxModule,
        IdempotencyModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: config.clockOffsetMs === 0 ? new SystemClock() : new OffsetClock(config.clockOffsetMs) },
        { provide: REDIS_CLIENT, useFactory: () => createAppRedis(config.redisUrl) },
        TransactionRunner,
      ],
      exports: [APP_CONFIG, Clock, REDIS_CLIENT, TransactionRunner, QueueModule],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
