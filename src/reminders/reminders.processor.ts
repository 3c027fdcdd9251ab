import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type Type } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { Clock } from '../app/clock.js';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { describeError } from '../app/logging.js';
import { QueueName, ReminderJob } from '../queue/queues.js';
import type { DutyReminderData, MomentData, ReminderJobData, UlsReminderData } from './reminder-queue.js';
import { ReminderSweeper } from './reminder-sweeper.service.js';
import { ReminderGivenUpError, type ReminderAttempt } from './reminder-mail.js';
import { REMINDER_BACKOFF, ReminderRetries, reminderRetryDelay } from './reminder-retries.js';
import { type ReminderOutcome, RemindersService } from './reminders.service.js';
import { UlsRemindersService } from './uls-reminders.service.js';
import { KeptSchedules } from '../queue/kept-schedules.js';
import { waitUntil } from '../queue/wait-until.js';

const SWEEP_EVERY_MS = 60_000;

/** BullMQ's own default: how often a worker looks for jobs whose worker died (their lock lapsed). */
const STALLED_CHECK_EVERY_MS = 30_000;

/**
 * Reminder jobs: the sweep (every minute and at worker start) and the due-soon and breach
 * jobs it enqueues. The sweep's schedule lives in Redis, so a flush would drop it too: the
 * worker puts it back every few minutes (upsertJobScheduler is idempotent across workers).
 * BullMQ runs the class `remindersProcessorClass` makes, which carries the worker options.
 */
