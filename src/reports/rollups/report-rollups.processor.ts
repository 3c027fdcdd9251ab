import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../app/config.js';
import { describeError } from '../../app/logging.js';
import { KeptSchedules } from '../../queue/kept-schedules.js';
import { QueueName, ReportJob } from '../../queue/queues.js';
import { ReportRollups } from './report-rollups.service.js';

/**
 * Refreshes the report rollups every REPORTS_ROLLUP_REFRESH_MINUTES and at worker start.
 * A refresh that fails is simply the next one's work (reports fall back to the plain
 * queries once the rollups are older than REPORTS_ROLLUP_MAX_AGE_MINUTES).
 */
@Processor(QueueName.Reports, { concurrency: 1 })
export class ReportRollupsProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportRollupsProcessor.name);
  private readonly schedules: KeptSchedules;

  constructor(
    private readonly rollups: ReportRollups,
    @InjectQueue(QueueName.Reports) private readonly queue: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super();
    this.schedules = new KeptSchedules(this.queue, [
      {
        name: ReportJob.RefreshRollups,
        everyMs: config.reports.rollupRefreshMinutes * 60_000,
        opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 1_000 } },
      },
    ]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.start();
    // Not awaited: a long first refresh must not hold up the worker's start.
    void this.rollups.refresh().catch((error: unknown) => {
      this.logger.warn({ error: describeError(error) }, 'report rollup refresh at start failed');
    });
  }

  onApplicationShutdown(): void {
    this.schedules.stop();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== ReportJob.RefreshRollups) throw new Error(`Unknown reports job ${job.name}`);
    return this.rollups.refresh();
  }
}
