import { Module } from '@nestjs/common';
import { ReportWorkingDays } from '../report-working-days.js';
import { ReportRollupsProcessor } from './report-rollups.processor.js';
import { ReportRollups } from './report-rollups.service.js';

/** Worker side of the reports: the rollups' refresh. */
@Module({
  providers: [ReportRollups, ReportWorkingDays, ReportRollupsProcessor],
})
export class ReportRollupsWorkerModule {}
