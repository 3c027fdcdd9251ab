import { Module } from '@nestjs/common';
import { WorkQueueController } from './work-queue.controller.js';
import { WorkQueueReadModule } from './work-queue-read.module.js';

/** What a worker or a team should do next: new referrals, duties due and overdue, actions due. */
@Module({
  imports: [WorkQueueReadModule],
  controllers: [WorkQueueController],
})
export class WorkQueueModule {}
