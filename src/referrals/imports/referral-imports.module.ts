import { Module } from '@nestjs/common';
import { ReferralImportQueue } from './referral-import-queue.js';
import { ReferralImportsController } from './referral-imports.controller.js';
import { ReferralImportsRepository } from './referral-imports.repository.js';
import { ReferralImportsService } from './referral-imports.service.js';

/** CSV imports, api side: upload, status and problems. The worker side is ReferralImportWorkerModule. */
@Module({
  controllers: [ReferralImportsController],
  providers: [ReferralImportsService, ReferralImportsRepository, ReferralImportQueue],
  exports: [ReferralImportsService],
})
export class ReferralImportsModule {}
