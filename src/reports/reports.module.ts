import { Module } from '@nestjs/common';
import { DataQualityController } from './data-quality.controller.js';
import { DataQualityReportService } from './data-quality.report.js';
import { PersonPseudonyms } from './person-pseudonyms.js';
import { ReportWorkingDays } from './report-working-days.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';
import { ReportRollups } from './rollups/report-rollups.service.js';

/**
 * Commissioners' reports (issue 8). ReportRollups is here too, without its schedule (that
 * is the worker's), so a deployment or a test can refresh the rollups on demand.
 */
@Module({
  controllers: [ReportsController, DataQualityController],
  providers: [ReportsService, ReportsRepository, ReportWorkingDays, PersonPseudonyms, ReportRollups, DataQualityReportService],
  exports: [ReportRollups],
})
export class ReportsModule {}
