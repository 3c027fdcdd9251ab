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

  constructor(
    private readonly queue: Queue,
    private readonly schedules: readonly KeptSchedule[],
  ) {}

  async start(): Promise<void> {
    await this.upsert();
    this.timer = setInterval(() => void this.upsert(), KEEP_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
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