@Injectable()
export class RemindersProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RemindersProcessor.name);
  private readonly schedules: KeptSchedules;

  constructor(
    private readonly reminders: RemindersService,
    private readonly ulsReminders: UlsRemindersService,
    private readonly sweeper: ReminderSweeper,
    private readonly clock: Clock,
    private readonly retries: ReminderRetries,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super();
    // A flush takes the sweep's schedule and the delayed reminders with it: checked every few
    // seconds, the schedule is put back and a sweep run at once, so reminders are back in Redis
    // within REMINDER_SCHEDULE_CHECK_SECONDS (and the worker's health is "degraded" until then).
    this.schedules = new KeptSchedules(this.queue, [{ name: ReminderJob.Sweep, everyMs: SWEEP_EVERY_MS }], {
      checkEveryMs: config.reminders.scheduleCheckMs,
      onRestored: () => this.sweeper.sweep(),
    });
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

  async process(job: Job<ReminderJobData>, token?: string): Promise<unknown> {
    try {
      return await this.run(job, token);
    } catch (error) {
      // The reminder's moment has passed and its email is marked failed: no more runs.
      if (error instanceof ReminderGivenUpError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  private async run(job: Job<ReminderJobData>, token: string | undefined): Promise<unknown> {
    const lastRun = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const attempt: ReminderAttempt = {
      nextRetryInMs: lastRun ? Number.POSITIVE_INFINITY : this.retries.delayAfterRun(job.attemptsMade),
      requestId: `job:${job.id}`,
    };
    switch (job.name) {
      case ReminderJob.Sweep:
        return this.sweeper.sweep();
      case ReminderJob.Moment: {
        const { kind, at } = job.data as MomentData;
        if ((kind !== 'due-soon' && kind !== 'breach') || !Number.isFinite(at)) throw new Error(`reminder job ${job.id} without a kind or moment`);
        const result = await this.reminders.runMoment(kind, new Date(at), attempt);
        if (result.outcome === 'not-yet') return waitUntil(job, token, result.runAt, this.clock);
        return result;
      }
      // Jobs of one duty, as enqueued before reminders were grouped per person and moment.
      case ReminderJob.DueSoon:
      case ReminderJob.Breach: {
        const { dutyId, dueAt } = job.data as DutyReminderData;
        if (!dutyId || !Number.isFinite(dueAt)) throw new Error(`reminder job ${job.id} without a duty id or deadline`);
        const result: ReminderOutcome =
          job.name === ReminderJob.DueSoon ? await this.reminders.sendDueSoon(dutyId, dueAt, attempt) : await this.reminders.recordBreach(dutyId, dueAt, attempt);
        return this.finish(job, token, result, { dutyId }, 'duty reminder processed');
      }
      case ReminderJob.UlsWindow: {
        const { journeyId, outcomeId, closesAt } = job.data as UlsReminderData;
        if (!journeyId || !outcomeId || !Number.isFinite(closesAt)) throw new Error(`reminder job ${job.id} without a journey, outcome or close`);
        const result = await this.ulsReminders.send({ journeyId, outcomeId }, closesAt, attempt);
        return this.finish(job, token, result, { journeyId, outcomeId }, 'ULS reminder processed');
      }
      default:
        throw new Error(`Unknown reminder job ${job.name}`);
    }
  }

  /** Logs what the job did (ids and codes only), or puts a job that ran early back to wait. */
  private async finish(job: Job<ReminderJobData>, token: string | undefined, result: ReminderOutcome, ids: Record<string, string>, message: string): Promise<ReminderOutcome> {
    if (result.outcome === 'not-yet') return waitUntil(job, token, result.runAt, this.clock);
    // The skip is logged as `skip`: the logger redacts any `reason` field (free text elsewhere), and this one is a code.
    this.logger.log({ ...ids, job: job.name, outcome: result.outcome, ...(result.outcome === 'skipped' ? { skip: result.reason } : {}) }, message);
    return result;
  }

  /** Every failed run, retried or not: the error's class only (a driver's message can carry values). */
  @OnWorkerEvent('failed')
  onFailed(job: Job<ReminderJobData> | undefined, error: Error): void {
    if (!job) return;
    const givenUp = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn(
      { job: job.name, jobId: job.id, ...idsOf(job.data), attemptsMade: job.attemptsMade, givenUp, error: describeError(error) },
      givenUp ? 'reminder job gave up' : 'reminder job failed; it will be retried',
    );
  }
}

/** The ids a reminder job carries, for its log lines (the job id names them too). */
function idsOf(data: ReminderJobData | undefined): Record<string, string | undefined> {
  if (!data) return {};
  if ('dutyId' in data) return { dutyId: data.dutyId };
  if ('journeyId' in data) return { journeyId: data.journeyId, outcomeId: data.outcomeId };
  return { moment: `${data.kind}@${new Date(data.at).toISOString()}` };
}

/**
 * The processor class BullMQ runs, with this deployment's lock duration (REMINDER_LOCK_SECONDS).
 * @nestjs/bullmq reads a worker's options from its class decorator only, so the class is
 * made here from the configuration, as @nestjs/passport makes its guards.
 *
 * The lock is renewed every half-duration while the worker lives, so its length matters
 * only when renewal stops. It is short (15 s by default, issue 19) so the job of a worker
 * killed mid-send runs again within 30 s: the lock lapses, and the next stalled-job check
 * (every lock duration, at most 30 s) hands it to another worker. A blocked event loop or a
 * Redis hiccup longer than the lock may let a second worker run a job beside the first; the
 * send-once record, not the lock, keeps that to one email: sendOnce locks the notification
 * row and finds it sent, and the breach is recorded under the journey's lock.
 */
export function remindersProcessorClass(settings: AppConfig['reminders']): Type<RemindersProcessor> {
  @Processor(QueueName.Reminders, {
    concurrency: 4,
    lockDuration: settings.lockDurationMs,
    stalledInterval: Math.min(STALLED_CHECK_EVERY_MS, settings.lockDurationMs),
    // Jobs name this strategy (ReminderQueue): exponential from REMINDER_RETRY_DELAY_MS, capped at REMINDER_RETRY_MAX_DELAY_MS.
    settings: {
      backoffStrategy: (attemptsMade: number, type?: string) => {
        if (type !== REMINDER_BACKOFF) throw new Error(`Unknown reminder backoff ${type}`);
        return reminderRetryDelay(attemptsMade, settings);
      },
    },
  })
  class ConfiguredRemindersProcessor extends RemindersProcessor {}
  return ConfiguredRemindersProcessor;
}
