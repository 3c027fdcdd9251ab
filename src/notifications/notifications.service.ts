import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../app/clock.js';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { TransactionRunner } from '../database/transaction.js';
import type { NotificationKind, NotificationStatus } from './entities/notification.entity.js';
import { Mailer } from './mailer.js';
import { type NotificationMessage, renderNotification } from './notification-templates.js';

/** One email to send once: the same dedupe key is the same email, however often it is asked for. */
export interface NotificationRequest {
  /** e.g. `duty-due-soon:<dutyId>:<recipient email>`; at most 300 characters. */
  dedupeKey: string;
  recipient: { userId: string | null; email: string };
  dutyId?: string | null;
  journeyId?: string | null;
  areaId?: string | null;
  /** The sentence a ULS reminder is about (its outcome id). */
  outcomeId?: string | null;
  /** What to say; the subject and body are rendered from it, so no caller can put a name in them. */
  message: NotificationMessage;
}

export interface SendOutcome {
  notificationId: string;
  /** `sent`: this call sent it. `already_sent`: an earlier call did; nothing was sent now. */
  outcome: 'sent' | 'already_sent';
  messageId: string;
}

/**
 * The SMTP server refused the email or could not be reached. Carries the error's class and
 * SMTP response code only: the message is safe for logs and for BullMQ's failedReason (which
 * Redis keeps in clear), where a server's own text could quote the address.
 */
export class NotificationSendError extends Error {
  constructor(
    readonly notificationId: string,
    readonly reason: string,
  ) {
    super(`Notification ${notificationId} not sent: ${reason}`);
    this.name = 'NotificationSendError';
  }
}

/** `EENVELOPE 451`, `ECONNECTION`: the error's class and SMTP code, never its text. */
export function describeSendError(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const kind =
    typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,40}$/.test(code)
      ? code
      : error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name)
        ? error.name
        : 'Error';
  return typeof responseCode === 'number' && Number.isInteger(responseCode) ? `${kind} ${responseCode}` : kind;
}

/** A planned row of one person's email, locked while the email is composed and sent. */
export interface GroupRow {
  id: string;
  kind: NotificationKind;
  dedupe_key: string;
  duty_id: string | null;
}

/** What to say in one person's email, from the rows still pending; rows in `cancel` are left out for good. */
export interface ComposedGroup {
  message: NotificationMessage | null;
  cancel: readonly string[];
}

export interface GroupSendOutcome {
  outcome: 'sent' | 'already_sent';
  /** The rows this call sent (one email), or none. */
  sent: string[];
  messageId: string | null;
}

/** One email of several rows was refused: carries the rows that are still pending. */
export class GroupSendError extends NotificationSendError {
  constructor(
    readonly ids: readonly string[],
    reason: string,
  ) {
    super(ids[0]!, reason);
    this.name = 'GroupSendError';
  }
}

interface LockedNotification {
  id: string;
  kind: NotificationKind;
  recipient_email: string;
  status: NotificationStatus;
  message_id: string | null;
}

