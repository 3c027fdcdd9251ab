import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../app/clock.js';
import { ulsRemindersOf } from '../journeys/victim-windows.js';
import type { DutyReminderKind } from '../queue/queues.js';
import { type DutyReminder, ReminderQueue, type UlsWindowReminder } from './reminder-queue.js';
import { breachAt, dueSoonAt, ESCALATION_WINDOW_MS, lastDueAtRemindedBy } from './reminder-times.js';
import { ulsReminderKey, UlsRemindersRepository } from './uls-reminders.repository.js';

/** How far ahead the sweep puts reminders into Redis; the sweep runs every minute, so an hour leaves ample overlap. */
export const REMINDER_HORIZON_MS = 60 * 60_000;

const PAGE = 1_000;

const DAY_MS = 86_400_000;

/**
 * A ULS window closes at the end of the 28th calendar day from sentence; looking back 29
 * days covers it across a clock change.
 */
const ULS_WINDOW_LOOKBACK_MS = 29 * DAY_MS;

/**
 * A ULS reminder is 08:00 London on the 2nd working day before the window's last day, never
 * earlier than 19 days after sentence (the longest run of days off, Christmas, is 4 days): a
 * sentence passed less than this long before the horizon cannot be due within it.
 */
const ULS_EARLIEST_REMINDER_MS = 14 * DAY_MS;

/** Journeys per page of the ULS sweep: each page reads those journeys' whole timelines. */
const ULS_PAGE = 200;

interface DueRow {
  id: string;
  due_at: Date;
  /** From the reminder's open alert, if a run found nobody: the next generation's number and time. */
  generation: number;
  retry_at: Date | null;
}

/** The reminder's open alert (a run that found nobody), joined as `a`, for its generation and retry time. */
const openAlert = (kind: DutyReminderKind) =>
  `LEFT JOIN reminder_alerts a ON a.duty_id = d.id AND a.reminder_kind = '${kind}' AND a.resolved_at IS NULL`;
const ALERT_COLUMNS = `coalesce(a.generation, 0) AS generation, a.retry_at`;

/** When a reminder runs: its own time, or later when a run that found nobody set the next try. */
function laterOf(runAt: Date, retryAt: Date | null): Date {
  return retryAt && retryAt.getTime() > runAt.getTime() ? retryAt : runAt;
}

export interface SweepOutcome {
  dueSoon: number;
  breaches: number;
}

/** What a whole sweep enqueued: duty reminders and breaches, and reminders of closing ULS windows. */
export interface FullSweepOutcome extends SweepOutcome {
  ulsWindows: number;
}

/**
 * Postgres is the schedule; Redis holds only what falls due within the horizon. Each sweep
 * reads, through indexes on due_at, the owed duties whose due-soon reminder or deadline
 * falls before now + horizon and whose reminder or breach is not yet done, and enqueues
 * them under deterministic job ids: sweeping again, or after Redis lost its jobs, enqueues
 * each at most once more and sends nothing twice (the processors check Postgres).
 */
@Injectable()
export class ReminderSweeper {
  private readonly logger = new Logger(ReminderSweeper.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: ReminderQueue,
    private readonly clock: Clock,
    private readonly ulsWindows: UlsRemindersRepository,
  ) {}

