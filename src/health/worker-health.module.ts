import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { NotificationSendingModule } from '../notifications/notification-sending.module.js';
import { QueueConsumers } from '../queue/queue-consumers.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { WorkerHealthServer } from './worker-health.server.js';
import { WorkerReadiness } from './worker-readiness.js';

/** The worker process's liveness and readiness endpoint (WORKER_HEALTH_HOST, WORKER_HEALTH_PORT). */
@Module({
  imports: [DiscoveryModule, NotificationSendingModule, RemindersModule],
  providers: [QueueConsumers, WorkerReadiness, WorkerHealthServer],
  exports: [QueueConsumers, WorkerHealthServer],
})
export class WorkerHealthModule {}
