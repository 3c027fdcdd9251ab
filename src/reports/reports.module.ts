import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { DataQualityController } from './data-quality.controller.js';
import { DataQualityReportService } from './data-quality.report.js';
import { PersonPseudonyms } from './person-pseudonyms.js';
import { ReportWorkingDays } from './report-working-days.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';
import { ReportResults } from './report-results.js';
import { ReportResultsWarmer } from './report-results-warmer.js';
import { ReportRollups } from './rollups/report-rollups.service.js';
import { ReportTargetsController } from './targets/report-targets.controller.js';
import { ReportTargetsRepository } from './targets/report-targets.repository.js';
import { ReportTargetsService } from './targets/report-targets.service.js';
import { ReportTrendsController } from './trends/report-trends.controller.js';
import { ReportTrendsService } from './trends/report-trends.service.js';

/**
 * Commissioners' reports (issue 8). ReportRollups is here too, without its schedule (that
 * is the worker's), so a deployment or a test can refresh the rollups on demand.
 */
@Module({
  imports: [OrganisationsModule],
  controllers: [ReportsController, DataQualityController, ReportTrendsController, ReportTargetsController],
  providers: [
    ReportsService, ReportResults, ReportResultsWarmer, ReportsRepository, ReportWorkingDays, PersonPseudonyms, ReportRollups, DataQualityReportService,
    ReportTrendsService, ReportTargetsService, ReportTargetsRepository,
  ],
  exports: [ReportRollups, ReportsService, ReportTrendsService, ReportTargetsService],
})
export class ReportsModule {}
