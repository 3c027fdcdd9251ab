import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, type Job, type Queue } from 'bullmq';
import { Clock } from '../app/clock.js';
import { describeError } from '../app/logging.js';
import { QueueName, ReminderJob } from '../queue/queues.js';
import type { DutyReminderData } from './reminder-queue.js';
import { ReminderSweeper } from './reminder-sweeper.service.js';
import { type ReminderOutcome, RemindersService } from './reminders.service.js';
import { KeptSchedules } from '../queue/kept-schedules.js';

const SWEEP_EVERY_MS = 60_000;
const MIN_EARLY_WAIT_MS = 1_000;

/**
 * Above the mailer's SMTP timeouts (10 s connect, 10 s greeting, 30 s socket): a job
 * waiting on a slow server keeps its lock rather than being run again beside itself.
 */
export const REMINDER_LOCK_DURATION_MS = 120_000;

/**
 * Reminder jobs: the sweep (every minute and at worker start) and the due-soon and breach
 * jobs it enqueues. The sweep's schedule lives in Redis, so a flush would drop it too: the
 * worker puts it back every few minutes (upsertJobScheduler is idempotent across workers).
 */
@Processor(QueueName.Reminders, { concurrency: 4, lockDuration: REMINDER_LOCK_DURATION_MS })
export class RemindersProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RemindersProcessor.name);
  private readonly schedules: KeptSchedules;

  constructor(
    private readonly reminders: RemindersService,
    private readonly sweeper: ReminderSweeper,
    private readonly clock: Clock,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
  ) {
    super();
    this.schedules = new KeptSchedules(this.queue, [{ name: ReminderJob.Sweep, everyMs: SWEEP_EVERY_MS }]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.start();
    await this.sweeper.sweep().catch((error: unknown) => {
      this.logger.warn({ error: describeError(error) }, 'reminder sweep at start failed');
    });
  }

  onApplicationShutdown(): void {
    this.schedules.stop();
  }

  async process(job: Job<DutyReminderData>, token?: string): Promise<unknown> {
    switch (job.name) {
      case ReminderJob.Sweep:
        return this.sweeper.sweep();
      case ReminderJob.DueSoon:
      case ReminderJob.Breach: {
        const { dutyId, dueAt } = job.data;
        if (!dutyId || !Number.isFinite(dueAt)) throw new Error(`reminder job ${job.id} without a duty id or deadline`);
        const attempt = { lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1), requestId: `job:${job.id}` };
        const result: ReminderOutcome =
          job.name === ReminderJob.DueSoon ? await this.reminders.sendDueSoon(dutyId, dueAt, attempt) : await this.reminders.recordBreach(dutyId, dueAt, attempt);
        if (result.outcome === 'not-yet') {
          // Run early (BullMQ's timer and the service's clock disagree): wait in Redis, not here.
          // BullMQ counts in real time; the wait is counted from the service's clock, at least a
          // second, so a clock that stands still (tests, simulations) never spins the job.
          const wait = Math.max(MIN_EARLY_WAIT_MS, result.runAt.getTime() - this.clock.now().getTime());
          await job.moveToDelayed(Date.now() + wait, token);
          throw new DelayedError();
        }
        this.logger.log({ dutyId, job: job.name, ...result }, 'duty reminder processed');
        return result;
      }
      default:
        throw new Error(`Unknown reminder job ${job.name}`);
    }
  }
}
