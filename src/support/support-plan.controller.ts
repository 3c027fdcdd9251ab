import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { optionalVersion, setEtag, versionFromIfMatch } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES, JOURNEY_WORKERS } from '../access/roles.js';
import { AddSupportActionRequest, SupportActionResponse, SupportActionsResponse, UpdateSupportActionRequest } from './dto/support-action.dto.js';
import { SupportPlanService } from './support-plan.service.js';
import { ACCESS_REASON_HEADER, OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id/actions')
export class SupportPlanController {
  constructor(private readonly plan: SupportPlanService) {}

  @Post()
  @HttpCode(201)
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({ summary: 'Add an action to the victim’s support plan' })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: SupportActionResponse, description: 'With the action’s ETag' })
  @ApiConflictResponse({ description: 'JOURNEY_CLOSED, or CONFLICT on a stale If-Match' })
  async addAction(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: AddSupportActionRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SupportActionResponse> {
    const answer = await this.plan.add(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.body.version);
    return answer.body;
  }

  @Patch(':actionId')
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({ summary: 'Change an action of the support plan, or mark it done or cancelled' })
  @ApiHeader(ROW_IF_MATCH('action'))
  @ApiOkResponse({ type: SupportActionResponse, description: 'With the action’s new ETag' })
  @ApiConflictResponse({ description: 'SUPPORT_ACTION_FINISHED, JOURNEY_CLOSED, or CONFLICT on a stale If-Match' })
  async updateAction(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('actionId', uuidParam('actionId')) actionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateSupportActionRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SupportActionResponse> {
    const action = await this.plan.update(actor, id, actionId, versionFromIfMatch(ifMatch), body);
    setEtag(reply, action.version);
    return action;
  }

  @Get()

  @ApiHeader(ACCESS_REASON_HEADER)
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'The support plan: open actions first, by due date' })
  @ApiOkResponse({ type: SupportActionsResponse })
  actions(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<SupportActionsResponse> {
    return this.plan.list(actor, id);
  }
}
