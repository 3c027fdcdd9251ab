import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { QueueConsumers } from '../queue/queue-consumers.js';

/**
 * On SIGTERM, the worker's BullMQ workers stop taking jobs and finish the ones they are
 * running before anything else is torn down. Nest destroys the root module's providers
 * first and global modules (TypeORM's, BullMQ's own) last, in an order between them that
 * nothing promises; left to @nestjs/bullmq, the workers would close in that last group,
 * after the mailer's pool has closed (a job that reaches its send then fails with "pool
 * was closed", to run again later) and perhaps after the database pool. Provided by
 * WorkerModule itself so that it runs first; meanwhile readiness reads the closing
 * workers and answers 503.
 */
@Injectable()
export class WorkerShutdown implements OnModuleDestroy {
  private readonly logger = new Logger(WorkerShutdown.name);

  constructor(private readonly consumers: QueueConsumers) {}

  async onModuleDestroy(): Promise<void> {
    const workers = this.consumers.all();
    this.logger.log({ queues: workers.map((worker) => worker.name) }, 'stopping: finishing the jobs in hand');
    // close() is idempotent: @nestjs/bullmq's own close later awaits the same promise.
    await Promise.all(workers.map((worker) => worker.close()));
    this.logger.log('queue workers closed');
  }
}
