import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { BREACH_LIST_READERS, REPORT_READERS } from '../access/roles.js';
import { BreachListQuery, ComplianceReportQuery, PeriodReportQuery, QuarterlyReturnQuery, type ReportFormat } from './dto/report-query.dto.js';
import {
  BreachList,
  ComplianceReport,
  OutcomesReport,
  QuarterlyReturnReport,
  ReferralTimelinessReport,
  RightsOfferedReport,
  WitnessTrialReport,
} from './dto/report-responses.dto.js';
import { breachesCsv, complianceCsv, copeRecoverCsv, quarterlyReturnCsv, referralCsv, rightsOfferedCsv, witnessTrialCsv } from './report-csv.js';
import { ReportsService } from './reports.service.js';

const FILTERS =
  'Filters: areaId (one of yours; all of yours by default; another area is a 404), organisationId (lead organisation), ' +
  'offenceCategory, enhanced, role. Whole calendar months only (else 422 PERIOD_TOO_FINE). Every count is protected by the cell key ' +
  'method (counts of 1 to 4 shown as 0 and no count shown as 1 to 4, others moved by at most 2; totals protected independently, so rows may not add up; see `disclosure`). ' +
  'JSON by default; CSV with ?format=csv or Accept: text/csv. ' +
  'Every request is audited. Definitions: docs/reports.md.';

/** The format asked for: ?format=, else the Accept header. */
function formatOf(format: ReportFormat | undefined, accept: string | undefined): ReportFormat {
  if (format) return format;
  return accept?.toLowerCase().includes('text/csv') ? 'csv' : 'json';
}

function answer<T extends { report: string }>(reply: FastifyReply, format: ReportFormat, report: T, csv: (report: T) => string, fileName: string): T | string {
  if (format === 'json') return report;
  void reply.header('content-type', 'text/csv; charset=utf-8');
  void reply.header('content-disposition', `attachment; filename="${fileName}.csv"`);
  return csv(report);
}

