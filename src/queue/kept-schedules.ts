import { Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { describeError } from '../app/logging.js';

export interface KeptSchedule {
  /** The scheduler id, also the name of the jobs it makes. */
  name: string;
  everyMs: number;
  opts?: JobsOptions;
}

/** How often the schedules are put back: a flushed Redis is without them this long at most. */
const KEEP_EVERY_MS = 5 * 60_000;

/**
 * A queue's repeating jobs. BullMQ keeps job schedulers in Redis, so a flush drops them;
 * these are upserted at start and again every few minutes (upsertJobScheduler is
 * idempotent across workers). The one way a worker keeps a schedule.
 */
export class KeptSchedules {
  private readonly logger = new Logger(KeptSchedules.name);
  private timer: NodeJS.Timeout | undefined;
  private checker: NodeJS.Timeout | undefined;

  /**
   * `repair`: for a queue whose schedule must come back within seconds, not minutes (the
   * reminders' sweep): every `checkEveryMs` its schedulers are looked for in Redis, and when
   * one is gone (a flush) they are put back and `onRestored` runs (a sweep at once).
   */
  constructor(
    private readonly queue: Queue,
    private readonly schedules: readonly KeptSchedule[],
    private readonly repair?: { checkEveryMs: number; onRestored: () => Promise<unknown> },
  ) {}

  async start(): Promise<void> {
    await this.upsert();
    this.timer = setInterval(() => void this.upsert(), KEEP_EVERY_MS);
    this.timer.unref();
    if (this.repair) {
      this.checker = setInterval(() => void this.repairIfLost(), this.repair.checkEveryMs);
      this.checker.unref();
    }
  }

  /** The names of this queue's schedules that Redis does not hold now (after a flush, until repaired). */
  async missing(): Promise<string[]> {
    const missing: string[] = [];
    for (const schedule of this.schedules) {
      if (!(await this.queue.getJobScheduler(schedule.name))) missing.push(schedule.name);
    }
    return missing;
  }

  private repairing = false;

  private async repairIfLost(): Promise<void> {
    if (this.repairing || !this.repair) return;
    this.repairing = true;
    try {
      const missing = await this.missing();
      if (missing.length === 0) return;
      this.logger.warn({ queue: this.queue.name, missing }, 'job schedules lost (Redis flushed?): restoring them and catching up');
      await this.upsert();
      await this.repair.onRestored();
    } catch (error) {
      this.logger.warn({ queue: this.queue.name, error: describeError(error) }, 'could not repair job schedules');
    } finally {
      this.repairing = false;
    }
  }

  stop(): void {
    clearInterval(this.timer);
    clearInterval(this.checker);
  }

  private async upsert(): Promise<void> {
    for (const schedule of this.schedules) {
      try {
        await this.queue.upsertJobScheduler(schedule.name, { every: schedule.everyMs }, { name: schedule.name, opts: schedule.opts });
      } catch (error) {
        this.logger.warn({ queue: this.queue.name, schedule: schedule.name, error: describeError(error) }, 'could not keep a job schedule');
      }
    }
  }
}
