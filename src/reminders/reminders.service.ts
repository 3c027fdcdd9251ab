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
import type { DutyInEmail, NotificationMessage } from '../notifications/notification-templates.js';
import { type ReminderAttempt, ReminderMail } from './reminder-mail.js';
import { ReminderRecipientsRepository } from './reminder-recipients.repository.js';
import { type Recipient, ReminderRouting, type Route } from './reminder-routing.js';
import { breachAt, dueSoonAt, retryHorizon } from './reminder-times.js';

export type { ReminderAttempt } from './reminder-mail.js';

/** What a reminder job did; `not-yet` asks the processor to delay the job until `runAt`. */
export type ReminderOutcome =
  | { outcome: 'sent' | 'already_sent' }
  | { outcome: 'skipped'; reason: 'duty-gone' | 'journey-gone' | 'not-owed' | 'deadline-moved' | 'deadline-passed' | 'no-recipient' }
  | { outcome: 'not-yet'; runAt: Date };

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

type ReminderKind = 'due-soon' | 'breach';

const OWED = new Set(['open', 'breached']);

/**
 * What reminder jobs do, each safe to run any number of times (BullMQ is at-least-once):
 * the duty is re-read in Postgres, and emails go through NotificationsService.sendOnce
 * under a key of duty, kind and recipient, so a second run finds the email sent.
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

  /** The due-soon reminder to whoever must act on the duty (see ReminderRouting). */
  async sendDueSoon(dutyId: string, dueAtMs: number, attempt: ReminderAttempt): Promise<ReminderOutcome> {
    const now = this.clock.now();
    const { duty, journey, route, alertOpen } = await this.transactions.run(async (tx) => {
      const duty = await this.duty(tx, dutyId);
      const journey = duty ? await this.recipients.journey(tx, duty.journey_id) : null;
      const owed = duty && journey && OWED.has(duty.status) && duty.due_at.getTime() === dueAtMs;
      return {
        duty,
        journey,
        route: owed ? await this.routing.dueSoon(tx, duty, journey, now) : null,
        alertOpen: owed ? await this.recipients.hasOpenAlert(tx, duty.id, 'due-soon') : false,
      };
    });
    if (!duty || !journey) return this.skipped(dutyId, 'due-soon', 'duty-gone');
    if (!OWED.has(duty.status)) return this.settled(duty, 'due-soon', 'not-owed');
    if (duty.due_at.getTime() !== dueAtMs) return this.skipped(dutyId, 'due-soon', 'deadline-moved');
    // Once the deadline has passed the breach escalation speaks for it; "due soon" would be wrong.
    if (now.getTime() >= breachAt(duty.due_at).getTime()) return this.skipped(dutyId, 'due-soon', 'deadline-passed');
    const runAt = dueSoonAt(duty.due_at);
    if (now.getTime() < runAt.getTime()) return { outcome: 'not-yet', runAt };

    const dutyInEmail = { journeyId: duty.journey_id, journeyReference: journey.reference, ruleId: duty.rule_id, dueAt: duty.due_at };
    if (!route) return this.unroutable(duty, dutyInEmail, 'due-soon', attempt);
    return this.sendEach(route, 'due-soon', duty, (recipient) => `duty-due-soon:${duty.id}:${recipient.email}`, { kind: 'duty_due_soon', duty: dutyInEmail }, attempt, alertOpen);
  }

  /**
   * At the deadline: records the breach on the journey's timeline once (with the journey
   * locked, so it is recorded once however many jobs run), then escalates to the supervisors
   * of whoever must act, else the owning organisation's supervisors, else its team mailbox
   * (see ReminderRouting). A recorded breach is escalated on every run until the emails are
   * sent; sendOnce keeps that to one email per person.
   */
  async recordBreach(dutyId: string, dueAtMs: number, attempt: ReminderAttempt): Promise<ReminderOutcome> {
    const located = await this.transactions.run((tx) => this.duty(tx, dutyId));
    if (!located) return this.skipped(dutyId, 'breach', 'duty-gone');

    const result = await this.transactions.run(async (tx) => {
      const actor: Actor = { ...systemActor(attempt.requestId), areaIds: [located.area_id] };
      const journey = await this.ledger.lock(tx, actor, located.journey_id);
      const duty = await this.duty(tx, dutyId, { lock: true });
      if (!duty) return { skip: 'duty-gone' as const };
      if (duty.due_at.getTime() !== dueAtMs) return { skip: 'deadline-moved' as const };
      const now = this.clock.now();
      if (duty.breach_recorded_at === null) {
        if (!OWED.has(duty.status)) return { skip: 'not-owed' as const, duty };
        const runAt = breachAt(duty.due_at);
        if (now.getTime() < runAt.getTime()) return { notYet: runAt };
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
        duty.breach_recorded_at = now;
      }
      const routing = (await this.recipients.journey(tx, duty.journey_id))!;
      return {
        duty,
        journey: routing,
        route: await this.routing.breach(tx, duty, routing, now),
        alertOpen: await this.recipients.hasOpenAlert(tx, duty.id, 'breach'),
      };
    });
    if ('skip' in result) return result.skip === 'not-owed' && result.duty ? this.settled(result.duty, 'breach', 'not-owed') : this.skipped(dutyId, 'breach', result.skip!);
    if ('notYet' in result) return { outcome: 'not-yet', runAt: result.notYet! };

    const { duty, journey, route, alertOpen } = result;
    const now = this.clock.now();
    const dutyInEmail = { journeyId: duty.journey_id, journeyReference: journey.reference, ruleId: duty.rule_id, dueAt: duty.due_at };
    if (!route) return this.unroutable(duty, dutyInEmail, 'breach', attempt);
    return this.sendEach(
      route,
      'breach',
      duty,
      (recipient) => `duty-breached:${duty.id}:${recipient.email}`,
      { kind: 'duty_breached', duty: { ...dutyInEmail, workingDaysLate: workingDaysBetween(duty.due_at, now) } },
      attempt,
      alertOpen,
    );
  }

  /** One email per recipient (each under its own dedupe key); then the reminder's alert, if any, is resolved. */
  private async sendEach(
    route: Route,
    kind: ReminderKind,
    duty: DutyRow,
    keyOf: (recipient: Recipient) => string,
    message: NotificationMessage,
    attempt: ReminderAttempt,
    alertOpen: boolean,
  ): Promise<ReminderOutcome> {
    let sent = false;
    for (const recipient of route.recipients) {
      const { outcome } = await this.send(keyOf(recipient), recipient, duty, kind, message, attempt);
      if (outcome === 'sent') sent = true;
    }
    // Only a reminder that had found nobody before has an alert to resolve: the common case does nothing more after sending.
    if (alertOpen) await this.transactions.run((tx) => this.recipients.resolveAlerts(tx, duty.id, kind, this.clock.now()));
    this.logger.log({ dutyId: duty.id, kind, via: route.via, recipients: route.recipients.length }, 'duty reminder routed');
    return { outcome: sent ? 'sent' : 'already_sent' };
  }

  /**
   * No duty is left unreminded in silence: the reminder's alert is raised (open alerts are
   * the worker health's warning) and the area's admins are told, once each. The job ends
   * skipped; the sweep tries the reminder again, and it goes out once it has somewhere to go.
   */
  private async unroutable(duty: DutyRow, dutyInEmail: DutyInEmail, kind: ReminderKind, attempt: ReminderAttempt): Promise<ReminderOutcome> {
    const now = this.clock.now();
    const admins = await this.transactions.run(async (tx) => {
      await this.recipients.raiseAlert(tx, { dutyId: duty.id, areaId: duty.area_id, reminderKind: kind, code: 'no-recipient' }, now);
      return this.routing.areaAdmins(tx, duty.area_id, now);
    });
    this.logger.warn({ dutyId: duty.id, kind, owner: duty.owner, skip: 'no-recipient', adminsAlerted: admins.length }, 'duty reminder has no one to go to; operator alert raised');
    for (const admin of admins) {
      await this.send(`reminder-unroutable:${duty.id}:${kind}:${admin.email}`, admin, duty, kind, { kind: 'reminder_unroutable', duty: dutyInEmail, ownerKind: duty.owner, reminder: kind }, attempt);
    }
    return { outcome: 'skipped', reason: 'no-recipient' };
  }

  /** The duty needs no reminder any more: any alert about it is over. */
  private async settled(duty: DutyRow, kind: ReminderKind, reason: 'not-owed'): Promise<ReminderOutcome> {
    await this.transactions.run((tx) => this.recipients.resolveAlerts(tx, duty.id, null, this.clock.now()));
    return this.skipped(duty.id, kind, reason);
  }

  /** Each email of a reminder, the admins' alert included, is retried until the reminder's horizon (retryHorizon). */
  private async send(dedupeKey: string, recipient: Recipient, duty: DutyRow, kind: ReminderKind, message: NotificationMessage, attempt: ReminderAttempt): Promise<ReminderOutcome> {
    const outcome = await this.mail.send(
      { dedupeKey, recipient, dutyId: duty.id, journeyId: duty.journey_id, areaId: duty.area_id, message },
      attempt,
      retryHorizon(kind, duty.due_at),
    );
    return { outcome };
  }

  private skipped(_dutyId: string, _kind: ReminderKind, reason: Extract<ReminderOutcome, { outcome: 'skipped' }>['reason']): ReminderOutcome {
    return { outcome: 'skipped', reason };
  }

  private async duty(tx: EntityManager, dutyId: string, options: { lock?: boolean } = {}): Promise<DutyRow | null> {
    const [row]: DutyRow[] = await tx.query(
      `SELECT id, journey_id, area_id, rule_id, owner, status, due_at, breach_recorded_at FROM duties WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [dutyId],
    );
    if (!row) return null;
    return { ...row, due_at: new Date(row.due_at), breach_recorded_at: row.breach_recorded_at ? new Date(row.breach_recorded_at) : null };
  }
}
