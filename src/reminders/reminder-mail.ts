import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../app/clock.js';
import type { NotificationKind } from '../notifications/entities/notification.entity.js';
import { type ComposedGroup, type GroupRow, GroupSendError, type NotificationRequest, NotificationSendError, NotificationsService } from '../notifications/notifications.service.js';
import { ReminderRetries } from './reminder-retries.js';

export interface ReminderAttempt {
  /**
   * How long BullMQ will wait before running the job again should this run fail
   * (reminderRetryDelay); `Infinity` when this is the job's last run.
   */
  nextRetryInMs: number;
  /** For the audit trail and the system actor: the job id. */
  requestId: string;
}

/**
 * The refused email's reminder has run out of time: the next try would fall after its
 * horizon. The email is marked failed (listed for admins, left alone by sweeps) and the job
 * must not be retried.
 */
export class ReminderGivenUpError extends NotificationSendError {
  constructor(cause: NotificationSendError) {
    super(cause.notificationId, cause.reason);
    this.name = 'ReminderGivenUpError';
  }
}

/**
 * How reminder jobs send an email, whatever the reminder is about (a duty, a ULS window):
 * through sendOnce under the reminder's dedupe key, so a second run of the job finds it sent.
 *
 * A refusal goes back to BullMQ to retry with backoff, for as long as the reminder means
 * something: until `horizon` (a due-soon reminder's deadline, a day after a breach, a ULS
 * window's close). When the next try would come after the horizon, this run is the last: the
 * email is marked failed, which lists it for admins and keeps the sweep from planning it
 * again, and a ReminderGivenUpError tells the job to stop. The decision is the service
 * clock's, not a count of attempts.
 */
@Injectable()
export class ReminderMail {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly retries: ReminderRetries,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  async send(request: NotificationRequest, attempt: ReminderAttempt, horizon: Date): Promise<'sent' | 'already_sent'> {
    try {
      const { outcome } = await this.notifications.sendOnce(request);
      if (outcome === 'sent') this.retries.delivered();
      return outcome;
    } catch (error) {
      if (!(error instanceof NotificationSendError)) throw error;
      this.retries.refused();
      if (this.clock.now().getTime() + attempt.nextRetryInMs < horizon.getTime()) throw error;
      await this.notifications.markFailed(request.dedupeKey, error);
      throw new ReminderGivenUpError(error);
    }
  }

  /**
   * One person's email of several planned rows (sendGroupOnce), with the same retry rule per
   * row: when the email is refused, each row whose horizon the next try would miss is marked
   * failed; if rows are left pending the refusal goes back to BullMQ to retry, else the
   * reminder has run out of time (ReminderGivenUpError).
   */
  async sendGroup(
    ids: readonly string[],
    recipientEmail: string,
    compose: (tx: EntityManager, rows: GroupRow[]) => Promise<ComposedGroup>,
    attempt: ReminderAttempt,
    horizonOf: (row: { kind: NotificationKind; due_at: Date; moment_at: Date | null }) => Date,
  ): Promise<'sent' | 'already_sent'> {
    try {
      const { outcome } = await this.notifications.sendGroupOnce(ids, recipientEmail, compose);
      if (outcome === 'sent') this.retries.delivered();
      return outcome;
    } catch (error) {
      if (!(error instanceof GroupSendError)) throw error;
      this.retries.refused();
      const rows: Array<{ id: string; kind: NotificationKind; due_at: Date; moment_at: Date | null }> = await this.dataSource.query(
        `SELECT n.id, n.kind, n.moment_at, d.due_at FROM notifications n JOIN duties d ON d.id = n.duty_id WHERE n.id = ANY($1::uuid[]) AND n.status = 'pending'`,
        [[...error.ids]],
      );
      const nextTry = this.clock.now().getTime() + attempt.nextRetryInMs;
      const givenUp = rows
        .filter((row) => nextTry >= horizonOf({ kind: row.kind, due_at: new Date(row.due_at), moment_at: row.moment_at ? new Date(row.moment_at) : null }).getTime())
        .map((row) => row.id);
      await this.notifications.markFailedById(givenUp, error.reason);
      if (givenUp.length < rows.length) throw error;
      throw new ReminderGivenUpError(error);
    }
  }
}
