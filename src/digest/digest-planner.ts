import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CASE_ROLES } from '../access/roles.js';
import { Clock } from '../app/clock.js';
import { DigestJob, digestJobId, QueueName } from '../queue/queues.js';
import { digestDayAt } from './digest-schedule.js';

/** What a digest job carries: ids and the day, nothing personal. */
export interface DigestJobData {
  userId: string;
  /** `YYYY-MM-DD`, London. */
  day: string;
}

const ADD_BATCH = 500;

/**
 * Runs every minute: on a working-day morning, enqueues one digest job per enabled user
 * with a duty-owning role and no digest sent (or given up) today, under the id
 * `digest-<day>-<userId>`. Running again adds nothing while the jobs are kept; after a
 * worker outage or a Redis flush the next run enqueues what is missing, and sendOnce
 * keeps each digest single.
 */
@Injectable()
export class DigestPlanner {
  private readonly logger = new Logger(DigestPlanner.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Digests) private readonly queue: Queue<DigestJobData>,
    private readonly clock: Clock,
  ) {}

  /** How many digest jobs were asked for (each id at most once while kept). */
  async plan(): Promise<number> {
    const day = digestDayAt(this.clock.now());
    if (!day) return 0;
    const users: Array<{ id: string }> = await this.dataSource.query(
      `SELECT u.id FROM users u
        WHERE u.disabled_at IS NULL AND u.roles && $2::text[]
          AND NOT EXISTS (SELECT 1 FROM notifications n
                           WHERE n.dedupe_key = 'daily-digest:' || $1 || ':' || u.email AND n.status IN ('sent', 'failed'))
        ORDER BY u.id`,
      // The case roles own duties and referrals, and so have a day's work to be told of.
      [day, CASE_ROLES],
    );
    for (let start = 0; start < users.length; start += ADD_BATCH) {
      await this.queue.addBulk(
        users.slice(start, start + ADD_BATCH).map((user) => ({
          name: DigestJob.Send,
          data: { userId: user.id, day },
          opts: { jobId: digestJobId(day, user.id) },
        })),
      );
    }
    if (users.length) this.logger.log({ day, users: users.length }, 'digests planned');
    return users.length;
  }
}
