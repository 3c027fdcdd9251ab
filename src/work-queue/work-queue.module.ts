import { Module } from '@nestjs/common';
import { WorkQueueController } from './work-queue.controller.js';
import { WorkQueueRepository } from './work-queue.repository.js';
import { WorkQueueService } from './work-queue.service.js';

/** What a worker or a team should do next: new referrals, duties due and overdue, actions due. */
@Module({
  controllers: [WorkQueueController],
  providers: [WorkQueueService, WorkQueueRepository],
})
export class WorkQueueModule {}
