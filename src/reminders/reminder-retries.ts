import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { describeError } from '../app/logging.js';
import { Mailer } from '../notifications/mailer.js';
import { QueueName } from '../queue/queues.js';

/** The name BullMQ knows the reminders' backoff by (its `backoffStrategy`, see remindersProcessorClass). */
export const REMINDER_BACKOFF = 'reminder-capped-exponential';

/**
 * A ceiling on runs of one reminder job, as a guard only: a job stops retrying when its
 * reminder's moment has passed (ReminderMail), long before this. At the longest wait (15
 * minutes by default) it covers a ULS window's reminder across Christmas several times over.
 */
export const REMINDER_MAX_RUNS = 10_000;

const PROMOTE_PAGE = 500;

/**
 * How long a reminder waits after its `failures`-th failed run: REMINDER_RETRY_DELAY_MS,
 * doubling, never more than REMINDER_RETRY_MAX_DELAY_MS. The cap keeps a reminder refused
 * through a long outage coming back often enough to go out soon after the outage ends.
 */
export function reminderRetryDelay(failures: number, policy: Pick<AppConfig['reminders'], 'retryDelayMs' | 'retryMaxDelayMs'>): number {
  const cap = Math.max(policy.retryDelayMs, policy.retryMaxDelayMs);
  // 2^30 times any delay is past every cap: no need to compute larger powers.
  const doubled = policy.retryDelayMs * 2 ** Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(cap, doubled);
}

/**
 * Reminders refused by SMTP wait in BullMQ's delayed set for their next try (up to 15
 * minutes apart). When SMTP comes back, nobody should wait that long: after a refusal the
 * worker greets the server every REMINDER_SMTP_CHECK_SECONDS; when it answers, one waiting
 * retry runs at once (a greeting does not prove the server takes mail: a server may greet
 * and still refuse recipients), and as soon as a reminder is sent, every reminder waiting
 * in a retry is run at once. A refusal of the probe keeps things as they were, one probe per
 * check, so a server that greets but refuses is not hammered.
 *
 * The state is this worker's own: after a restart, a reminder waiting in Redis runs at its
 * backoff time, and its refusal (or its sending) starts the watch again.
 */
@Injectable()
export class ReminderRetries implements OnApplicationShutdown {
  private readonly logger = new Logger(ReminderRetries.name);
  private refusing = false;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | null = null;

  constructor(
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** How long BullMQ waits before the run after this one, should this one fail (`runsMade` before it). */
  delayAfterRun(runsMade: number): number {
    return reminderRetryDelay(runsMade + 1, this.config.reminders);
  }

  /** SMTP refused a reminder: watch for it to come back. */
  refused(): void {
    if (!this.refusing) this.logger.warn('SMTP refused a reminder; watching for it to come back');
    this.refusing = true;
    this.timer ??= setInterval(() => void this.check(), this.config.reminders.smtpCheckMs).unref();
  }

  /** A reminder was sent: if SMTP was refusing, it is back, and every waiting retry runs now. */
  delivered(): void {
    if (!this.refusing) return;
    this.refusing = false;
    this.stopWatching();
    void this.runWaitingRetries().then(
      (count) => this.logger.log({ promoted: count }, 'SMTP is back; reminders waiting to retry run now'),
      (error: unknown) => this.logger.warn({ error: describeError(error) }, 'could not run the waiting reminder retries'),
    );
  }

  /**
   * Moves delayed reminder jobs that have failed before (`attemptsMade > 0`: waiting in a
   * retry's backoff, not for their own time) to run now, at most `limit` of them, earliest
   * first. Answers how many it moved.
   */
  async runWaitingRetries(limit = Number.POSITIVE_INFINITY): Promise<number> {
    let promoted = 0;
    let offset = 0;
    while (promoted < limit) {
      const page = await this.queue.getDelayed(offset, offset + PROMOTE_PAGE - 1);
      if (page.length === 0) break;
      for (const job of page) {
        if (promoted >= limit) break;
        if (job.attemptsMade > 0) {
          // Another worker may have promoted it, or it may have just run: a job no longer delayed is left as it is.
          const moved = await job.promote().then(
            () => true,
            () => false,
          );
          if (moved) promoted++;
          else offset++;
        } else {
          offset++;
        }
      }
      if (page.length < PROMOTE_PAGE) break;
    }
    return promoted;
  }

  onApplicationShutdown(): void {
    this.stopWatching();
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = (async () => {
      try {
        await this.mailer.verify();
      } catch {
        return; // still away: the waiting retries keep their backoff
      }
      const probed = await this.runWaitingRetries(1);
      // Nothing waiting to retry (all sent, or given up): nothing to watch for.
      if (probed === 0) {
        this.refusing = false;
        this.stopWatching();
      }
    })()
      .catch((error: unknown) => this.logger.warn({ error: describeError(error) }, 'SMTP recovery check failed'))
      .finally(() => {
        this.checking = null;
      });
    await this.checking;
  }

  private stopWatching(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
