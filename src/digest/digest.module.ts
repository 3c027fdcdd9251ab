import { Module } from '@nestjs/common';
import { NotificationSendingModule } from '../notifications/notification-sending.module.js';
import { WorkQueueReadModule } from '../work-queue/work-queue-read.module.js';
import { DigestPlanner } from './digest-planner.js';
import { DigestService } from './digest.service.js';
import { DigestsProcessor } from './digests.processor.js';

/**
 * Worker side: the daily digest at 08:00 London on working days. Reads the work queue
 * through its service (WorkQueueReadModule: no HTTP controller in the worker).
 */
@Module({
  imports: [NotificationSendingModule, WorkQueueReadModule],
  providers: [DigestPlanner, DigestService, DigestsProcessor],
  exports: [DigestPlanner, DigestService],
})
export class DigestModule {}
