import { Module } from '@nestjs/common';
import { Mailer, SmtpMailer } from './mailer.js';
import { NotificationsService } from './notifications.service.js';

/**
 * Worker side: sending notification emails exactly once. The reminder sweeper, breach
 * escalation and digest jobs call NotificationsService; Mailer is exported for readiness checks.
 */
@Module({
  providers: [{ provide: Mailer, useClass: SmtpMailer }, NotificationsService],
  exports: [NotificationsService, Mailer],
})
export class NotificationSendingModule {}
