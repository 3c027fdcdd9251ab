import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS_CLIENT } from '../app/redis.js';
import { Mailer } from '../notifications/mailer.js';
import { describeSendError } from '../notifications/notifications.service.js';
import { QueueConsumers } from '../queue/queue-consumers.js';
import { QueueName, ReminderJob } from '../queue/queues.js';
import { ReminderRecipientsRepository } from '../reminders/reminder-recipients.repository.js';

/** A dependency that takes longer than this to answer counts as down. */
const CHECK_TIMEOUT_MS = 2_000;
/** SMTP is greeted at most this often, however often the probe asks: a probe must not load the relay. */
const SMTP_VERIFY_EVERY_MS = 30_000;

export type WorkerState = 'running' | 'paused' | 'closing' | 'stopped';

/** A check's outcome; `reason` is an error class or code, never a message (which may quote a host or an address). */
export interface CheckResult {
  status: 'up' | 'down';
  reason?: string;
}

export interface WorkerReadinessReport {
  ready: boolean;
  /** The failing checks that make the worker not ready, in check order. */
  failing: string[];
  /** What an operator must look at though the worker is ready (SMTP refusing, reminders with nobody to go to): "degraded". */
  warnings: string[];
  checks: {
    postgres: CheckResult;
    redis: CheckResult;
    workers: CheckResult & { queues: Record<string, WorkerState> };
    /** Reported for alerting; does not make the worker unready (see `check`). */
    smtp: CheckResult & { affectsReadiness: false; checkedAt: string | null };
    /** The reminder sweep's schedule: missing after a Redis flush until the worker repairs it (and sweeps). */
    schedules: { status: 'up' | 'warning' | 'unknown'; missing: string[]; affectsReadiness: false };
    /** Reminders that had nobody to go to and are not yet resolved (operator alerts, issue 19). */
    reminderAlerts: { status: 'up' | 'warning' | 'unknown'; open: number | null; affectsReadiness: false };
  };
}

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * Whether the worker can do its work: Postgres and Redis answer and every BullMQ worker
 * of this process runs (not paused, not closing: from SIGTERM on, it answers 503).
 *
 * SMTP is reported but does not make the worker unready. An SMTP outage does not stop
 * the worker working correctly: each email is recorded in Postgres, retried with backoff
 * until its reminder's moment has passed (then marked failed for admins), run again at once
 * when SMTP takes mail again (ReminderRetries), and the sweeps, breaches and
 * outbox go on. Taking the worker out of service, or restarting it, would not bring the
 * relay back, and would stop that other work; the outage is for alerting to show.
 */
@Injectable()
export class WorkerReadiness {
  private smtp: { result: CheckResult; at: number } | null = null;
  private smtpInFlight: Promise<CheckResult> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly mailer: Mailer,
    private readonly consumers: QueueConsumers,
    private readonly recipients: ReminderRecipientsRepository,
    @InjectQueue(QueueName.Reminders) private readonly reminders: Queue,
  ) {}

  async check(): Promise<WorkerReadinessReport> {
    const [postgres, redis, smtp, reminderAlerts, schedules] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(async () => {
        if ((await this.redis.ping()) !== 'PONG') throw new Error('unexpected answer');
      }),
      this.smtpCheck(),
      this.reminderAlertsCheck(),
      this.schedulesCheck(),
    ]);
    const workers = this.workersCheck();
    const checks = {
      postgres,
      redis,
      workers,
      smtp: { ...smtp.result, affectsReadiness: false as const, checkedAt: smtp.at ? new Date(smtp.at).toISOString() : null },
      schedules,
      reminderAlerts,
    };
    const failing = (['postgres', 'redis', 'workers'] as const).filter((name) => checks[name].status === 'down');
    const warnings = [
      ...(smtp.result.status === 'down' ? ['smtp'] : []),
      ...(schedules.status === 'warning' ? ['schedules'] : []),
      ...(reminderAlerts.status === 'warning' ? ['reminderAlerts'] : []),
    ];
    return { ready: failing.length === 0, failing, warnings, checks };
  }

  /** Every BullMQ worker this process runs, by queue: all must be running. */
  private workersCheck(): WorkerReadinessReport['checks']['workers'] {
    const queues: Record<string, WorkerState> = {};
    for (const worker of this.consumers.all()) queues[worker.name] = stateOf(worker);
    const states = Object.values(queues);
    if (states.length === 0) return { status: 'down', reason: 'no workers', queues };
    return states.every((state) => state === 'running') ? { status: 'up', queues } : { status: 'down', reason: 'not all workers running', queues };
  }

  /** Bounded like the other probes: BullMQ's queue connection queues commands while Redis is away. */
  private async schedulesCheck(): Promise<WorkerReadinessReport['checks']['schedules']> {
    let found = false;
    const result = await probe(async () => {
      found = Boolean(await this.reminders.getJobScheduler(ReminderJob.Sweep));
    });
    if (result.status === 'down') return { status: 'unknown', missing: [], affectsReadiness: false };
    return found ? { status: 'up', missing: [], affectsReadiness: false } : { status: 'warning', missing: [ReminderJob.Sweep], affectsReadiness: false };
  }

  private async reminderAlertsCheck(): Promise<WorkerReadinessReport['checks']['reminderAlerts']> {
    let open = 0;
    const result = await probe(async () => {
      open = await this.recipients.openAlerts(this.dataSource.manager);
    });
    if (result.status === 'down') return { status: 'unknown', open: null, affectsReadiness: false };
    return { status: open > 0 ? 'warning' : 'up', open, affectsReadiness: false };
  }

  private async smtpCheck(): Promise<{ result: CheckResult; at: number }> {
    if (this.smtp && Date.now() - this.smtp.at < SMTP_VERIFY_EVERY_MS) return this.smtp;
    this.smtpInFlight ??= probe(() => this.mailer.verify(), describeSendError).finally(() => {
      this.smtpInFlight = null;
    });
    const result = await this.smtpInFlight;
    this.smtp = { result, at: Date.now() };
    return this.smtp;
  }
}

function stateOf(worker: Worker): WorkerState {
  if (worker.closing) return 'closing';
  if (worker.isPaused()) return 'paused';
  return worker.isRunning() ? 'running' : 'stopped';
}

async function probe(attempt: () => Promise<unknown>, describe: (error: unknown) => string = reasonOf): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      attempt(),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new TimeoutError()), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', reason: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** `ECONNREFUSED`, `TimeoutError`: the class or code of what went wrong, nothing the error says. */
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code)) return code;
  return error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : 'Error';
}
