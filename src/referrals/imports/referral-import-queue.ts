import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName, ReferralImportJob, referralImportJobId } from '../../queue/queues.js';

/** Runs of an import stop being retried by BullMQ after this many; the reconcile then decides. */
const RUN_JOB_ATTEMPTS = 3;

/** The one way an import is asked to run: a job carrying only its id, under a deterministic job id. */
@Injectable()
export class ReferralImportQueue {
  constructor(@InjectQueue(QueueName.ReferralImports) private readonly queue: Queue) {}

  /**
   * Queues the import's run. A job still waiting or running under the same id makes this a
   * no-op; a finished or failed job kept for retention is removed first, since only
   * Postgres says whether the import still needs to run.
   */
  async enqueue(importId: string): Promise<void> {
    const jobId = referralImportJobId(importId);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') return;
      await existing.remove();
    }
    await this.queue.add(ReferralImportJob.Run, { importId }, { jobId, attempts: RUN_JOB_ATTEMPTS });
  }
}
