import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, versionFromIfMatch, SendsEtag } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
import { CASE_ROLES, JOURNEY_WORKERS } from '../access/roles.js';
import { AddSupportActionRequest, SupportActionResponse, SupportActionsResponse, UpdateSupportActionRequest } from './dto/support-action.dto.js';
import { SupportPlanService } from './support-plan.service.js';
import { OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id/actions')
export class SupportPlanController {
  constructor(private readonly plan: SupportPlanService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add an action to the victim’s support plan' })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: OPTIONAL_IF_MATCH, conflicts: ['JOURNEY_CLOSED'] })
  @ApiCreatedResponse({ type: SupportActionResponse, description: 'With the action’s ETag' })
  @SendsEtag()
  async addAction(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: AddSupportActionRequest,
  ): Promise<SupportActionResponse> {
    const answer = await this.plan.add(actor, id, optionalVersion(ifMatch), body);
    return answer.body;
  }

  @Patch(':actionId')
  @ApiOperation({ summary: 'Change an action of the support plan, or mark it done or cancelled' })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: ROW_IF_MATCH('action'), conflicts: ['SUPPORT_ACTION_FINISHED', 'JOURNEY_CLOSED'] })
  @ApiOkResponse({ type: SupportActionResponse, description: 'With the action’s new ETag' })
  @SendsEtag()
  updateAction(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('actionId', uuidParam('actionId')) actionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateSupportActionRequest,
  ): Promise<SupportActionResponse> {
    return this.plan.update(actor, id, actionId, versionFromIfMatch(ifMatch), body);
  }

  @Get()

  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The support plan: open actions first, by due date' })
  @ApiOkResponse({ type: SupportActionsResponse })
  actions(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<SupportActionsResponse> {
    return this.plan.list(actor, id);
  }
}
