import { performance } from 'node:perf_hooks';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { workingDaysBetween } from '../../libs/working-days/src/index.js';
import type { DutyOwner, RuleId } from '../../libs/victims-code/src/index.js';
import { type Actor, systemActor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { serviceEvent } from '../journeys/journey-events.js';
import type { NotificationKind } from '../notifications/entities/notification.entity.js';
import { dutyLabel, type DutyInEmail, type NotificationMessage } from '../notifications/notification-templates.js';
import type { ComposedGroup, GroupRow } from '../notifications/notifications.service.js';
import { type ReminderAttempt, ReminderGivenUpError, ReminderMail } from './reminder-mail.js';
import { type JourneyRoutingRow, ReminderRecipientsRepository } from './reminder-recipients.repository.js';
import { type Recipient, ReminderRouting, type Route } from './reminder-routing.js';
import { breachAt, dueSoonAt, ESCALATION_WINDOW_MS, lastDueAtRemindedBy, retryHorizon } from './reminder-times.js';

export type { ReminderAttempt } from './reminder-mail.js';

/** What a reminder job did; `not-yet` asks the processor to delay the job until `runAt`. */
export type ReminderOutcome =
  | { outcome: 'sent' | 'already_sent' }
  | { outcome: 'skipped'; reason: 'duty-gone' | 'journey-gone' | 'not-owed' | 'deadline-moved' | 'deadline-passed' | 'no-recipient' }
  | { outcome: 'not-yet'; runAt: Date };

/** What a moment's run did: duties planned (by kind of email), emails sent, breaches recorded. */
export interface MomentOutcome {
  outcome: 'done';
  breachesRecorded: number;
  planned: number;
  unroutable: number;
  emails: number;
}

export type ReminderKind = 'due-soon' | 'breach';

interface DutyRow {
  id: string;
  journey_id: string;
  area_id: string;
  rule_id: RuleId;
  owner: DutyOwner;
  status: string;
  due_at: Date;
  breach_recorded_at: Date | null;
}

/** A duty to plan, with what routing needs of its journey. */
interface PlanRow extends DutyRow {
  journey: JourneyRoutingRow;
  alert_open: boolean;
}

/** A planned row of one person's email, before it is written. */
interface PlannedRow {
  dedupeKey: string;
  kind: NotificationKind;
  duty: DutyRow;
  recipient: Recipient;
  subject: string;
}

const OWED = new Set(['open', 'breached']);

/** The kinds of email each moment sends: its own, and the admins' alerts of duties with nobody to remind. */
const KINDS_OF: Record<ReminderKind, NotificationKind[]> = {
  'due-soon': ['duty_due_soon', 'reminder_unroutable'],
  breach: ['duty_missed', 'duty_breached', 'reminder_unroutable'],
};

/** Duties per planning transaction, and emails sent at once by one moment's run. */
const PLAN_CHUNK = 500;
const SEND_CONCURRENCY = 8;
const BREACH_CONCURRENCY = 4;
const ROUTE_CONCURRENCY = 6;

const DUTY_COLUMNS = `d.id, d.journey_id, d.area_id, d.rule_id, d.owner, d.status, d.due_at, d.breach_recorded_at`;

/**
 * What reminder jobs do (issue 19: one email per person per moment). A reminder is planned,
 * then sent:
 *
 * - **Planning** reads every owed duty whose moment has come (08:00 London on the working day
 *   before it is due; just after its deadline) and that has no reminder of that kind yet,
 *   routes each to whoever must act (ReminderRouting), and records one pending row per duty,
 *   kind and recipient under a unique dedupe key. A duty nobody can be reminded of raises an
 *   alert and a row for each of the area's admins instead.
 * - **Sending** takes each person's pending rows of one kind and sends them as one email
 *   listing the duties (NotificationsService.sendGroupOnce): the rows are locked, re-read
 *   (a duty met in the meantime is left out), and marked sent with the email's Message-ID in
 *   the transaction that sent it. A second run, or a second worker, finds them sent.
 *
 * At the deadline the breach is first recorded on each journey's timeline (once, under the
 * journey's lock); then whoever was reminded gets one "deadline missed" email and each
 * supervisor one escalation, each listing their duties.
 *
 * Every step is safe to run any number of times (BullMQ is at-least-once): Postgres holds
 * what was planned and sent.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly ledger: JourneyLedger,
    private readonly mail: ReminderMail,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly routing: ReminderRouting,
    private readonly recipients: ReminderRecipientsRepository,
  ) {}

  /**
   * A moment's run: everything of its kind whose time has come by now (not only what falls
   * at `at`: a run after an outage catches up), planned and then sent, one email per person.
   */
  async runMoment(kind: ReminderKind, at: Date, attempt: ReminderAttempt): Promise<MomentOutcome | { outcome: 'not-yet'; runAt: Date }> {
    const now = this.clock.now();
    if (now.getTime() < at.getTime()) return { outcome: 'not-yet', runAt: at };
    const started = performance.now();
    const breachesRecorded = kind === 'breach' ? await this.recordDueBreaches(now, attempt) : 0;
    const { planned, unroutable } = await this.plan(kind, await this.unplanned(kind, now), now, at);
    const plannedMs = Math.round(performance.now() - started);
    const emails = await this.sendPending(kind, now, attempt, null);
    if (planned || unroutable || emails || breachesRecorded) {
      this.logger.log({ kind, at: at.toISOString(), breachesRecorded, planned, unroutable, emails, plannedMs, sentMs: Math.round(performance.now() - started) - plannedMs }, 'reminder moment run');
    }
    return { outcome: 'done', breachesRecorded, planned, unroutable, emails };
  }

  /**
   * The due-soon reminder of one duty, now (a job from before grouping, or a caller that
   * needs one duty's answer): planned as a moment would, then sent together with whatever
   * else its recipients have pending of that kind.
   */
  async sendDueSoon(dutyId: string, dueAtMs: number, attempt: ReminderAttempt): Promise<ReminderOutcome> {
    const now = this.clock.now();
    const duty = await this.transactions.run((tx) => this.duty(tx, dutyId));
    if (!duty) return skipped('duty-gone');
    if (!OWED.has(duty.status)) return this.settled(duty);
    if (duty.due_at.getTime() !== dueAtMs) return skipped('deadline-moved');
    // Once the deadline has passed the breach escalation speaks for it; "due soon" would be wrong.
    if (now.getTime() >= breachAt(duty.due_at).getTime()) return skipped('deadline-passed');
    const runAt = dueSoonAt(duty.due_at);
    if (now.getTime() < runAt.getTime()) return { outcome: 'not-yet', runAt };
    const { unroutable } = await this.plan('due-soon', [dutyId], now, now);
    const emails = await this.sendPending('due-soon', now, attempt, dutyId);
    if (unroutable > 0) return skipped('no-recipient');
    return { outcome: emails > 0 ? 'sent' : 'already_sent' };
  }

  /**
   * At one duty's deadline: its breach recorded on the timeline once, then its escalation and
   * "deadline missed" emails planned and sent with whatever else their recipients have pending.
   */
  async recordBreach(dutyId: string, dueAtMs: number, attempt: ReminderAttempt): Promise<ReminderOutcome> {
    const recorded = await this.recordBreachOf(dutyId, dueAtMs, attempt);
    if (recorded !== 'recorded') return recorded;
    const now = this.clock.now();
    const { unroutable } = await this.plan('breach', [dutyId], now, now);
    const emails = await this.sendPending('breach', now, attempt, dutyId);
    if (unroutable > 0) return skipped('no-recipient');
    return { outcome: emails > 0 ? 'sent' : 'already_sent' };
  }

  /** Owed duties past their deadline with the breach not yet recorded: each recorded, a few at a time. */
  private async recordDueBreaches(now: Date, attempt: ReminderAttempt): Promise<number> {
    const rows: Array<{ id: string; due_at: Date }> = await this.transactions.run((tx) =>
      tx.query(`SELECT d.id, d.due_at FROM duties d WHERE d.status IN ('open', 'breached') AND d.breach_recorded_at IS NULL AND d.due_at < $1 ORDER BY d.due_at, d.id`, [now]),
    );
    let recorded = 0;
    await eachWithConcurrency(rows, BREACH_CONCURRENCY, async (row) => {
      if ((await this.recordBreachOf(row.id, new Date(row.due_at).getTime(), attempt)) === 'recorded') recorded += 1;
    });
    return recorded;
  }

  /**
   * Records the breach on the journey's timeline once (with the journey locked, so it is
   * recorded once however many jobs run); `recorded` also when an earlier run recorded it.
   */
  private async recordBreachOf(dutyId: string, dueAtMs: number, attempt: ReminderAttempt): Promise<'recorded' | ReminderOutcome> {
    const located = await this.transactions.run((tx) => this.duty(tx, dutyId));
    if (!located) return skipped('duty-gone');
    const result = await this.transactions.run(async (tx): Promise<'recorded' | ReminderOutcome | { settle: DutyRow }> => {
      const actor: Actor = { ...systemActor(attempt.requestId), areaIds: [located.area_id] };
      const journey = await this.ledger.lock(tx, actor, located.journey_id);
      const duty = await this.duty(tx, dutyId, { lock: true });
      if (!duty) return skipped('duty-gone');
      if (duty.due_at.getTime() !== dueAtMs) return skipped('deadline-moved');
      if (duty.breach_recorded_at !== null) return 'recorded';
      if (!OWED.has(duty.status)) return { settle: duty };
      const now = this.clock.now();
      const runAt = breachAt(duty.due_at);
      if (now.getTime() < runAt.getTime()) return { outcome: 'not-yet', runAt };
      await this.ledger.record(tx, actor, journey, [serviceEvent('duty.breached', duty.due_at, { dutyId: duty.id, ruleId: duty.rule_id })]);
      // The ledger has stored the duty as breached (it re-evaluates on every event); this
      // marks the escalation as owed once.
      await tx.query(`UPDATE duties SET breach_recorded_at = $2 WHERE id = $1`, [duty.id, now]);
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'journey',
        entityId: journey.id,
        areaId: journey.areaId,
        details: { fields: ['timeline'], kind: 'duty.breached', dutyId: duty.id },
      });
      return 'recorded';
    });
    if (typeof result === 'object' && 'settle' in result) return this.settled(result.settle);
    return result;
  }

  /**
   * The duties whose `kind` reminder is owed by now and not yet planned: no row of that kind
   * (whatever its status: a failed one is re-sent by an admin, not re-planned), and no alert
   * waiting for its retry.
   */
  private async unplanned(kind: ReminderKind, now: Date): Promise<string[]> {
    const rows: Array<{ id: string; due_at: Date }> = await this.transactions.run((tx) =>
      kind === 'due-soon'
        ? tx.query(
            `SELECT d.id, d.due_at FROM duties d
               LEFT JOIN reminder_alerts a ON a.duty_id = d.id AND a.reminder_kind = 'due-soon' AND a.resolved_at IS NULL
              WHERE d.status IN ('open', 'breached') AND d.due_at > $1 AND d.due_at <= $2
                AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.duty_id = d.id AND n.kind = 'duty_due_soon')
                AND (a.retry_at IS NULL OR a.retry_at <= $1)`,
            [now, lastDueAtRemindedBy(now)],
          )
        : tx.query(
            `SELECT d.id, d.due_at FROM duties d
               LEFT JOIN reminder_alerts a ON a.duty_id = d.id AND a.reminder_kind = 'breach' AND a.resolved_at IS NULL
              WHERE d.status IN ('open', 'breached') AND d.breach_recorded_at IS NOT NULL AND d.breach_recorded_at > $2
                AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.duty_id = d.id AND n.kind = 'duty_breached')
                AND (a.retry_at IS NULL OR a.retry_at <= $1)`,
            // An escalation not planned within its window of recording the breach means nothing any more.
            [now, new Date(now.getTime() - ESCALATION_WINDOW_MS)],
          ),
    );
    // due_at <= lastDueAtRemindedBy(now) is the index's range; the moment itself decides.
    return rows.filter((row) => kind === 'breach' || dueSoonAt(new Date(row.due_at)).getTime() <= now.getTime()).map((row) => row.id);
  }

  /**
   * Plans the duties' `kind` reminders: a pending row per duty, kind and recipient, at moment
   * `momentAt` (the instant of the job that plans them, which retries them until sent). Routes are worked out once per (area, owner, lead worker, lead organisation): a
   * moment's thousands of duties have a few hundred routes.
   */
  private async plan(kind: ReminderKind, dutyIds: readonly string[], now: Date, momentAt: Date): Promise<{ planned: number; unroutable: number }> {
    let planned = 0;
    let unroutable = 0;
    const routes = new Map<string, Promise<Route | null>>();
    const admins = new Map<string, Promise<Recipient[]>>();
    const routeKey = (which: 'due-soon' | 'breach', duty: PlanRow) =>
      `${which}|${duty.area_id}|${duty.owner}|${duty.journey.lead_worker_id ?? ''}|${duty.journey.lead_organisation_id ?? ''}`;
    for (let start = 0; start < dutyIds.length; start += PLAN_CHUNK) {
      const chunk = dutyIds.slice(start, start + PLAN_CHUNK);
      const duties = await this.transactions.run((tx) => this.planRows(tx, chunk, kind));
      // Routes are read-only: the chunk's new ones are worked out side by side, each in a short
      // transaction of its own, before the rows are written.
      const wanted = new Map<string, { which: 'due-soon' | 'breach'; duty: PlanRow }>();
      for (const duty of duties) {
        for (const which of kind === 'breach' ? (['breach', 'due-soon'] as const) : (['due-soon'] as const)) {
          const key = routeKey(which, duty);
          if (!routes.has(key) && !wanted.has(key)) wanted.set(key, { which, duty });
        }
      }
      await eachWithConcurrency([...wanted], ROUTE_CONCURRENCY, async ([key, { which, duty }]) => {
        const route = await this.transactions.run((tx) =>
          which === 'due-soon' ? this.routing.dueSoon(tx, duty, duty.journey, now) : this.routing.breach(tx, duty, duty.journey, now),
        );
        routes.set(key, Promise.resolve(route));
      });
      await this.transactions.run(async (tx) => {
        const routeOf = (which: 'due-soon' | 'breach', duty: PlanRow) => routes.get(routeKey(which, duty))!;
        const rows: PlannedRow[] = [];
        const resolved: string[] = [];
        for (const duty of duties) {
          if (!OWED.has(duty.status)) continue;
          const inEmail = dutyInEmail(duty);
          const route = await routeOf(kind, duty);
          if (kind === 'breach') {
            if (duty.breach_recorded_at === null) continue;
            const missed = await routeOf('due-soon', duty);
            // A team mailbox that is also where the escalation goes gets the escalation only.
            const escalatedTo = new Set((route?.recipients ?? []).map((recipient) => recipient.email));
            for (const recipient of (missed?.recipients ?? []).filter((recipient) => !escalatedTo.has(recipient.email))) {
              rows.push({ dedupeKey: `duty-missed:${duty.id}:${recipient.email}`, kind: 'duty_missed', duty, recipient, subject: `Deadline missed: ${inEmail.journeyReference}, ${dutyLabel(duty.rule_id)}` });
            }
          } else if (now.getTime() >= breachAt(duty.due_at).getTime()) {
            continue;
          }
          if (!route) {
            unroutable += 1;
            await this.recipients.raiseAlert(tx, { dutyId: duty.id, areaId: duty.area_id, reminderKind: kind, code: 'no-recipient' }, now);
            let areaAdmins = admins.get(duty.area_id);
            if (!areaAdmins) admins.set(duty.area_id, (areaAdmins = this.routing.areaAdmins(tx, duty.area_id, now)));
            const alerted = await areaAdmins;
            this.logger.warn({ dutyId: duty.id, kind, owner: duty.owner, skip: 'no-recipient', adminsAlerted: alerted.length }, 'duty reminder has no one to go to; operator alert raised');
            for (const admin of alerted) {
              rows.push({ dedupeKey: `reminder-unroutable:${duty.id}:${kind}:${admin.email}`, kind: 'reminder_unroutable', duty, recipient: admin, subject: `No one to remind: ${inEmail.journeyReference}, ${dutyLabel(duty.rule_id)}` });
            }
            continue;
          }
          if (duty.alert_open) resolved.push(duty.id);
          const [emailKind, prefix, subject]: [NotificationKind, string, string] =
            kind === 'due-soon'
              ? ['duty_due_soon', 'duty-due-soon', `Due soon: ${inEmail.journeyReference}, ${dutyLabel(duty.rule_id)}`]
              : ['duty_breached', 'duty-breached', `Deadline missed: ${inEmail.journeyReference}, ${dutyLabel(duty.rule_id)}`];
          for (const recipient of route.recipients) rows.push({ dedupeKey: `${prefix}:${duty.id}:${recipient.email}`, kind: emailKind, duty, recipient, subject });
          this.logger.debug({ dutyId: duty.id, kind, via: route.via, recipients: route.recipients.length }, 'duty reminder routed');
        }
        // Counted by what this run wrote: a moment running beside another plans nothing twice.
        planned += (await this.insertPlanned(tx, rows, momentAt, now)).size;
        // Only a reminder that had found nobody before has an alert to resolve.
        for (const dutyId of resolved) await this.recipients.resolveAlerts(tx, dutyId, kind, now);
      });
    }
    return { planned, unroutable };
  }

  private async planRows(tx: EntityManager, dutyIds: readonly string[], kind: ReminderKind): Promise<PlanRow[]> {
    const rows: Array<DutyRow & JourneyRoutingRow & { journey_area_id: string; alert_open: boolean }> = await tx.query(
      `SELECT ${DUTY_COLUMNS}, j.reference, j.area_id AS journey_area_id, j.role, j.lead_worker_id, j.lead_organisation_id,
              o.team_email AS lead_organisation_team_email, (a.duty_id IS NOT NULL) AS alert_open
         FROM duties d JOIN journeys j ON j.id = d.journey_id
         LEFT JOIN organisations o ON o.id = j.lead_organisation_id
         LEFT JOIN reminder_alerts a ON a.duty_id = d.id AND a.reminder_kind = $2 AND a.resolved_at IS NULL
        WHERE d.id = ANY($1::uuid[])
        ORDER BY d.due_at, d.id`,
      [[...dutyIds], kind],
    );
    return rows.map((row) => ({
      id: row.id,
      journey_id: row.journey_id,
      area_id: row.area_id,
      rule_id: row.rule_id,
      owner: row.owner,
      status: row.status,
      due_at: new Date(row.due_at),
      breach_recorded_at: row.breach_recorded_at ? new Date(row.breach_recorded_at) : null,
      alert_open: row.alert_open,
      journey: {
        reference: row.reference,
        area_id: row.journey_area_id,
        role: row.role,
        lead_worker_id: row.lead_worker_id,
        lead_organisation_id: row.lead_organisation_id,
        lead_organisation_team_email: row.lead_organisation_team_email,
      },
    }));
  }

  /** The planned rows, many to a statement; a row already planned (same dedupe key) stays as it is. */
  private async insertPlanned(tx: EntityManager, rows: readonly PlannedRow[], momentAt: Date, now: Date): Promise<Set<string>> {
    const inserted = new Set<string>();
    const COLUMNS = 10;
    for (let start = 0; start < rows.length; start += 1_000) {
      const batch = rows.slice(start, start + 1_000);
      const params: unknown[] = [];
      const values = batch.map((row, index) => {
        params.push(row.dedupeKey, row.kind, row.duty.id, row.duty.journey_id, row.duty.area_id, row.recipient.userId, row.recipient.email, row.subject, momentAt, now);
        const base = index * COLUMNS;
        return `(${Array.from({ length: COLUMNS }, (_, column) => `$${base + column + 1}`).join(', ')})`;
      });
      const written: Array<{ duty_id: string; kind: NotificationKind }> = await tx.query(
        `INSERT INTO notifications (dedupe_key, kind, duty_id, journey_id, area_id, recipient_user_id, recipient_email, subject, moment_at, created_at)
         VALUES ${values.join(', ')}
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING duty_id, kind`,
        params,
      );
      for (const row of written) if (row.kind !== 'reminder_unroutable' && row.kind !== 'duty_missed') inserted.add(row.duty_id);
    }
    return inserted;
  }

  /**
   * Sends every pending row of the moment's kinds whose moment has come, one email per
   * person, area and kind (`onlyDuty`: only the groups of that duty's recipients). A refused
   * email is retried by the job (its rows stay pending) until its horizon; rows past it are
   * marked failed. Answers the emails sent.
   */
  private async sendPending(kind: ReminderKind, now: Date, attempt: ReminderAttempt, onlyDuty: string | null): Promise<number> {
    const params: unknown[] = [now, KINDS_OF[kind]];
    const byDuty = onlyDuty
      ? `AND recipient_email IN (SELECT recipient_email FROM notifications WHERE duty_id = $${params.push(onlyDuty)} AND status = 'pending')`
      : '';
    const groups: Array<{ recipient_email: string; ids: string[] }> = await this.transactions.run((tx) =>
      tx.query(
        `SELECT recipient_email, array_agg(id::text ORDER BY id) AS ids FROM notifications
          WHERE status = 'pending' AND moment_at IS NOT NULL AND moment_at <= $1 AND kind = ANY($2::text[]) AND duty_id IS NOT NULL ${byDuty}
          GROUP BY recipient_email, area_id, kind
          ORDER BY min(moment_at), recipient_email`,
        params,
      ),
    );
    let emails = 0;
    const refused: unknown[] = [];
    await eachWithConcurrency(groups, SEND_CONCURRENCY, async (group) => {
      try {
        const outcome = await this.mail.sendGroup(group.ids, group.recipient_email, (tx, rows) => this.compose(tx, rows), attempt, (row) => this.horizonOf(row));
        if (outcome === 'sent') emails += 1;
      } catch (error) {
        refused.push(error);
      }
    });
    // A refusal still within its horizon is thrown first (the job retries); one given up ends the job.
    const retry = refused.find((error) => !(error instanceof ReminderGivenUpError));
    if (retry !== undefined) throw retry;
    if (refused.length > 0) throw refused[0];
    return emails;
  }

  /**
   * A pending row's horizon: a due-soon reminder until the deadline; the rest a day after the
   * breach (retryHorizon), or a day after they were planned when that is later (a breach only
   * recorded now, after the worker was away for days, is still escalated).
   */
  private horizonOf(row: { kind: NotificationKind; due_at: Date; moment_at: Date | null }): Date {
    if (row.kind === 'duty_due_soon') return retryHorizon('due-soon', row.due_at);
    const afterBreach = retryHorizon('breach', row.due_at).getTime();
    const afterPlanning = row.moment_at ? row.moment_at.getTime() + ESCALATION_WINDOW_MS : 0;
    return new Date(Math.max(afterBreach, afterPlanning));
  }

  /** The email of one person's locked rows: their duties as they are now; rows whose duty needs no reminder any more are left out. */
  private async compose(tx: EntityManager, rows: readonly GroupRow[]): Promise<ComposedGroup> {
    const duties: Array<DutyRow & { notification_id: string; reference: string; moment_at: Date | null }> = await tx.query(
      `SELECT n.id AS notification_id, n.moment_at, ${DUTY_COLUMNS}, j.reference
         FROM notifications n JOIN duties d ON d.id = n.duty_id JOIN journeys j ON j.id = d.journey_id
        WHERE n.id = ANY($1::uuid[])`,
      [rows.map((row) => row.id)],
    );
    const byId = new Map(duties.map((duty) => [duty.notification_id, { ...duty, due_at: new Date(duty.due_at) }]));
    const now = this.clock.now();
    const cancel: string[] = [];
    const expired: string[] = [];
    const listed: Array<{ row: GroupRow; duty: DutyRow & { reference: string } }> = [];
    for (const row of rows) {
      const duty = byId.get(row.id);
      if (!duty || !OWED.has(duty.status)) cancel.push(row.id);
      // Still owed, never sent, and its moment long gone (every worker down across its horizon):
      // failed, so it is listed for admins, not sent late and not left pending for ever.
      else if (now.getTime() >= this.horizonOf({ kind: row.kind, due_at: duty.due_at, moment_at: duty.moment_at ? new Date(duty.moment_at) : null }).getTime()) expired.push(row.id);
      else listed.push({ row, duty });
    }
    if (expired.length > 0) {
      await tx.query(
        `UPDATE notifications SET status = 'failed', failed_at = $2, updated_at = $2, last_error = coalesce(last_error, 'EXPIRED') WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
        [expired, now],
      );
      this.logger.warn({ expired: expired.length }, 'planned reminders expired unsent; marked failed for admins');
    }
    const kind = rows[0]!.kind;
    // Expired rows are failed above; leaving them out keeps them from this email (the cancel update skips them: no longer pending).
    if (listed.length === 0) return { message: null, cancel: [...cancel, ...expired] };
    const inEmail = (duty: DutyRow & { reference: string }): DutyInEmail => ({ journeyId: duty.journey_id, journeyReference: duty.reference, ruleId: duty.rule_id, dueAt: duty.due_at });
    const overdue = (duty: DutyRow & { reference: string }) => ({ ...inEmail(duty), workingDaysLate: workingDaysBetween(duty.due_at, now) });
    let message: NotificationMessage;
    switch (kind) {
      case 'duty_due_soon':
        message = { kind, duties: listed.map(({ duty }) => inEmail(duty)) };
        break;
      case 'duty_missed':
      case 'duty_breached':
        message = { kind, duties: listed.map(({ duty }) => overdue(duty)) };
        break;
      case 'reminder_unroutable':
        message = {
          kind,
          duties: listed.map(({ row, duty }) => ({ ...inEmail(duty), ownerKind: duty.owner, reminder: row.dedupe_key.includes(':breach:') ? ('breach' as const) : ('due-soon' as const) })),
        };
        break;
      default:
        throw new Error(`A ${kind} notification is not a duty reminder`);
    }
    return { message, cancel: [...cancel, ...expired] };
  }

  /** The duty needs no reminder any more: any alert about it is over. */
  private async settled(duty: DutyRow): Promise<ReminderOutcome> {
    await this.transactions.run((tx) => this.recipients.resolveAlerts(tx, duty.id, null, this.clock.now()));
    return skipped('not-owed');
  }

  private async duty(tx: EntityManager, dutyId: string, options: { lock?: boolean } = {}): Promise<DutyRow | null> {
    const [row]: DutyRow[] = await tx.query(`SELECT ${DUTY_COLUMNS} FROM duties d WHERE d.id = $1 ${options.lock ? 'FOR UPDATE' : ''}`, [dutyId]);
    if (!row) return null;
    return { ...row, due_at: new Date(row.due_at), breach_recorded_at: row.breach_recorded_at ? new Date(row.breach_recorded_at) : null };
  }
}

function skipped(reason: Extract<ReminderOutcome, { outcome: 'skipped' }>['reason']): ReminderOutcome {
  return { outcome: 'skipped', reason };
}

function dutyInEmail(duty: PlanRow): DutyInEmail {
  return { journeyId: duty.journey_id, journeyReference: duty.journey.reference, ruleId: duty.rule_id, dueAt: duty.due_at };
}

/** Runs `each` over `items`, at most `limit` at a time; every item is tried, whatever the others do. */
async function eachWithConcurrency<T>(items: readonly T[], limit: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        try {
          await each(item);
        } catch (error) {
          errors.push(error);
        }
      }
    }),
  );
  if (errors.length > 0) throw errors[0];
}
