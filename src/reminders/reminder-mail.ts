import { Injectable } from '@nestjs/common';
import { type NotificationRequest, NotificationSendError, NotificationsService } from '../notifications/notifications.service.js';

export interface ReminderAttempt {
  /** BullMQ gives up after this attempt: a refused email is then marked failed (shown to admins). */
  lastAttempt: boolean;
  /** For the audit trail and the system actor: the job id. */
  requestId: string;
}

/**
 * How reminder jobs send an email, whatever the reminder is about (a duty, a ULS window):
 * through sendOnce under the reminder's dedupe key, so a second run of the job finds it sent.
 * A refusal goes back to BullMQ to retry; on the job's last attempt the email is first marked
 * failed, which lists it for admins and keeps the sweep from planning it again.
 */
@Injectable()
export class ReminderMail {
  constructor(private readonly notifications: NotificationsService) {}

  async send(request: NotificationRequest, attempt: ReminderAttempt): Promise<'sent' | 'already_sent'> {
    try {
      return (await this.notifications.sendOnce(request)).outcome;
    } catch (error) {
      if (error instanceof NotificationSendError && attempt.lastAttempt) await this.notifications.markFailed(request.dedupeKey, error);
      throw error;
    }
  }
}
