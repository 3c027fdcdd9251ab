import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { MaintenanceJob, QueueName } from '../queue/queues.js';
import { MaintenanceService } from './maintenance.service.js';

/** Housekeeping on a schedule kept by BullMQ (upsertJobScheduler is idempotent across workers). */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly maintenance: MaintenanceService,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(MaintenanceJob.PurgeExpiredSessions, { every: 60 * 60 * 1000 }, {
      name: MaintenanceJob.PurgeExpiredSessions,
    });
    await this.queue.upsertJobScheduler(MaintenanceJob.PurgeIdempotencyRecords, { every: 60 * 60 * 1000 }, {
      name: MaintenanceJob.PurgeIdempotencyRecords,
    });
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
