import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../access/actor.js';
import { CurrentActor, Roles } from '../../access/access.decorators.js';
import { REPORT_READERS } from '../../access/roles.js';
import { TrendsQuery, TrendsReport } from './report-trends.dto.js';
import { ReportTrendsService } from './report-trends.service.js';
import { trendsCsv } from './trends-csv.js';

/** Trends of Code compliance: a period against the one before and last year, the rolling 12 months, targets, worst rules. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
@Roles(...REPORT_READERS)
export class ReportTrendsController {
  constructor(private readonly trends: ReportTrendsService) {}

  @Get('trends')
  @ApiOperation({
    summary: 'Compliance trends: change against the previous period and last year, the rolling 12 months, direction of travel, worst rules, targets',
    description:
      'Every figure is the code-compliance report’s, for the same filters (areaId, organisationId, owingOrganisationId, offenceCategory, enhanced, role), protected as it is; ' +
      'the worst rules of each owing organisation beside those of each kind of owner; ' +
      'a change or direction is given only between shown percentages. Direction: improving or worsening by at least 2 percentage points of on time % ' +
      'against the previous period, else steady. JSON by default; CSV with ?format=csv or Accept: text/csv. Audited as the compliance reads it makes. ' +
      'Definitions: docs/reports.md.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TrendsReport })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming each bad filter' })
  @ApiNotFoundResponse({ description: 'An area that is not yours' })
  async trendsOf(
    @CurrentActor() actor: Actor,
    @Query() query: TrendsQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TrendsReport | string> {
    const format = query.format ?? (accept?.toLowerCase().includes('text/csv') ? 'csv' : 'json');
    const report = await this.trends.trends(actor, query, format);
    if (format === 'json') return report;
    void reply.header('content-type', 'text/csv; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="trends-${query.from}-${query.to}.csv"`);
    return trendsCsv(report);
  }
}
