import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import type { AppConfig } from '../app/config.js';
import { JourneysModule } from '../journeys/journeys.module.js';
import { NotificationSendingModule } from '../notifications/notification-sending.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { ReminderMail } from './reminder-mail.js';
import { ReminderRecipientsRepository } from './reminder-recipients.repository.js';
import { ReminderRouting } from './reminder-routing.js';
import { ReminderQueue } from './reminder-queue.js';
import { ReminderRetries } from './reminder-retries.js';
import { ReminderSweeper } from './reminder-sweeper.service.js';
import { remindersProcessorClass } from './reminders.processor.js';
import { RemindersService } from './reminders.service.js';
import { UlsRemindersRepository } from './uls-reminders.repository.js';
import { UlsRemindersService } from './uls-reminders.service.js';

/**
 * Worker side of issue 6: the sweeper that turns owed duties in Postgres into delayed jobs
 * due within the horizon, and what the due-soon and breach jobs do (send through sendOnce);
 * and of issue 16: the reminder to the witness care unit before a victim's Unduly Lenient
 * Sentence window closes, swept and sent the same way.
 * Importing it consumes nothing; `RemindersModule.processing` adds the queue's consumer.
 */
@Module({
  imports: [AuditModule, JourneysModule, NotificationSendingModule, OrganisationsModule],
  providers: [
    RemindersService,
    UlsRemindersService,
    ReminderSweeper,
    ReminderQueue,
    ReminderRouting,
    ReminderRecipientsRepository,
    ReminderMail,
    ReminderRetries,
    UlsRemindersRepository,
  ],
  exports: [ReminderSweeper, RemindersService, UlsRemindersService, ReminderRecipientsRepository, ReminderRetries],
})
export class RemindersModule {
  /** The reminders queue's consumer, with this deployment's lock duration: for the worker process only. */
  static processing(settings: AppConfig['reminders']): DynamicModule {
    return { module: RemindersProcessingModule, imports: [RemindersModule], providers: [remindersProcessorClass(settings)] };
  }
}

@Module({})
class RemindersProcessingModule {}
