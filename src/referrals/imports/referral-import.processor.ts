import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { describeError } from '../../app/logging.js';
import { QueueName, ReferralImportJob } from '../../queue/queues.js';
import { ReferralImportReconciler } from './referral-import-reconciler.service.js';
import { ReferralImportRunner } from './referral-import-runner.service.js';
import { KeptSchedules } from '../../queue/kept-schedules.js';

const RECONCILE_EVERY_MS = 60_000;

/**
 * Runs CSV imports (one at a time per worker: an import is one long transaction) and, every
 * minute, the reconcile that re-queues imports whose job was lost. The schedule lives in
 * Redis, so a flush would drop it too: the worker puts it back every few minutes
 * (upsertJobScheduler is idempotent across workers).
 */
@Processor(QueueName.ReferralImports, { concurrency: 1 })
export class ReferralImportProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReferralImportProcessor.name);
  private readonly schedules: KeptSchedules;

  constructor(
    private readonly runner: ReferralImportRunner,
    private readonly reconciler: ReferralImportReconciler,
    @InjectQueue(QueueName.ReferralImports) private readonly queue: Queue,
  ) {
    super();
    this.schedules = new KeptSchedules(this.queue, [{ name: ReferralImportJob.Reconcile, everyMs: RECONCILE_EVERY_MS }]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.start();
    await this.reconciler.reconcile().catch((error: unknown) => {
      this.logger.warn({ error: describeError(error) }, 'referral import reconcile at start failed');
    });
  }

  onApplicationShutdown(): void {
    this.schedules.stop();
  }

  async process(job: Job<{ importId?: string }>): Promise<unknown> {
    switch (job.name) {
      case ReferralImportJob.Run: {
        const importId = job.data.importId;
        if (!importId) throw new Error('referral import job without an import id');
        const outcome = await this.runner.run(importId);
        this.logger.log({ importId, outcome }, 'referral import run');
        return { outcome };
      }
      case ReferralImportJob.Reconcile:
        return this.reconciler.reconcile();
      default:
        throw new Error(`Unknown referral import job ${job.name}`);
    }
  }
}