/**
 * Commissioners' reports: aggregate figures without personal data, for the areas of the
 * caller. Commissioners reach these routes and no other personal-data route; supervisors
 * too, for their own areas, as they answer for their team's compliance.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
@Roles(...REPORT_READERS)
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('code-compliance')
  @ApiOperation({
    summary: "Victims' Code compliance: duties due in the period by rule, right and overall, and where they stand",
    description:
      'Met on time, met late, breached (still owed past the deadline), still open, withdrawn; % on time; median and 90th percentile working days late. ' +
      'Also by owing organisation: each duty’s area and owner kind resolved through the organisations directory, the duties it does not name in a row of their own; ' +
      `owingOrganisationId keeps the duties one organisation owes (one your areas’ directories name, else 400). ${FILTERS}`,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ComplianceReport })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming each bad filter' })
  @ApiNotFoundResponse({ description: 'An area that is not yours' })
  async codeCompliance(
    @CurrentActor() actor: Actor,
    @Query() query: ComplianceReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComplianceReport | string> {
    const format = formatOf(query.format, accept);
    return answer(reply, format, await this.reports.codeCompliance(actor, query, format), complianceCsv, `code-compliance-${query.from}-${query.to}`);
  }

  @Get('code-compliance/breaches')
  @Roles(...BREACH_LIST_READERS)
  @ApiOperation({
    summary: 'Supervisors: the breaches of the duties their organisation owes, by journey reference and pseudonymous person id only',
    description:
      'Duties due in the period that were met late or are still owed past the deadline, soonest due first, with rule, owner, due and met. ' +
      'Record-level: each journey listed is audited. Filters as for the report, and ruleId or right.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: BreachList })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming each bad filter' })
  @ApiNotFoundResponse({ description: 'An area that is not yours' })
  async breaches(
    @CurrentActor() actor: Actor,
    @Query() query: BreachListQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BreachList | string> {
    const format = formatOf(query.format, accept);
    return answer(reply, format, await this.reports.breaches(actor, query, format), breachesCsv, `code-compliance-breaches-${query.from}-${query.to}`);
  }

  @Get('referral-timeliness')
  @ApiOperation({
    summary: 'Referral timeliness: journeys referred in the period, the police referral, first contact and needs assessment against their deadlines',
    description: `Also how many were reached, unable to contact, or began support. ${FILTERS}`,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ReferralTimelinessReport })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming each bad filter' })
  @ApiNotFoundResponse({ description: 'An area that is not yours' })
  async referralTimeliness(
    @CurrentActor() actor: Actor,
    @Query() query: PeriodReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReferralTimelinessReport | string> {
    const format = formatOf(query.format, accept);
    return answer(reply, format, await this.reports.referralTimeliness(actor, query, format), referralCsv, `referral-timeliness-${query.from}-${query.to}`);
  }

  // The cope-and-recover report: its URL, operation id and schema names (OutcomesReport) are public, so they stay.
  @Get('outcomes')
  @ApiOperation({
    summary: 'Outcomes of the journeys closed in the period: cope and recover, missing end scores, satisfaction',
    description: `Better able to cope and recover as libs/cope-recover defines it, overall and per domain, with the mean change. ${FILTERS}`,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: OutcomesReport })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming each bad filter' })
  @ApiNotFoundResponse({ description: 'An area that is not yours' })
  async outcomes(
    @CurrentActor() actor: Actor,
    @Query() query: PeriodReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OutcomesReport | string> {
    const format = formatOf(query.format, accept);
    return answer(reply, format, await this.reports.copeRecover(actor, query, format), copeRecoverCsv, `outcomes-${query.from}-${query.to}`);
  }

  @Get('witness-and-trial')
  @ApiOperation({
    summary: 'Witness and trial: trials heard by effectiveness and reason, witness issues, witnesses told of hearings, attendance, special measures, pre-trial visits',
    description:
      'Trials belong to a crime: organisationId, enhanced and role count a trial when at least one journey of its crime matches them; offenceCategory is the crime’s. ' +
      `Attendance, special measures and pre-trial visits are counted by the witness’s journey. ${FILTERS}`,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: WitnessTrialReport })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming each bad filter' })
  @ApiNotFoundResponse({ description: 'An area that is not yours' })
  async witnessAndTrial(
    @CurrentActor() actor: Actor,
    @Query() query: PeriodReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WitnessTrialReport | string> {
    const format = formatOf(query.format, accept);
    return answer(reply, format, await this.reports.witnessAndTrial(actor, query, format), witnessTrialCsv, `witness-and-trial-${query.from}-${query.to}`);
  }

  @Get('rights-offered')
  @ApiOperation({
    summary: 'Rights offered: VPS and restorative justice offered to the journeys closed in the period, VCS referrals, RJ referrals and complaints',
    description:
      'Journeys closed in the period: offered and made a victim personal statement, offered restorative justice (the target is every victim), ' +
      'interested, referred, and what came of it; the offer duties due; Victim Contact Scheme referrals, RJ referrals and complaints of the period ' +
      `with their duties. ${FILTERS}`,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: RightsOfferedReport })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming each bad filter' })
  @ApiNotFoundResponse({ description: 'An area that is not yours' })
  async rightsOffered(
    @CurrentActor() actor: Actor,
    @Query() query: PeriodReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RightsOfferedReport | string> {
    const format = formatOf(query.format, accept);
    return answer(reply, format, await this.reports.rightsOffered(actor, query, format), rightsOfferedCsv, `rights-offered-${query.from}-${query.to}`);
  }

  @Get('quarterly-return')
  @ApiOperation({
    summary: 'The quarterly return to the Ministry of Justice: one row per area, one documented column layout',
    description: 'Columns: docs/reports.md (layout vjs-quarterly-return-2). Suppressed as every report. Filters: areaId, organisationId.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: QuarterlyReturnReport })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming each bad filter' })
  @ApiNotFoundResponse({ description: 'An area that is not yours' })
  async quarterlyReturn(
    @CurrentActor() actor: Actor,
    @Query() query: QuarterlyReturnQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuarterlyReturnReport | string> {
    const format = formatOf(query.format, accept);
    return answer(reply, format, await this.reports.quarterlyReturn(actor, query, format), quarterlyReturnCsv, `quarterly-return-${query.financialYear}-Q${query.quarter}`);
  }
}
