import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { describeError } from '../app/logging.js';
import { OutboxJob, QueueName } from '../queue/queues.js';
import { OutboxRelay } from './outbox-relay.js';
import { KeptSchedules } from '../queue/kept-schedules.js';

export const RELAY_EVERY_MS = 5_000;

/**
 * Runs the relay every few seconds and once at worker start. The schedule lives in Redis,
 * so a flush drops it: the worker puts it back every few minutes (upsertJobScheduler is
 * idempotent across workers). Its jobs carry nothing and are kept briefly.
 */
@Processor(QueueName.Outbox, { concurrency: 1 })
export class OutboxRelayProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayProcessor.name);
  private readonly schedules: KeptSchedules;

  constructor(
    private readonly relay: OutboxRelay,
    @InjectQueue(QueueName.Outbox) private readonly queue: Queue,
  ) {
    super();
    this.schedules = new KeptSchedules(this.queue, [
      // A run that fails is simply the next run's work: no retries, little retention.
      { name: OutboxJob.Relay, everyMs: RELAY_EVERY_MS, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 1_000 } } },
    ]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.start();
    await this.relay.drain().catch((error: unknown) => {
      this.logger.warn({ error: describeError(error) }, 'outbox relay at start failed');
    });
  }

  onApplicationShutdown(): void {
    this.schedules.stop();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== OutboxJob.Relay) throw new Error(`Unknown outbox job ${job.name}`);
    return this.relay.drain();
  }
}
