import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { describeError } from '../app/logging.js';
import { DigestJob, QueueName } from '../queue/queues.js';
import { type DigestJobData, DigestPlanner } from './digest-planner.js';
import { DigestService } from './digest.service.js';
import { KeptSchedules } from '../queue/kept-schedules.js';

const PLAN_EVERY_MS = 60_000;

/**
 * The digest planner (every minute and at worker start; it enqueues only on working-day
 * mornings, so a worker down at 08:00 sends when it is back) and the per-user digest jobs.
 * The plan's schedule lives in Redis; the worker puts it back after a flush.
 */
@Processor(QueueName.Digests, { concurrency: 4 })
export class DigestsProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DigestsProcessor.name);
  private readonly schedules: KeptSchedules;

  constructor(
    private readonly planner: DigestPlanner,
    private readonly digests: DigestService,
    @InjectQueue(QueueName.Digests) private readonly queue: Queue,
  ) {
    super();
    this.schedules = new KeptSchedules(this.queue, [
      { name: DigestJob.Plan, everyMs: PLAN_EVERY_MS, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 1_000 } } },
    ]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.start();
    await this.planner.plan().catch((error: unknown) => {
      this.logger.warn({ error: describeError(error) }, 'digest planning at start failed');
    });
  }

  onApplicationShutdown(): void {
    this.schedules.stop();
  }

  async process(job: Job<DigestJobData>): Promise<unknown> {
    switch (job.name) {
      case DigestJob.Plan:
        return this.planner.plan();
      case DigestJob.Send: {
        const { userId, day } = job.data;
        if (!userId || !day) throw new Error(`digest job ${job.id} without a user or day`);
        return this.digests.send(userId, day, { lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
      }
      default:
        throw new Error(`Unknown digest job ${job.name}`);
    }
  }
}