  async sweep(): Promise<FullSweepOutcome> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + REMINDER_HORIZON_MS);
    const dueSoon = await this.sweepDueSoon(now, until);
    const breaches = await this.sweepBreaches(now, until);
    const ulsWindows = await this.sweepUlsWindows(now, until);
    if (dueSoon || breaches || ulsWindows) this.logger.log({ dueSoon, breaches, ulsWindows }, 'reminders swept');
    return { dueSoon, breaches, ulsWindows };
  }

  /**
   * The sweep for one duty, as the outbox relay asks when a duty is opened or re-dated: a
   * reminder whose time has already passed (a duty opened late the day before it is due)
   * goes out within seconds instead of at the next minute's sweep. Same conditions and job
   * ids as `sweep`, so the two together enqueue each reminder at most once.
   */
  async sweepDuty(dutyId: string): Promise<SweepOutcome> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + REMINDER_HORIZON_MS);
    const [row]: Array<{ id: string; due_at: Date; status: string; breach_recorded_at: Date | null; reminded: boolean; generation: number; retry_at: Date | null; breach_generation: number; breach_retry_at: Date | null }> = await this.dataSource.query(
      `SELECT d.id, d.due_at, d.status, d.breach_recorded_at,
              EXISTS (SELECT 1 FROM notifications n
                       WHERE n.duty_id = d.id AND n.kind = 'duty_due_soon' AND n.status IN ('sent', 'failed')) AS reminded,
              ${ALERT_COLUMNS}, coalesce(b.generation, 0) AS breach_generation, b.retry_at AS breach_retry_at
         FROM duties d ${openAlert('due-soon')}
         LEFT JOIN reminder_alerts b ON b.duty_id = d.id AND b.reminder_kind = 'breach' AND b.resolved_at IS NULL
        WHERE d.id = $1`,
      [dutyId],
    );
    if (!row || !['open', 'breached'].includes(row.status)) return { dueSoon: 0, breaches: 0 };
    const dueAt = new Date(row.due_at);
    const reminders: DutyReminder[] = [];
    const runAt = laterOf(dueSoonAt(dueAt), row.retry_at ? new Date(row.retry_at) : null);
    if (!row.reminded && dueAt.getTime() > now.getTime() && runAt.getTime() <= until.getTime()) {
      reminders.push({ dutyId: row.id, kind: 'due-soon', dueAt, runAt, generation: row.generation });
    }
    const breaching = row.breach_recorded_at === null && dueAt.getTime() < until.getTime();
    if (breaching) {
      const runAt = laterOf(breachAt(dueAt), row.breach_retry_at ? new Date(row.breach_retry_at) : null);
      reminders.push({ dutyId: row.id, kind: 'breach', dueAt, runAt, generation: row.breach_generation });
    }
    if (reminders.length) await this.queue.enqueue(reminders);
    return { dueSoon: reminders.length - (breaching ? 1 : 0), breaches: breaching ? 1 : 0 };
  }

  /** Owed duties not yet past their deadline whose reminder time is before `until`, with no due-soon email sent or given up. */
  private async sweepDueSoon(now: Date, until: Date): Promise<number> {
    let count = 0;
    await this.pages(
      `SELECT d.id, d.due_at, ${ALERT_COLUMNS} FROM duties d ${openAlert('due-soon')}
        WHERE d.status IN ('open', 'breached') AND d.due_at > $1 AND d.due_at <= $2
          AND NOT EXISTS (SELECT 1 FROM notifications n
                           WHERE n.duty_id = d.id AND n.kind = 'duty_due_soon' AND n.status IN ('sent', 'failed'))`,
      [now, lastDueAtRemindedBy(until)],
      async (rows) => {
        const reminders: DutyReminder[] = [];
        for (const row of rows) {
          const runAt = laterOf(dueSoonAt(row.due_at), row.retry_at);
          if (runAt.getTime() <= until.getTime()) reminders.push({ dutyId: row.id, kind: 'due-soon', dueAt: row.due_at, runAt, generation: row.generation });
        }
        await this.queue.enqueue(reminders);
        count += reminders.length;
      },
    );
    return count;
  }

  /**
   * Owed duties whose deadline is before `until` with the breach not yet recorded, and
   * recently recorded breaches with no escalation sent or given up (the job that recorded
   * one was lost before it sent); a breach with no one to escalate to is tried again only
   * one generation on (its job id changes), at the retry time its alert set.
   */
  private async sweepBreaches(now: Date, until: Date): Promise<number> {
    let count = 0;
    const enqueue = async (rows: DueRow[]) => {
      await this.queue.enqueue(
        rows.map((row) => ({ dutyId: row.id, kind: 'breach', dueAt: row.due_at, runAt: laterOf(breachAt(row.due_at), row.retry_at), generation: row.generation })),
      );
      count += rows.length;
    };
    await this.pages(
      `SELECT d.id, d.due_at, ${ALERT_COLUMNS} FROM duties d ${openAlert('breach')}
        WHERE d.status IN ('open', 'breached') AND d.breach_recorded_at IS NULL AND d.due_at < $1`,
      [until],
      enqueue,
    );
    await this.pages(
      `SELECT d.id, d.due_at, ${ALERT_COLUMNS} FROM duties d ${openAlert('breach')}
        WHERE d.breach_recorded_at IS NOT NULL AND d.breach_recorded_at > $1
          AND NOT EXISTS (SELECT 1 FROM notifications n
                           WHERE n.duty_id = d.id AND n.kind = 'duty_breached' AND n.status IN ('sent', 'failed'))`,
      // An escalation not sent within its window of recording the breach is looked for again (a Redis flush in between).
      [new Date(now.getTime() - ESCALATION_WINDOW_MS)],
      enqueue,
    );
    return count;
  }

  /**
   * Unduly Lenient Sentence reminders (issue 16) whose time falls before `until`: for each
   * victim's sentence whose window is still open and whose victim is still not told of it
   * (libs/victims-code ulsReminders, with corrections, voidings and opt-outs applied), and
   * whose reminder was not sent or given up, a delayed job at `remindAt` (or its alert's
   * retry time) under a deterministic id. A sentence recorded after its reminder time is
   * reminded at once, while its window is open.
   */
  private async sweepUlsWindows(now: Date, until: Date): Promise<number> {
    const window = { openSince: new Date(now.getTime() - ULS_WINDOW_LOOKBACK_MS), remindableBy: new Date(until.getTime() - ULS_EARLIEST_REMINDER_MS) };
    const tx = this.dataSource.manager;
    let count = 0;
    let after: string | null = null;
    for (;;) {
      const journeyIds = await this.ulsWindows.candidates(tx, window, after, ULS_PAGE);
      if (journeyIds.length === 0) return count;
      const [owed, reminded, alerts] = await Promise.all([
        ulsRemindersOf(tx, journeyIds, now),
        this.ulsWindows.reminded(tx, journeyIds),
        this.ulsWindows.openAlerts(tx, journeyIds),
      ]);
      const reminders: UlsWindowReminder[] = [];
      for (const [journeyId, windows] of owed) {
        for (const { outcomeId, closesAt, remindAt } of windows) {
          const key = ulsReminderKey(journeyId, outcomeId);
          if (reminded.has(key)) continue;
          const alert = alerts.get(key);
          const runAt = laterOf(remindAt, alert?.retryAt ?? null);
          if (runAt.getTime() <= until.getTime()) reminders.push({ journeyId, outcomeId, closesAt, runAt, generation: alert?.generation ?? 0 });
        }
      }
      await this.queue.enqueueUls(reminders);
      count += reminders.length;
      if (journeyIds.length < ULS_PAGE) return count;
      after = journeyIds[journeyIds.length - 1]!;
    }
  }

  /** Keyset pages in (due_at, id) order, so a large sweep never holds thousands of rows or one long query. */
  private async pages(sql: string, params: unknown[], each: (rows: DueRow[]) => Promise<void>): Promise<void> {
    let after: DueRow | null = null;
    for (;;) {
      const keyset: string = after ? `AND (d.due_at, d.id) > ($${params.length + 1}, $${params.length + 2})` : '';
      const rows: DueRow[] = await this.dataSource.query(
        `${sql} ${keyset} ORDER BY d.due_at, d.id LIMIT ${PAGE}`,
        after ? [...params, after.due_at, after.id] : params,
      );
      if (rows.length === 0) return;
      await each(rows.map((row) => ({ id: row.id, due_at: new Date(row.due_at), generation: Number(row.generation ?? 0), retry_at: row.retry_at ? new Date(row.retry_at) : null })));
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1];
    }
  }
}
