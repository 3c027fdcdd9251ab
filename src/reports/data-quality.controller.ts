import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { REPORT_READERS } from '../access/roles.js';
import { dataQualityCsv, DataQualityReportService } from './data-quality.report.js';
import { DataQualityQuery, DataQualityReport } from './dto/data-quality.dto.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
@Roles(...REPORT_READERS)
export class DataQualityController {
  constructor(private readonly dataQuality: DataQualityReportService) {}

  @Get('data-quality')
  @ApiOperation({
    summary: 'Data quality: how long after receipt news was keyed, by the organisation that keyed it',
    description:
      'Referrals, hearings, court results, appeals, reviews, complaints and claims whose Code clock runs from receipt, received in the ' +
      'period: keyed the same day, the next working day, or 2 or more working days late (each of those made a duty look late, or ' +
      'late for longer, than it was), with the median, 90th percentile and longest delay in London working days. A record about a ' +
      'crime counts once however many victims it was told to. Counts of records, not people; audited. Definitions: docs/reports.md.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DataQualityReport })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming each bad field' })
  @ApiNotFoundResponse({ description: 'An area that is not yours' })
  async report(
    @CurrentActor() actor: Actor,
    @Query() query: DataQualityQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DataQualityReport | string> {
    const format = query.format ?? (accept?.toLowerCase().includes('text/csv') ? 'csv' : 'json');
    const report = await this.dataQuality.report(actor, query, format);
    if (format === 'json') return report;
    void reply.header('content-type', 'text/csv; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="data-quality-${query.from}-${query.to}.csv"`);
    return dataQualityCsv(report);
  }
}
