import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { MaintenanceJob, QueueName } from '../queue/queues.js';
import { KeptSchedules } from '../queue/kept-schedules.js';
import { MaintenanceService } from './maintenance.service.js';

const HOURLY_MS = 60 * 60 * 1000;

/** Housekeeping on hourly schedules, kept across a Redis flush by KeptSchedules. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private readonly schedules: KeptSchedules;

  constructor(
    private readonly maintenance: MaintenanceService,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {
    super();
    this.schedules = new KeptSchedules(this.queue, [
      { name: MaintenanceJob.PurgeExpiredSessions, everyMs: HOURLY_MS },
      { name: MaintenanceJob.PurgeIdempotencyRecords, everyMs: HOURLY_MS },
    ]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.start();
  }

  onApplicationShutdown(): void {
    this.schedules.stop();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case MaintenanceJob.PurgeExpiredSessions: {
        const purged = await this.maintenance.purgeExpiredSessions();
        this.logger.log({ purged }, 'expired sessions purged');
        return { purged };
      }
      case MaintenanceJob.PurgeIdempotencyRecords: {
        const purged = await this.maintenance.purgeIdempotencyRecords();
        this.logger.log({ purged }, 'idempotency records purged');
        return { purged };
      }
      default:
        throw new Error(`Unknown maintenance job ${job.name}`);
    }
  }
}
