import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { JourneysModule } from '../journeys/journeys.module.js';
import { NotificationSendingModule } from '../notifications/notification-sending.module.js';
import { ReminderQueue } from './reminder-queue.js';
import { ReminderSweeper } from './reminder-sweeper.service.js';
import { RemindersProcessor } from './reminders.processor.js';
import { RemindersService } from './reminders.service.js';

/**
 * Worker side of issue 6: the sweeper that turns owed duties in Postgres into delayed jobs
 * due within the horizon, and the due-soon and breach jobs that send through sendOnce.
 */
@Module({
  imports: [AuditModule, JourneysModule, NotificationSendingModule],
  providers: [RemindersProcessor, RemindersService, ReminderSweeper, ReminderQueue],
  exports: [ReminderSweeper, RemindersService],
})
export class RemindersModule {}
