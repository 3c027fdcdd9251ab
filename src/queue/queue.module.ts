import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import type { RedisOptions } from 'bullmq';
import type { AppConfig } from '../app/config.js';
import { redisConnectionOptions } from '../app/redis.js';
import { QueueErrorLog } from './queue-errors.js';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queues.js';

/** BullMQ wiring shared by the api (producers) and the worker (consumers). */
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    const queues = BullModule.registerQueue(
      ...Object.values(QueueName).map((name) => ({ name, defaultJobOptions: DEFAULT_JOB_OPTIONS })),
    );
    return {
      module: QueueModule,
      imports: [
        BullModule.forRoot({
          // BullMQ needs maxRetriesPerRequest: null on its blocking connections.
          connection: { ...redisConnectionOptions(config.redisUrl), maxRetriesPerRequest: null } as RedisOptions,
          prefix: `${config.redisPrefix}:bull`,
        }),
        queues,
      ],
      providers: [QueueErrorLog],
      exports: [queues],
    };
  }
}
