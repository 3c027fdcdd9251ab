import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { CASE_ROLES } from '../access/roles.js';
import { Clock } from '../app/clock.js';
import { DigestJob, digestJobId, QueueName } from '../queue/queues.js';
import { digestPlanDayAt, digestTimeOn } from './digest-schedule.js';

/** What a digest job carries: ids and the day, nothing personal. */
export interface DigestJobData {
  userId: string;
  /** `YYYY-MM-DD`, London. */
  day: string;
}

const ADD_BATCH = 500;

/**
 * Plans the day's digests once (issue 19). The planner job runs every minute; the first run
 * from 07:50 London on a working day claims the day in `digest_days` and, in the same
 * transaction, enqueues one digest job per enabled user with a duty-owning role and no
 * digest sent (or given up) today, under the id `digest-<day>-<userId>`, delayed to 08:00
 * London: the emails go out at 08:00, not at whichever minute the planner next ran. Every
 * later run finds the day claimed and does nothing.
 *
 * Redis is not the truth: `recover` (the worker's start, and its repair after a flush)
 * enqueues again, for a day already claimed, the users Postgres has not recorded a digest
 * for; the job ids and sendOnce keep each digest single.
 */
@Injectable()
export class DigestPlanner {
  private readonly logger = new Logger(DigestPlanner.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Digests) private readonly queue: Queue<DigestJobData>,
    private readonly clock: Clock,
  ) {}

  /** How many digest jobs were asked for (each id at most once while kept): 0 once the day is planned, unless recovering. */
  async plan(options: { recover?: boolean } = {}): Promise<number> {
    const now = this.clock.now();
    const day = digestPlanDayAt(now);
    if (!day) return 0;
    const sendAt = digestTimeOn(day);
    return this.dataSource.transaction(async (tx) => {
      const claimed: Array<{ day: string }> = await tx.query(
        `INSERT INTO digest_days (day, planned_at, send_at, users) VALUES ($1, $2, $3, 0) ON CONFLICT (day) DO NOTHING RETURNING day`,
        [day, now, sendAt],
      );
      if (claimed.length === 0 && !options.recover) return 0;
      const users = await this.usersOwed(tx, day);
      // BullMQ counts delays in real time; the wait is measured on the service's clock. A job
      // that still runs early (a clock set back) waits again in Redis (DigestsProcessor).
      const delay = Math.max(0, sendAt.getTime() - now.getTime());
      for (let start = 0; start < users.length; start += ADD_BATCH) {
        await this.queue.addBulk(
          users.slice(start, start + ADD_BATCH).map((user) => ({
            name: DigestJob.Send,
            data: { userId: user.id, day },
            opts: { jobId: digestJobId(day, user.id), delay },
          })),
        );
      }
      if (claimed.length > 0) await tx.query(`UPDATE digest_days SET users = $2 WHERE day = $1`, [day, users.length]);
      if (users.length) this.logger.log({ day, users: users.length, delayMs: delay, recover: claimed.length === 0 }, 'digests planned');
      return users.length;
    });
  }

  private usersOwed(tx: EntityManager, day: string): Promise<Array<{ id: string }>> {
    return tx.query(
      `SELECT u.id FROM users u
        WHERE u.disabled_at IS NULL AND u.roles && $2::text[]
          AND NOT EXISTS (SELECT 1 FROM notifications n
                           WHERE n.dedupe_key = 'daily-digest:' || $1 || ':' || u.email AND n.status IN ('sent', 'failed'))
        ORDER BY u.id`,
      // The case roles own duties and referrals, and so have a day's work to be told of.
      [day, CASE_ROLES],
    );
  }
}
