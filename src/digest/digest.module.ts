import { Module } from '@nestjs/common';
import { NotificationSendingModule } from '../notifications/notification-sending.module.js';
import { WorkQueueRepository } from '../work-queue/work-queue.repository.js';
import { DigestPlanner } from './digest-planner.js';
import { DigestService } from './digest.service.js';
import { DigestsProcessor } from './digests.processor.js';

/**
 * Worker side: the daily digest at 08:00 London on working days. Reads the work queue's
 * repository (a read model with no dependencies), not its module, so the worker carries
 * no HTTP controller.
 */
@Module({
  imports: [NotificationSendingModule],
  providers: [DigestPlanner, DigestService, DigestsProcessor, WorkQueueRepository],
  exports: [DigestPlanner, DigestService],
})
export class DigestModule {}
