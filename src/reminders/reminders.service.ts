import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { workingDaysBetween } from '../../libs/working-days/src/index.js';
import type { RuleId } from '../../libs/victims-code/src/index.js';
import { type Actor, systemActor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { serviceEvent } from '../journeys/journey-events.js';
import { NotificationSendError, NotificationsService } from '../notifications/notifications.service.js';
import type { NotificationMessage } from '../notifications/notification-templates.js';
import { breachAt, dueSoonAt } from './reminder-times.js';

/** What a reminder job did; `not-yet` asks the processor to delay the job until `runAt`. */
export type ReminderOutcome =
  | { outcome: 'sent' | 'already_sent' }
  | { outcome: 'skipped'; reason: 'duty-gone' | 'not-owed' | 'deadline-moved' | 'deadline-passed' | 'no-recipient' }
  | { outcome: 'not-yet'; runAt: Date };

export interface ReminderAttempt {
  /** BullMQ gives up after this attempt: a refused email is then marked failed (shown to admins). */
  lastAttempt: boolean;
  /** For the audit trail and the system actor: the job id. */
  requestId: string;
}

interface DutyRow {
  id: string;
  journey_id: string;
  area_id: string;
  rule_id: RuleId;
  status: string;
  due_at: Date;
  breach_recorded_at: Date | null;
}

interface Recipient {
  userId: string | null;
  email: string;
}

interface JourneyContacts {
  reference: string;
  workerId: string | null;
  workerEmail: string | null;
  supervisorId: string | null;
  supervisorEmail: string | null;
  teamEmail: string | null;
}

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
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The due-soon reminder to the duty's owner: the lead worker, else the lead organisation's team mailbox. */
  async sendDueSoon(dutyId: string, dueAtMs: number, attempt: ReminderAttempt): Promise<ReminderOutcome> {
    const { duty, contacts } = await this.transactions.run(async (tx) => {
      const duty = await this.duty(tx, dutyId);
      return { duty, contacts: duty ? await this.contacts(tx, duty.journey_id) : null };
    });
    if (!duty || !contacts) return this.skipped(dutyId, 'due-soon', 'duty-gone');
    if (!OWED.has(duty.status)) return this.skipped(dutyId, 'due-soon', 'not-owed');
    if (duty.due_at.getTime() !== dueAtMs) return this.skipped(dutyId, 'due-soon', 'deadline-moved');
    const now = this.clock.now();
    // Once the deadline has passed the breach escalation speaks for it; "due soon" would be wrong.
    if (now.getTime() >= breachAt(duty.due_at).getTime()) return this.skipped(dutyId, 'due-soon', 'deadline-passed');
    const runAt = dueSoonAt(duty.due_at);
    if (now.getTime() < runAt.getTime()) return { outcome: 'not-yet', runAt };

    const recipient = owner(contacts);
    if (!recipient) return this.skipped(dutyId, 'due-soon', 'no-recipient');
    return this.send(
      `duty-due-soon:${duty.id}:${recipient.email}`,
      recipient,
      duty,
      { kind: 'duty_due_soon', duty: { journeyId: duty.journey_id, journeyReference: contacts.reference, ruleId: duty.rule_id, dueAt: duty.due_at } },
      attempt,
    );
  }

  /**
   * At the deadline: records the breach on the journey's timeline once (with the journey
   * locked, so it is recorded once however many jobs run), then escalates to the owner's
   * supervisor, else the lead organisation's team mailbox. A recorded breach is escalated
   * on every run until the email is sent; sendOnce keeps that to one email.
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
        if (!OWED.has(duty.status)) return { skip: 'not-owed' as const };
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
      return { duty, contacts: await this.contacts(tx, duty.journey_id) };
    });
    if ('skip' in result) return this.skipped(dutyId, 'breach', result.skip!);
    if ('notYet' in result) return { outcome: 'not-yet', runAt: result.notYet! };

    const { duty, contacts } = result;
    const recipient = supervisor(contacts!);
    if (!recipient) return this.skipped(dutyId, 'breach', 'no-recipient');
    const now = this.clock.now();
    return this.send(
      `duty-breached:${duty!.id}:${recipient.email}`,
      recipient,
      duty!,
      {
        kind: 'duty_breached',
        duty: {
          journeyId: duty!.journey_id,
          journeyReference: contacts!.reference,
          ruleId: duty!.rule_id,
          dueAt: duty!.due_at,
          workingDaysLate: workingDaysBetween(duty!.due_at, now),
        },
      },
      attempt,
    );
  }

  private async send(dedupeKey: string, recipient: Recipient, duty: DutyRow, message: NotificationMessage, attempt: ReminderAttempt): Promise<ReminderOutcome> {
    try {
      const { outcome } = await this.notifications.sendOnce({
        dedupeKey,
        recipient,
        dutyId: duty.id,
        journeyId: duty.journey_id,
        areaId: duty.area_id,
        message,
      });
      return { outcome };
    } catch (error) {
      if (error instanceof NotificationSendError && attempt.lastAttempt) await this.notifications.markFailed(dedupeKey, error);
      throw error;
    }
  }

  private skipped(dutyId: string, kind: 'due-soon' | 'breach', reason: Extract<ReminderOutcome, { outcome: 'skipped' }>['reason']): ReminderOutcome {
    if (reason === 'no-recipient') this.logger.warn({ dutyId, kind }, 'duty reminder has no one to go to: no enabled lead worker or supervisor, no team mailbox');
    return { outcome: 'skipped', reason };
  }

  private async duty(tx: EntityManager, dutyId: string, options: { lock?: boolean } = {}): Promise<DutyRow | null> {
    const [row]: DutyRow[] = await tx.query(
      `SELECT id, journey_id, area_id, rule_id, status, due_at, breach_recorded_at FROM duties WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [dutyId],
    );
    if (!row) return null;
    return { ...row, due_at: new Date(row.due_at), breach_recorded_at: row.breach_recorded_at ? new Date(row.breach_recorded_at) : null };
  }

  private async contacts(tx: EntityManager, journeyId: string): Promise<JourneyContacts | null> {
    const [row]: Array<{
      reference: string;
      worker_id: string | null;
      worker_email: string | null;
      supervisor_id: string | null;
      supervisor_email: string | null;
      team_email: string | null;
    }> = await tx.query(
      `SELECT j.reference,
              CASE WHEN worker.disabled_at IS NULL THEN worker.id END AS worker_id,
              CASE WHEN worker.disabled_at IS NULL THEN worker.email END AS worker_email,
              supervisor.id AS supervisor_id, supervisor.email AS supervisor_email,
              organisation.team_email
         FROM journeys j
         LEFT JOIN users worker ON worker.id = j.lead_worker_id
         LEFT JOIN users supervisor ON supervisor.id = worker.supervisor_id AND supervisor.disabled_at IS NULL
         LEFT JOIN organisations organisation ON organisation.id = j.lead_organisation_id
        WHERE j.id = $1`,
      [journeyId],
    );
    if (!row) return null;
    return {
      reference: row.reference,
      workerId: row.worker_id,
      workerEmail: row.worker_email,
      supervisorId: row.supervisor_id,
      supervisorEmail: row.supervisor_email,
      teamEmail: row.team_email,
    };
  }
}

function owner(contacts: JourneyContacts): Recipient | null {
  if (contacts.workerId && contacts.workerEmail) return { userId: contacts.workerId, email: contacts.workerEmail };
  return contacts.teamEmail ? { userId: null, email: contacts.teamEmail } : null;
}

function supervisor(contacts: JourneyContacts): Recipient | null {
  if (contacts.supervisorId && contacts.supervisorEmail) return { userId: contacts.supervisorId, email: contacts.supervisorEmail };
  return contacts.teamEmail ? { userId: null, email: contacts.teamEmail } : null;
}
