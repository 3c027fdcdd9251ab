import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { describeError } from '../app/logging.js';
import { DigestJob, QueueName } from '../queue/queues.js';
import { type DigestJobData, DigestPlanner } from './digest-planner.js';
import { DigestService } from './digest.service.js';

const PLAN_EVERY_MS = 60_000;
const KEEP_SCHEDULE_EVERY_MS = 5 * 60_000;

/**
 * The digest planner (every minute and at worker start; it enqueues only on working-day
 * mornings, so a worker down at 08:00 sends when it is back) and the per-user digest jobs.
 * The plan's schedule lives in Redis; the worker puts it back after a flush.
 */
@Processor(QueueName.Digests, { concurrency: 4 })
export class DigestsProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DigestsProcessor.name);
  private scheduleKeeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly planner: DigestPlanner,
    private readonly digests: DigestService,
    @InjectQueue(QueueName.Digests) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.keepSchedule();
    this.scheduleKeeper = setInterval(() => void this.keepSchedule(), KEEP_SCHEDULE_EVERY_MS);
    this.scheduleKeeper.unref();
    await this.planner.plan().catch((error: unknown) => {
      this.logger.warn({ error: describeError(error) }, 'digest planning at start failed');
    });
  }

  onApplicationShutdown(): void {
    clearInterval(this.scheduleKeeper);
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

  private async keepSchedule(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(
        DigestJob.Plan,
        { every: PLAN_EVERY_MS },
        { name: DigestJob.Plan, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 1_000 } } },
      );
    } catch (error) {
      this.logger.warn({ error: describeError(error) }, 'could not keep the digest schedule');
    }
  }
}
