import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { KeptSchedules } from '../queue/kept-schedules.js';
import { AuditJob, QueueName } from '../queue/queues.js';
import { AuditSealer } from './audit-sealer.js';

/**
 * The worker's side of the audit log: seals committed rows every few seconds, and writes
 * the chain's head to the log (outside the database) daily and at start. Both are
 * idempotent, so BullMQ's at-least-once delivery and a Redis flush cost nothing.
 */
@Processor(QueueName.Audit, { concurrency: 1 })
export class AuditSealingProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditSealingProcessor.name);
  private readonly schedules: KeptSchedules;

  constructor(
    private readonly sealer: AuditSealer,
    @InjectQueue(QueueName.Audit) private readonly queue: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super();
    const bounded = { removeOnComplete: { age: 3600, count: 100 }, removeOnFail: { age: 24 * 3600, count: 1_000 }, attempts: 1 };
    this.schedules = new KeptSchedules(this.queue, [
      { name: AuditJob.Seal, everyMs: config.audit.sealEveryMs, opts: bounded },
      { name: AuditJob.PublishHead, everyMs: config.audit.publishHeadEveryMinutes * 60_000, opts: bounded },
    ]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.start();
    // At start too: a worker down for a day still publishes once it is back.
    await this.sealer.sealAll().catch((error: unknown) => this.logger.warn({ error: String(error) }, 'first seal failed; the schedule retries'));
    await this.sealer.publishHead().catch((error: unknown) => this.logger.warn({ error: String(error) }, 'could not publish the audit head'));
  }

  onApplicationShutdown(): void {
    this.schedules.stop();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case AuditJob.Seal: {
        const sealed = await this.sealer.sealAll();
        if (sealed > 0) this.logger.debug({ sealed }, 'audit rows sealed');
        return { sealed };
      }
      case AuditJob.PublishHead:
        return { head: await this.sealer.publishHead() };
      default:
        throw new Error(`Unknown audit job ${job.name}`);
    }
  }
}
