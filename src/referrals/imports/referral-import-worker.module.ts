import { Module } from '@nestjs/common';
import { ReferralsModule } from '../referrals.module.js';
import { ReferralImportQueue } from './referral-import-queue.js';
import { ReferralImportReconciler } from './referral-import-reconciler.service.js';
import { ReferralImportProcessor } from './referral-import.processor.js';
import { ReferralImportRunner } from './referral-import-runner.service.js';
import { ReferralImportsRepository } from './referral-imports.repository.js';

/** CSV imports, worker side: the job, the runner that takes the rows in through ReferralIntake, the reconcile. */
@Module({
  imports: [ReferralsModule],
  providers: [ReferralImportProcessor, ReferralImportRunner, ReferralImportReconciler, ReferralImportQueue, ReferralImportsRepository],
  exports: [ReferralImportReconciler, ReferralImportRunner],
})
export class ReferralImportWorkerModule {}
