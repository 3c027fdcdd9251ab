import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { Clock } from '../app/clock.js';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { describeError } from '../app/logging.js';
import { DigestJob, QueueName } from '../queue/queues.js';
import { type DigestJobData, DigestPlanner } from './digest-planner.js';
import { DigestService } from './digest.service.js';
import { KeptSchedules } from '../queue/kept-schedules.js';
import { waitUntil } from '../queue/wait-until.js';

const PLAN_EVERY_MS = 60_000;

/**
 * The digest planner (every minute; it plans a working day's digests once, from 07:50
 * London, to go at 08:00) and the per-user digest jobs. At worker start, and when a Redis
 * flush took the planner's schedule, the schedule is put back and the day re-planned for
 * the users Postgres records no digest for (`recover`), so a worker down at 08:00 sends
 * when it is back, that morning, and a flush loses no digest.
 */
@Processor(QueueName.Digests, { concurrency: 4 })
export class DigestsProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DigestsProcessor.name);
  private readonly schedules: KeptSchedules;

  constructor(
    private readonly planner: DigestPlanner,
    private readonly digests: DigestService,
    private readonly clock: Clock,
    @InjectQueue(QueueName.Digests) private readonly queue: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super();
    this.schedules = new KeptSchedules(
      this.queue,
      [{ name: DigestJob.Plan, everyMs: PLAN_EVERY_MS, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 1_000 } } }],
      { checkEveryMs: config.reminders.scheduleCheckMs, onRestored: () => this.planner.plan({ recover: true }) },
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.start();
    await this.planner.plan({ recover: true }).catch((error: unknown) => {
      this.logger.warn({ error: describeError(error) }, 'digest planning at start failed');
    });
  }

  onApplicationShutdown(): void {
    this.schedules.stop();
  }

  async process(job: Job<DigestJobData>, token?: string): Promise<unknown> {
    switch (job.name) {
      case DigestJob.Plan:
        return this.planner.plan();
      case DigestJob.Send: {
        const { userId, day } = job.data;
        if (!userId || !day) throw new Error(`digest job ${job.id} without a user or day`);
        const result = await this.digests.send(userId, day, { lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
        // Early by BullMQ's timer: wait in Redis until 08:00 by the service's clock.
        if (result.outcome === 'not-yet') return waitUntil(job, token, result.runAt, this.clock);
        return result;
      }
      default:
        throw new Error(`Unknown digest job ${job.name}`);
    }
  }
}
