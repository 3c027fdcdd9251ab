import { Injectable } from '@nestjs/common';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { notFound } from '../app/common.errors.js';
import { AuditService, type AuditRecord } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { Outbox } from '../outbox/outbox.js';
import { NotificationsError } from './notifications.errors.js';
import { type ReopenedNotification, NotificationsRepository } from './notifications.repository.js';

/** At most this many failed emails are sent again by one bulk request; ask again for the rest. */
export const BULK_RESEND_LIMIT = 1_000;

/**
 * An admin sends failed reminder emails again (issue 19): each is put back to pending and its
 * duty handed to the reminders worker through the outbox (`duty.rescheduled`, which sweeps
 * that duty at once), so the same path as any reminder sends it, once (sendOnce's record).
 * A failed ULS reminder (issue 16) has no duty: pending again, the next minute's sweep plans
 * it while the victim's window is open and the victim still not told.
 * A due-soon reminder whose deadline has since passed is not sent again: the escalation
 * speaks for it. An escalation is sent again within a day of the breach.
 */
@Injectable()
export class NotificationResendsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly notifications: NotificationsRepository,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async resendOne(actor: Actor, id: string): Promise<{ resent: number }> {
    const scope = AccessScope.of(actor);
    return this.transactions.run(async (tx) => {
      const found = await this.notifications.statusOf(tx, scope, id);
      if (!found) throw notFound('The notification');
      if (!found.duty_id && found.kind !== 'uls_reminder') throw NotificationsError.of('NOT_A_REMINDER');
      if (found.status !== 'failed') throw NotificationsError.of('NOT_FAILED', `It is ${found.status}`);
      const reopened = await this.notifications.reopenFailed(tx, scope, [id], this.clock.now(), 1);
      await this.replan(tx, actor, reopened);
      return { resent: reopened.length };
    });
  }

  async resendAllFailed(actor: Actor): Promise<{ resent: number }> {
    return this.transactions.run(async (tx) => {
      const reopened = await this.notifications.reopenFailed(tx, AccessScope.of(actor), null, this.clock.now(), BULK_RESEND_LIMIT);
      await this.replan(tx, actor, reopened);
      return { resent: reopened.length };
    });
  }

  private async replan(tx: Parameters<Outbox['add']>[0], actor: Actor, reopened: readonly ReopenedNotification[]): Promise<void> {
    // A ULS reminder has no duty to hand over: pending again, it is planned by the next sweep (every minute).
    const duties = [...new Set(reopened.flatMap((row) => (row.duty_id ? [row.duty_id] : [])))];
    await this.outbox.add(tx, duties.map((dutyId) => ({ topic: 'duty.rescheduled' as const, aggregateId: dutyId, payload: { dutyId } })));
    await this.audit.record(
      tx,
      actor,
      reopened.map((row): AuditRecord => ({ action: 'update', entityType: 'notification', entityId: row.id, areaId: row.area_id, details: { fields: ['status'], resend: true } })),
    );
  }
}
