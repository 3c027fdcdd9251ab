import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RuleId } from '../../libs/victims-code/src/index.js';
import { type LondonDate, londonDate, workingDaysBetween } from '../../libs/working-days/src/index.js';
import { Clock } from '../app/clock.js';
import { TransactionRunner } from '../database/transaction.js';
import type { DutyInEmail, NewReferralInEmail, OverdueDutyInEmail } from '../notifications/notification-templates.js';
import { NotificationSendError, NotificationsService } from '../notifications/notifications.service.js';
import { type QueueRow, WorkQueueService } from '../work-queue/work-queue.service.js';
import { digestDayAt, digestDedupeKey, digestTimeOn } from './digest-schedule.js';

/** Items per list in one email; a longer queue is for the work queue page, which the email links to. */
export const DIGEST_ITEMS_MAX = 200;

export type DigestOutcome =
  | { outcome: 'sent' | 'already_sent'; items: number }
  | { outcome: 'skipped'; reason: 'not-digest-time' | 'no-user' | 'nothing-to-do' }
  /** Run before 08:00 London on its day (BullMQ's timer ahead of the service's clock): to wait until `runAt`. */
  | { outcome: 'not-yet'; runAt: Date };

export interface DigestAttempt {
  /** BullMQ gives up after this attempt: a refused email is then marked failed (shown to admins). */
  lastAttempt: boolean;
}

interface Recipient {
  id: string;
  email: string;
  roles: string[];
  organisation_id: string;
  organisation_kind: string;
  area_ids: string[];
}

interface DigestContent {
  dueToday: DutyInEmail[];
  overdue: OverdueDutyInEmail[];
  newReferrals: NewReferralInEmail[];
}

/**
 * One user's morning digest: the work queue's "mine" view (duties due today, overdue
 * duties, new referrals) and, for a supervisor, their team's overdue duties, as one email
 * through sendOnce under `daily-digest:<day>:<email>`. Safe to run any number of times;
 * nothing is sent when there is nothing to do. The email carries references, rules and
 * deadlines only: the template has no field for a name.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly workQueue: WorkQueueService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async send(userId: string, day: string, attempt: DigestAttempt): Promise<DigestOutcome> {
    const now = this.clock.now();
    // Planned from 07:50 to go at 08:00: a job run early waits for its time.
    const sendAt = digestTimeOn(day as LondonDate);
    if (now.getTime() < sendAt.getTime() && londonDate(now) === day) return { outcome: 'not-yet', runAt: sendAt };
    // A job run on another day, or after the morning, is stale: that day's digest is over.
    if (digestDayAt(now) !== day) return { outcome: 'skipped', reason: 'not-digest-time' };
    const read = await this.transactions.run(async (tx) => {
      const recipient = await this.recipient(tx, userId);
      return recipient ? { recipient, content: await this.content(tx, recipient, now, day) } : null;
    });
    if (!read) return { outcome: 'skipped', reason: 'no-user' };
    const { recipient, content } = read;
    const items = content.dueToday.length + content.overdue.length + content.newReferrals.length;
    if (items === 0) return { outcome: 'skipped', reason: 'nothing-to-do' };

    const dedupeKey = digestDedupeKey(day, recipient.email);
    try {
      const { outcome } = await this.notifications.sendOnce({
        dedupeKey,
        recipient: { userId: recipient.id, email: recipient.email },
        message: { kind: 'daily_digest', day: now, ...content },
      });
      this.logger.log({ userId, day, outcome, items }, 'daily digest processed');
      return { outcome, items };
    } catch (error) {
      if (error instanceof NotificationSendError && attempt.lastAttempt) await this.notifications.markFailed(dedupeKey, error);
      throw error;
    }
  }

  private async recipient(tx: EntityManager, userId: string): Promise<Recipient | null> {
    const [row]: Recipient[] = await tx.query(
      `SELECT u.id, u.email, u.roles, u.organisation_id, o.kind AS organisation_kind,
              coalesce(array(SELECT ua.area_id FROM user_areas ua WHERE ua.user_id = u.id ORDER BY ua.area_id), '{}') AS area_ids
         FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.id = $1 AND u.disabled_at IS NULL`,
      [userId],
    );
    return row ?? null;
  }

  private async content(tx: EntityManager, recipient: Recipient, now: Date, day: string): Promise<DigestContent> {
    const reader = {
      userId: recipient.id,
      organisationId: recipient.organisation_id,
      organisationKind: recipient.organisation_kind,
      areaIds: recipient.area_ids,
      supervisor: recipient.roles.includes('supervisor'),
    };
    const rows = await this.workQueue.digestItems(tx, reader, now, day, DIGEST_ITEMS_MAX);

    const content: DigestContent = { dueToday: [], overdue: [], newReferrals: [] };
    for (const row of rows) {
      const duty = dutyOf(row);
      if (row.kind === 'duty_overdue' && duty) {
        if (content.overdue.length < DIGEST_ITEMS_MAX) content.overdue.push({ ...duty, workingDaysLate: workingDaysBetween(duty.dueAt, now) });
      } else if (row.kind === 'duty_due_today' && duty) {
        content.dueToday.push(duty);
      } else if (row.kind === 'new_referral') {
        content.newReferrals.push({ journeyId: row.journey_id, journeyReference: row.reference, referredAt: new Date(row.referred_at) });
      }
    }
    return content;
  }
}

function dutyOf(row: QueueRow): DutyInEmail | null {
  if (!row.duty_id || !row.rule_id || !row.duty_due_at) return null;
  return { journeyId: row.journey_id, journeyReference: row.reference, ruleId: row.rule_id as RuleId, dueAt: new Date(row.duty_due_at) };
}
