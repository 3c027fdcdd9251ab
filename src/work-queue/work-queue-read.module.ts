import { Module } from '@nestjs/common';
import { WorkQueueRepository } from './work-queue.repository.js';
import { WorkQueueService } from './work-queue.service.js';

/**
 * The work queue's query and service without its controller: the api's WorkQueueModule
 * adds the controller, and the worker's daily digest reads WorkQueueService through this
 * module, so the worker carries no HTTP controller.
 */
@Module({
  providers: [WorkQueueService, WorkQueueRepository],
  exports: [WorkQueueService],
})
export class WorkQueueReadModule {}
