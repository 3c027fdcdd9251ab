import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessScope } from '../access/access-scope.js';
import type { NotificationView } from './dto/notification.dto.js';
import type { NotificationKind, NotificationStatus } from './entities/notification.entity.js';

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  status: NotificationStatus;
  subject: string;
  recipient_user_id: string | null;
  recipient_email: string;
  journey_id: string | null;
  duty_id: string | null;
  area_id: string | null;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  failed_at: Date | null;
  total: string;
}

export interface ReopenedNotification {
  id: string;
  /** Null for a ULS reminder, which the next sweep plans again (it is about a sentence, not a duty). */
  duty_id: string | null;
  area_id: string;
}

export interface Page {
  limit: number;
  offset: number;
}

const COLUMNS = `id, kind, status, subject, recipient_user_id, recipient_email, journey_id, duty_id, area_id, attempts, last_error,
                 created_at, sent_at, failed_at, count(*) OVER () AS total`;

/** Reads of recorded notifications, newest first; each query uses one of the table's indexes. */
@Injectable()
export class NotificationsRepository {
  /** Sent to a user: those about their areas' journeys, and those about no journey (digests). */
  forRecipient(tx: EntityManager, userId: string, scope: AccessScope, page: Page): Promise<{ items: NotificationView[]; total: number }> {
    const params: unknown[] = [userId];
    return this.page(tx, `recipient_user_id = $1 AND (area_id IS NULL OR ${scope.sqlFilter('area_id', params)}) ORDER BY created_at DESC, id DESC`, params, page);
  }

  forJourney(tx: EntityManager, journeyId: string, page: Page): Promise<{ items: NotificationView[]; total: number }> {
    return this.page(tx, `journey_id = $1 ORDER BY created_at DESC, id DESC`, [journeyId], page);
  }

  failed(tx: EntityManager, page: Page): Promise<{ items: NotificationView[]; total: number }> {
    return this.page(tx, `status = 'failed' ORDER BY failed_at DESC, id DESC`, [], page);
  }

  /**
   * Failed reminder emails (about a duty, or a ULS window) put back to pending, so the
   * reminders' sweep plans them again: one by id, or (ids null) the oldest failed ones in the
   * scope, up to `limit`. Answers the notifications reopened with their duty and area.
   */
  async reopenFailed(tx: EntityManager, scope: AccessScope, ids: readonly string[] | null, now: Date, limit: number): Promise<ReopenedNotification[]> {
    const params: unknown[] = [now, limit];
    const byId = ids ? `AND id = ANY($${params.push([...ids])}::uuid[])` : '';
    return (
      await tx.query(
        `UPDATE notifications SET status = 'pending', failed_at = NULL, updated_at = $1,
                -- A duty's reminder goes out with its recipient's next email of that kind: planned for now.
                moment_at = CASE WHEN duty_id IS NOT NULL THEN $1 ELSE moment_at END
          WHERE id IN (SELECT id FROM notifications
                        WHERE status = 'failed' AND (duty_id IS NOT NULL OR kind = 'uls_reminder') ${byId} AND ${scope.sqlFilter('area_id', params)}
                        ORDER BY failed_at, id LIMIT $2 FOR UPDATE)
          RETURNING id, duty_id, area_id`,
        params,
      )
    )[0] as ReopenedNotification[];
  }

  /** A notification's status, in the scope (null when not found there). */
  async statusOf(tx: EntityManager, scope: AccessScope, id: string): Promise<{ status: string; kind: NotificationKind; duty_id: string | null } | null> {
    const params: unknown[] = [id];
    const [row] = await tx.query(`SELECT status, kind, duty_id FROM notifications WHERE id = $1 AND ${scope.sqlFilter('area_id', params)}`, params);
    return row ?? null;
  }

  private async page(tx: EntityManager, whereAndOrder: string, params: unknown[], page: Page): Promise<{ items: NotificationView[]; total: number }> {
    const rows: NotificationRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM notifications WHERE ${whereAndOrder} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    let total = rows.length > 0 ? Number(rows[0].total) : 0;
    if (rows.length === 0 && page.offset > 0) {
      const where = whereAndOrder.replace(/ORDER BY[\s\S]*$/, '');
      const [row]: Array<{ count: string }> = await tx.query(`SELECT count(*) FROM notifications WHERE ${where}`, params);
      total = Number(row.count);
    }
    return { items: rows.map(toView), total };
  }
}

function toView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    subject: row.subject,
    recipient: { userId: row.recipient_user_id, email: row.recipient_email },
    journeyId: row.journey_id,
    dutyId: row.duty_id,
    areaId: row.area_id,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at ? new Date(row.sent_at) : null,
    failedAt: row.failed_at ? new Date(row.failed_at) : null,
  };
}
