import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../app/clock.js';
import { ulsRemindersOf } from '../journeys/victim-windows.js';
import type { DutyReminderKind } from '../queue/queues.js';
import { type ReminderMoment, ReminderQueue, type UlsWindowReminder } from './reminder-queue.js';
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

/**
 * The moment to run a reminder whose own time is `runAt`: itself, or now when it has passed
 * (a duty opened late, a sweep after a flush): everything a sweep finds late goes out in one
 * catch-up moment, one email per person.
 */
export function momentFor(runAt: Date, now: Date): Date {
  return runAt.getTime() >= now.getTime() ? runAt : now;
}

/** When a reminder runs: its own time, or later when a run that found nobody set the next try. */
function laterOf(runAt: Date, retryAt: Date | null): Date {
  return retryAt && retryAt.getTime() > runAt.getTime() ? retryAt : runAt;
}

interface DueRow {
  id: string;
  due_at: Date;
  /** From the reminder's open alert, if a run found nobody: when to try again. */
  retry_at: Date | null;
}

/** The reminder's open alert (a run that found nobody), joined as `a`, for its retry time. */
const openAlert = (kind: DutyReminderKind) =>
  `LEFT JOIN reminder_alerts a ON a.duty_id = d.id AND a.reminder_kind = '${kind}' AND a.resolved_at IS NULL`;

