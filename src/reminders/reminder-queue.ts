import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { Clock } from '../app/clock.js';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { type DutyReminderKind, momentJobId, QueueName, ReminderJob, ulsReminderJobId } from '../queue/queues.js';
import { REMINDER_BACKOFF, REMINDER_MAX_RUNS } from './reminder-retries.js';

/** What a job of one duty carries (enqueued before reminders were grouped; still run): ids and the deadline it was made for. */
export interface DutyReminderData {
  dutyId: string;
  /** Epoch ms of due_at when the job was made; a different due_at now means the job is stale. */
  dueAt: number;
}

/** A victim's Unduly Lenient Sentence window to remind the witness care unit of, and when. */
export interface UlsWindowReminder {
  journeyId: string;
  outcomeId: string;
  closesAt: Date;
  runAt: Date;
  /** Runs before this one that found nobody to remind (reminder_alerts.generation); 0 for the first. */
  generation?: number;
}

/** What a ULS reminder job carries: ids and the close it was made for, nothing personal. */
export interface UlsReminderData {
  journeyId: string;
  outcomeId: string;
  /** Epoch ms of the window's close when the job was made; another close now (a corrected sentence) means the job is stale. */
  closesAt: number;
}

/** What a moment job carries: its kind and instant. */
export interface MomentData {
  kind: DutyReminderKind;
  /** Epoch ms of the moment. */
  at: number;
}

/** A moment to put in Redis (issue 19: reminders go out per person and moment). */
export interface ReminderMoment {
  kind: DutyReminderKind;
  at: Date;
}

export type ReminderJobData = DutyReminderData | UlsReminderData | MomentData;

interface DelayedJob {
  name: ReminderJob;
  data: ReminderJobData;
  jobId: string;
  runAt: Date;
}

const ADD_BATCH = 500;

/**
 * The one way reminders reach Redis: delayed jobs under deterministic ids, so sweeping the
 * same moment (or ULS window) again adds nothing while its job is kept. The delay is counted from the
 * service's clock; a job still delayed when that clock says it is due is promoted, so a
 * clock that differs from BullMQ's timer (tests, a drifting host) never holds it back
 * (unless it is waiting for a retry: see addDelayed).
 *
 * A failing job is retried with capped exponential backoff until its reminder's moment has
 * passed (reminder-retries.ts, ReminderMail); a job that gives up is removed at once
 * (removeOnFail), unlike other queues' failed jobs: while BullMQ keeps a failed job its id is
 * taken, and the sweep could not enqueue the reminder again. Postgres decides what is
 * retried: a refused email is marked failed when its horizon has passed and the sweep leaves
 * it alone; a reminder whose email is still pending (its job lost in a Redis flush, or given
 * up for another reason) is enqueued again by the next sweep. The processor logs each
 * failure, so nothing is lost from view.
 */
@Injectable()
export class ReminderQueue {
  private readonly retries: JobsOptions;

  constructor(
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue<ReminderJobData>,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // The backoff is the worker's (remindersProcessorClass): exponential, capped; the runs end
    // when the reminder's moment has passed (ReminderMail), REMINDER_MAX_RUNS is a guard.
    this.retries = {
      attempts: REMINDER_MAX_RUNS,
      backoff: { type: REMINDER_BACKOFF, delay: config.reminders.retryDelayMs },
      removeOnFail: true,
    };
  }

  /**
   * A moment whose job has completed and is still kept (a day) is run again when it is asked
   * for again: the sweep asks only while something of that moment is unplanned or unsent, and
   * a run plans and sends only what is left.
   */
  async enqueueMoments(moments: readonly ReminderMoment[]): Promise<void> {
    const unique = new Map(moments.map((moment) => [momentJobId(moment.kind, moment.at), moment]));
    for (const jobId of unique.keys()) {
      const kept = await this.queue.getJob(jobId);
      if (kept && (await kept.isCompleted())) await kept.remove();
    }
    await this.addDelayed(
      [...unique].map(([jobId, moment]) => ({ name: ReminderJob.Moment, data: { kind: moment.kind, at: moment.at.getTime() }, jobId, runAt: moment.at })),
    );
  }

  async enqueueUls(reminders: readonly UlsWindowReminder[]): Promise<void> {
    await this.addDelayed(
      reminders.map((reminder) => ({
        name: ReminderJob.UlsWindow,
        data: { journeyId: reminder.journeyId, outcomeId: reminder.outcomeId, closesAt: reminder.closesAt.getTime() },
        jobId: ulsReminderJobId(reminder.journeyId, reminder.outcomeId, reminder.closesAt, reminder.generation ?? 0),
        runAt: reminder.runAt,
      })),
    );
  }

  private async addDelayed(jobs: readonly DelayedJob[]): Promise<void> {
    const now = this.clock.now().getTime();
    const dueNow: string[] = [];
    for (let start = 0; start < jobs.length; start += ADD_BATCH) {
      const batch = jobs.slice(start, start + ADD_BATCH).map(({ name, data, jobId, runAt }) => {
        const delay = Math.max(0, runAt.getTime() - now);
        if (delay === 0) dueNow.push(jobId);
        return { name, data, opts: { ...this.retries, jobId, delay } };
      });
      await this.queue.addBulk(batch);
    }
    for (const jobId of dueNow) {
      const job = await this.queue.getJob(jobId);
      // A job that has failed before waits for its retry's backoff, not for its own time: the
      // sweep leaves it there (else every minute's sweep would retry a refused email), and
      // ReminderRetries runs it at once when SMTP is back.
      if (job && job.attemptsMade === 0 && (await job.isDelayed())) await job.promote();
    }
  }
}
