import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../app/clock.js';
import { describeError } from '../../app/logging.js';
import { ReferralImportQueue } from './referral-import-queue.js';
import { IMPORT_FAILURE_MESSAGE, MAX_IMPORT_ATTEMPTS } from './referral-import-runner.service.js';
import { ReferralImportsRepository } from './referral-imports.repository.js';

/** An unfinished import untouched this long has lost its job or its worker (a running import reports progress far more often). */
export const STALE_IMPORT_MS = 5 * 60_000;

/**
 * Postgres is the truth about imports, Redis only a hint: an import still queued,
 * validating or importing that nothing has touched for a while (its job flushed from
 * Redis, its worker killed) is queued again under its own job id, or given up as failed
 * once it has used its attempts. Runs at worker start and on a schedule.
 */
@Injectable()
export class ReferralImportReconciler {
  private readonly logger = new Logger(ReferralImportReconciler.name);

  constructor(
    private readonly imports: ReferralImportsRepository,
    private readonly queue: ReferralImportQueue,
    private readonly clock: Clock,
  ) {}

  async reconcile(): Promise<{ requeued: number; failed: number }> {
    const now = this.clock.now();
    const stale = await this.imports.stale(new Date(now.getTime() - STALE_IMPORT_MS));
    let requeued = 0;
    let failed = 0;
    for (const { id, attempts } of stale) {
      if (attempts >= MAX_IMPORT_ATTEMPTS) {
        await this.imports.fail(id, IMPORT_FAILURE_MESSAGE, now);
        failed++;
        continue;
      }
      try {
        await this.queue.enqueue(id);
        requeued++;
      } catch (error) {
        this.logger.warn({ importId: id, error: describeError(error) }, 'could not re-enqueue a stale referral import');
      }
    }
    if (requeued || failed) this.logger.log({ requeued, failed }, 'stale referral imports reconciled');
    return { requeued, failed };
  }
}