/** The moment kind that sends a pending row (the admins' alerts name theirs in the dedupe key). */
const MOMENT_OF_ROW = `CASE WHEN kind IN ('duty_missed', 'duty_breached') OR dedupe_key LIKE 'reminder-unroutable:%:breach:%' THEN 'breach' ELSE 'due-soon' END`;

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
    const moments: ReminderMoment[] = [];
    const dueSoon = await this.sweepDueSoon(now, until, moments);
    const breaches = await this.sweepBreaches(now, until, moments);
    await this.sweepPending(until, null, moments);
    await this.queue.enqueueMoments(moments);
    const ulsWindows = await this.sweepUlsWindows(now, until);
    if (dueSoon || breaches || ulsWindows) this.logger.log({ dueSoon, breaches, ulsWindows, moments: new Set(moments.map((moment) => `${moment.kind}@${moment.at.getTime()}`)).size }, 'reminders swept');
    return { dueSoon, breaches, ulsWindows };
  }

  /**
   * The sweep for one duty, as the outbox relay asks when a duty is opened or re-dated, or an
   * admin re-sends its failed email: a reminder whose time has already passed (a duty opened
   * late the day before it is due) goes out within seconds, at a catch-up moment, instead of
   * at the next minute's sweep. Same conditions and job ids as `sweep`.
   */
  async sweepDuty(dutyId: string): Promise<SweepOutcome> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + REMINDER_HORIZON_MS);
    const [row]: Array<{ id: string; due_at: Date; status: string; breach_recorded_at: Date | null; planned: boolean; retry_at: Date | null; escalated: boolean; breach_retry_at: Date | null }> = await this.dataSource.query(
      `SELECT d.id, d.due_at, d.status, d.breach_recorded_at,
              EXISTS (SELECT 1 FROM notifications n WHERE n.duty_id = d.id AND n.kind = 'duty_due_soon') AS planned,
              EXISTS (SELECT 1 FROM notifications n WHERE n.duty_id = d.id AND n.kind = 'duty_breached') AS escalated,
              a.retry_at, b.retry_at AS breach_retry_at
         FROM duties d ${openAlert('due-soon')}
         LEFT JOIN reminder_alerts b ON b.duty_id = d.id AND b.reminder_kind = 'breach' AND b.resolved_at IS NULL
        WHERE d.id = $1`,
      [dutyId],
    );
    if (!row || !['open', 'breached'].includes(row.status)) return { dueSoon: 0, breaches: 0 };
    const dueAt = new Date(row.due_at);
    const moments: ReminderMoment[] = [];
    let dueSoon = 0;
    let breaches = 0;
    const runAt = laterOf(dueSoonAt(dueAt), row.retry_at ? new Date(row.retry_at) : null);
    if (!row.planned && dueAt.getTime() > now.getTime() && runAt.getTime() <= until.getTime()) {
      moments.push({ kind: 'due-soon', at: momentFor(runAt, now) });
      dueSoon = 1;
    }
    if (row.breach_recorded_at === null && dueAt.getTime() < until.getTime()) {
      moments.push({ kind: 'breach', at: momentFor(breachAt(dueAt), now) });
      breaches = 1;
    } else if (row.breach_recorded_at !== null && !row.escalated && new Date(row.breach_recorded_at).getTime() > now.getTime() - ESCALATION_WINDOW_MS) {
      const at = laterOf(now, row.breach_retry_at ? new Date(row.breach_retry_at) : null);
      if (at.getTime() <= until.getTime()) {
        moments.push({ kind: 'breach', at: momentFor(at, now) });
        breaches = 1;
      }
    }
    await this.sweepPending(until, dutyId, moments);
    await this.queue.enqueueMoments(moments);
    return { dueSoon, breaches };
  }

  /**
   * Owed duties not yet past their deadline whose reminder time is before `until`, with no
   * due-soon reminder planned: their moments (08:00 London, or the alert's retry time when a
   * run found nobody).
   */
  private async sweepDueSoon(now: Date, until: Date, moments: ReminderMoment[]): Promise<number> {
    let count = 0;
    await this.pages(
      `SELECT d.id, d.due_at, a.retry_at FROM duties d ${openAlert('due-soon')}
        WHERE d.status IN ('open', 'breached') AND d.due_at > $1 AND d.due_at <= $2
          AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.duty_id = d.id AND n.kind = 'duty_due_soon')`,
      [now, lastDueAtRemindedBy(until)],
      async (rows) => {
        for (const row of rows) {
          const runAt = laterOf(dueSoonAt(row.due_at), row.retry_at);
          if (runAt.getTime() > until.getTime()) continue;
          moments.push({ kind: 'due-soon', at: momentFor(runAt, now) });
          count += 1;
        }
      },
    );
    return count;
  }

  /**
   * Owed duties whose deadline is before `until` with the breach not yet recorded (their
   * deadlines are the moments), and recently recorded breaches with no escalation planned
   * (the job that recorded one was lost before it planned, or found nobody: then at its
   * alert's retry time).
   */
  private async sweepBreaches(now: Date, until: Date, moments: ReminderMoment[]): Promise<number> {
    let count = 0;
    await this.pages(
      `SELECT d.id, d.due_at, NULL::timestamptz AS retry_at FROM duties d
        WHERE d.status IN ('open', 'breached') AND d.breach_recorded_at IS NULL AND d.due_at < $1`,
      [until],
      async (rows) => {
        for (const row of rows) moments.push({ kind: 'breach', at: momentFor(breachAt(row.due_at), now) });
        count += rows.length;
      },
    );
    await this.pages(
      `SELECT d.id, d.due_at, a.retry_at FROM duties d ${openAlert('breach')}
        WHERE d.status IN ('open', 'breached') AND d.breach_recorded_at IS NOT NULL AND d.breach_recorded_at > $1
          AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.duty_id = d.id AND n.kind = 'duty_breached')`,
      // An escalation not planned within its window of recording the breach is looked for again (a Redis flush in between).
      [new Date(now.getTime() - ESCALATION_WINDOW_MS)],
      async (rows) => {
        for (const row of rows) {
          const at = laterOf(now, row.retry_at);
          if (at.getTime() > until.getTime()) continue;
          moments.push({ kind: 'breach', at: momentFor(at, now) });
          count += 1;
        }
      },
    );
    return count;
  }

  /**
   * Planned rows not yet sent (their job lost in a flush, or retrying a refused email): the
   * moment that planned them, under its own job id, so a job still retrying them is left as
   * it is and one lost is put back. Rows re-opened by an admin carry the moment of the re-send.
   */
  private async sweepPending(until: Date, dutyId: string | null, moments: ReminderMoment[]): Promise<void> {
    const params: unknown[] = [until];
    const rows: Array<{ kind: 'due-soon' | 'breach'; moment_at: Date }> = await this.dataSource.query(
      `SELECT DISTINCT ${MOMENT_OF_ROW} AS kind, moment_at FROM notifications
        WHERE status = 'pending' AND moment_at IS NOT NULL AND moment_at <= $1 AND duty_id IS NOT NULL
          ${dutyId ? `AND duty_id = $${params.push(dutyId)}` : ''}`,
      params,
    );
    for (const row of rows) moments.push({ kind: row.kind, at: new Date(row.moment_at) });
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
      await each(rows.map((row) => ({ id: row.id, due_at: new Date(row.due_at), retry_at: row.retry_at ? new Date(row.retry_at) : null })));
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1];
    }
  }
}
