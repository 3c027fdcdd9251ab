import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { describeError } from '../../app/logging.js';
import { QueueName, ReferralImportJob } from '../../queue/queues.js';
import { ReferralImportReconciler } from './referral-import-reconciler.service.js';
import { ReferralImportRunner } from './referral-import-runner.service.js';

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
  private scheduleKeeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly runner: ReferralImportRunner,
    private readonly reconciler: ReferralImportReconciler,
    @InjectQueue(QueueName.ReferralImports) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.keepSchedule();
    this.scheduleKeeper = setInterval(() => void this.keepSchedule(), 5 * RECONCILE_EVERY_MS);
    this.scheduleKeeper.unref();
    await this.reconciler.reconcile().catch((error: unknown) => {
      this.logger.warn({ error: describeError(error) }, 'referral import reconcile at start failed');
    });
  }

  onApplicationShutdown(): void {
    clearInterval(this.scheduleKeeper);
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

  private async keepSchedule(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(ReferralImportJob.Reconcile, { every: RECONCILE_EVERY_MS }, { name: ReferralImportJob.Reconcile });
    } catch (error) {
      this.logger.warn({ error: describeError(error) }, 'could not keep the referral import reconcile schedule');
    }
  }
}
