import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../access/actor.js';
import { CurrentActor, Roles } from '../../access/access.decorators.js';
import { VersionedWrite } from '../../access/route.decorators.js';
import { ADMINS, REPORT_READERS } from '../../access/roles.js';
import { optionalVersion, SendsEtag, versionFromIfMatch } from '../../app/etag.js';
import { uuidParam } from '../../app/validation.js';
import { ReportTargetResponse, ReportTargetsQuery, ReportTargetsResponse, SetReportTargetRequest } from './report-targets.dto.js';
import { ReportTargetsService } from './report-targets.service.js';

const TARGET_IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The target’s ETag, as read: required to replace an existing target (428 without, 409 when stale); leave it out to set a new one',
};

/** Targets of % on time per rule and area, shown beside the compliance figures and in the trends. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/targets')
export class ReportTargetsController {
  constructor(private readonly targets: ReportTargetsService) {}

  @Get()
  @Roles(...REPORT_READERS, ...ADMINS)
  @ApiOperation({ summary: 'Targets of % on time per rule, for your areas (admins: every area)' })
  @ApiOkResponse({ type: ReportTargetsResponse })
  @ApiNotFoundResponse({ description: 'An area that is not yours' })
  async list(@CurrentActor() actor: Actor, @Query() query: ReportTargetsQuery): Promise<ReportTargetsResponse> {
    return { items: await this.targets.list(actor, query.areaId) };
  }

  @Put(':areaId/:ruleId')
  @ApiOperation({ summary: 'Set a rule’s target % on time for an area', description: 'Audited with the old and new figure. Answers the target with its ETag.' })
  @VersionedWrite({ roles: ADMINS, ifMatch: TARGET_IF_MATCH, conflicts: [] })
  @ApiOkResponse({ type: ReportTargetResponse })
  @ApiNotFoundResponse({ description: 'No such area' })
  @SendsEtag()
  set(
    @CurrentActor() actor: Actor,
    @Param('areaId', uuidParam('areaId')) areaId: string,
    @Param('ruleId') ruleId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: SetReportTargetRequest,
  ): Promise<ReportTargetResponse> {
    return this.targets.set(actor, areaId, ruleId, optionalVersion(ifMatch), body.targetPercent);
  }

  @Delete(':areaId/:ruleId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a rule’s target for an area' })
  @VersionedWrite({ roles: ADMINS, ifMatch: { ...TARGET_IF_MATCH, required: true, description: 'The target’s ETag, as read' }, conflicts: [] })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'No such area or target' })
  async remove(
    @CurrentActor() actor: Actor,
    @Param('areaId', uuidParam('areaId')) areaId: string,
    @Param('ruleId') ruleId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.targets.remove(actor, areaId, ruleId, versionFromIfMatch(ifMatch));
  }
}
