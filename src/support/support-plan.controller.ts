import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { setEtag, versionFromIfMatch } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../identity/access.decorators.js';
import { MakeOnwardReferralRequest, OnwardReferralResponse, OnwardReferralsResponse, RecordOnwardOutcomeRequest } from './dto/onward-referral.dto.js';
import { AddSupportActionRequest, SupportActionResponse, SupportActionsResponse, UpdateSupportActionRequest } from './dto/support-action.dto.js';
import { OPTIONAL_IF_MATCH, optionalVersion } from './if-match.js';
import { OnwardReferralsService } from './onward-referrals.service.js';
import { SupportPlanService } from './support-plan.service.js';

const ROW_IF_MATCH = (what: string) => ({ name: 'If-Match', required: true, description: `The ${what}’s ETag (its version), as read` });

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id')
export class SupportPlanController {
  constructor(
    private readonly plan: SupportPlanService,
    private readonly onward: OnwardReferralsService,
  ) {}

  @Post('actions')
  @HttpCode(201)
  @Roles('caseworker', 'supervisor')
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

  @Patch('actions/:actionId')
  @Roles('caseworker', 'supervisor')
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

  @Get('actions')
  @Roles('caseworker', 'supervisor', 'witness_care_officer')
  @ApiOperation({ summary: 'The support plan: open actions first, by due date' })
  @ApiOkResponse({ type: SupportActionsResponse })
  actions(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<SupportActionsResponse> {
    return this.plan.list(actor, id);
  }

  @Post('onward-referrals')
  @HttpCode(201)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Refer the victim on to a specialist service, with their consent' })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: OnwardReferralResponse, description: 'With the referral’s ETag' })
  @ApiConflictResponse({ description: 'JOURNEY_CLOSED, or CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'CONSENT_REQUIRED' })
  async refer(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: MakeOnwardReferralRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OnwardReferralResponse> {
    const answer = await this.onward.make(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.body.version);
    return answer.body;
  }

  @Patch('onward-referrals/:referralId')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Record what came of an onward referral' })
  @ApiHeader(ROW_IF_MATCH('referral'))
  @ApiOkResponse({ type: OnwardReferralResponse, description: 'With the referral’s new ETag' })
  @ApiConflictResponse({ description: 'JOURNEY_CLOSED, or CONFLICT on a stale If-Match' })
  async recordOutcome(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('referralId', uuidParam('referralId')) referralId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordOnwardOutcomeRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OnwardReferralResponse> {
    const referral = await this.onward.recordOutcome(actor, id, referralId, versionFromIfMatch(ifMatch), body);
    setEtag(reply, referral.version);
    return referral;
  }

  @Get('onward-referrals')
  @Roles('caseworker', 'supervisor', 'witness_care_officer')
  @ApiOperation({ summary: 'The victim’s onward referrals, newest first' })
  @ApiOkResponse({ type: OnwardReferralsResponse })
  onwardReferrals(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<OnwardReferralsResponse> {
    return this.onward.list(actor, id);
  }
}