/**
 * Sends notification emails exactly once, with Postgres as the record of what was sent.
 *
 * `sendOnce` records the notification under its dedupe key, then, in one transaction,
 * locks the row, sends, and marks it sent. A concurrent call for the same key waits on
 * the lock and then finds it sent; a later call finds it sent at once. A refusal rolls
 * back and is counted on the row, and the error goes back to the caller (a BullMQ job)
 * to retry with backoff; after its last attempt the caller calls `markFailed`.
 *
 * The one window left is at-least-once, not exactly-once: the SMTP server accepts the
 * message (end of DATA) and the process dies, or Postgres goes away, before COMMIT. The
 * row is still pending, so the retry sends the email again. No protocol closes this
 * window (SMTP and Postgres share no transaction); it is kept as small as it can be by
 * doing nothing between the server's acceptance and COMMIT but one single-row UPDATE by
 * primary key, on a connection that already holds the row lock. A repeat in that window
 * carries the same Message-ID (derived from the notification id), so mail clients and
 * servers that de-duplicate by Message-ID show it once.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sendOnce(request: NotificationRequest): Promise<SendOutcome> {
    const email = renderNotification(request.message, { publicBaseUrl: this.config.http.publicBaseUrl });
    const now = this.clock.now();
    // Committed on its own before sending: the record of the attempt survives a failed send.
    await this.dataSource.query(
      `INSERT INTO notifications (dedupe_key, kind, duty_id, journey_id, area_id, recipient_user_id, recipient_email, subject, created_at, updated_at, outcome_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        request.dedupeKey,
        email.kind,
        request.dutyId ?? null,
        request.journeyId ?? null,
        request.areaId ?? null,
        request.recipient.userId,
        request.recipient.email,
        email.subject,
        now,
        request.outcomeId ?? null,
      ],
    );

    let attempted: { id: string; error: unknown } | undefined;
    try {
      return await this.transactions.run(async (tx) => {
        // A concurrent sender of the same key waits here, and then reads the row as committed.
        const [row]: LockedNotification[] = await tx.query(
          `SELECT id, kind, recipient_email, status, message_id FROM notifications WHERE dedupe_key = $1 FOR UPDATE`,
          [request.dedupeKey],
        );
        if (!row) throw new Error(`Notification ${request.dedupeKey} vanished before it was sent`);
        if (row.kind !== email.kind || row.recipient_email !== request.recipient.email) {
          throw new Error(`Notification ${row.id}: its dedupe key was reused for another kind or recipient`);
        }
        if (row.status === 'sent') return { notificationId: row.id, outcome: 'already_sent' as const, messageId: row.message_id ?? '' };

        const messageId = this.messageIdOf(row.id);
        try {
          await this.mailer.send({ to: request.recipient.email, subject: email.subject, text: email.text, html: email.html, messageId });
        } catch (error) {
          attempted = { id: row.id, error };
          throw error;
        }
        // Between the server's acceptance and COMMIT: this statement only (see the class comment).
        await tx.query(
          `UPDATE notifications
              SET status = 'sent', sent_at = $2, message_id = $3, subject = $4, attempts = attempts + 1, last_error = NULL, updated_at = $2
            WHERE id = $1`,
          [row.id, this.clock.now(), messageId, email.subject],
        );
        return { notificationId: row.id, outcome: 'sent' as const, messageId };
      });
    } catch (error) {
      if (!attempted) throw error;
      const reason = describeSendError(attempted.error);
      await this.recordFailedAttempt(attempted.id, reason);
      this.logger.warn(`notification ${attempted.id} (${email.kind}) not sent: ${reason}`);
      throw new NotificationSendError(attempted.id, reason);
    }
  }

  /**
   * One email for several planned rows (issue 19: one email per person per moment): the rows
   * of `ids` still pending are locked in id order (so two senders of overlapping groups never
   * deadlock, and the second finds the first's rows sent), `compose` says what the email lists
   * and which rows to leave out, and the email is sent and every row it lists marked sent with
   * its Message-ID, in the same transaction, as sendOnce does for one row. A refusal is counted
   * on each row and thrown as a GroupSendError naming them.
   */
  async sendGroupOnce(ids: readonly string[], recipientEmail: string, compose: (tx: EntityManager, rows: GroupRow[]) => Promise<ComposedGroup>): Promise<GroupSendOutcome> {
    let attempted: { ids: string[]; kind: NotificationKind; error: unknown } | undefined;
    try {
      return await this.transactions.run(async (tx) => {
        const rows: GroupRow[] = await tx.query(
          `SELECT id, kind, dedupe_key, duty_id FROM notifications
            WHERE id = ANY($1::uuid[]) AND status = 'pending' AND recipient_email = $2
            ORDER BY id FOR UPDATE`,
          [[...ids], recipientEmail],
        );
        if (rows.length === 0) return { outcome: 'already_sent' as const, sent: [], messageId: null };
        if (new Set(rows.map((row) => row.kind)).size > 1) throw new Error('A grouped email mixes notification kinds');
        const { message, cancel } = await compose(tx, rows);
        const now = this.clock.now();
        const leftOut = new Set(cancel);
        if (leftOut.size > 0) {
          await tx.query(`UPDATE notifications SET status = 'cancelled', updated_at = $2 WHERE id = ANY($1::uuid[]) AND status = 'pending'`, [[...leftOut], now]);
        }
        const sending = rows.filter((row) => !leftOut.has(row.id)).map((row) => row.id);
        if (sending.length === 0 || !message) return { outcome: 'already_sent' as const, sent: [], messageId: null };
        const email = renderNotification(message, { publicBaseUrl: this.config.http.publicBaseUrl });
        if (email.kind !== rows[0]!.kind) throw new Error(`A grouped email of ${rows[0]!.kind} rows was composed as ${email.kind}`);
        const messageId = this.messageIdOf(sending[0]!);
        try {
          await this.mailer.send({ to: recipientEmail, subject: email.subject, text: email.text, html: email.html, messageId });
        } catch (error) {
          attempted = { ids: sending, kind: email.kind, error };
          throw error;
        }
        // Between the server's acceptance and COMMIT: this statement only (see the class comment).
        await tx.query(
          `UPDATE notifications
              SET status = 'sent', sent_at = $2, message_id = $3, subject = $4, attempts = attempts + 1, last_error = NULL, updated_at = $2
            WHERE id = ANY($1::uuid[])`,
          [sending, this.clock.now(), messageId, email.subject],
        );
        return { outcome: 'sent' as const, sent: sending, messageId };
      });
    } catch (error) {
      if (!attempted) throw error;
      const reason = describeSendError(attempted.error);
      await this.dataSource.query(
        `UPDATE notifications SET attempts = attempts + 1, last_error = $2, updated_at = $3 WHERE id = ANY($1::uuid[]) AND status <> 'sent'`,
        [attempted.ids, reason, this.clock.now()],
      );
      this.logger.warn(`grouped notification of ${attempted.ids.length} (${attempted.kind}) not sent: ${reason}`);
      throw new GroupSendError(attempted.ids, reason);
    }
  }

  /** As markFailed, for rows by id (a grouped email's rows whose horizon has passed). */
  async markFailedById(ids: readonly string[], reason: string): Promise<void> {
    if (ids.length === 0) return;
    const now = this.clock.now();
    await this.dataSource.query(
      `UPDATE notifications SET status = 'failed', failed_at = $2, updated_at = $2, last_error = coalesce($3, last_error)
        WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [[...ids], now, reason],
    );
  }

  /**
   * After the caller's last attempt: the notification is failed and shows to admins. A sent
   * one stays sent. A later `sendOnce` of the same key may still send it (and mark it sent).
   * Answers whether a row was marked.
   */
  async markFailed(dedupeKey: string, error?: unknown): Promise<boolean> {
    const now = this.clock.now();
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE notifications
          SET status = 'failed', failed_at = $2, updated_at = $2, last_error = coalesce($3, last_error)
        WHERE dedupe_key = $1 AND status <> 'sent'`,
      [dedupeKey, now, error === undefined ? null : error instanceof NotificationSendError ? error.reason : describeSendError(error)],
    );
    return count > 0;
  }

  private async recordFailedAttempt(id: string, reason: string): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.query(
      `UPDATE notifications SET attempts = attempts + 1, last_error = $2, updated_at = $3 WHERE id = $1 AND status <> 'sent'`,
      [id, reason, now],
    );
  }

  /** `<notification.<id>@<public host>>`: the same notification always has the same Message-ID. */
  private messageIdOf(notificationId: string): string {
    return `<notification.${notificationId}@${new URL(this.config.http.publicBaseUrl).hostname}>`;
  }
}
