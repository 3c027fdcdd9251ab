import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { optionalVersion, setEtag, versionFromIfMatch } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES, JOURNEY_WORKERS } from '../access/roles.js';
import { MakeOnwardReferralRequest, OnwardReferralResponse, OnwardReferralsResponse, RecordOnwardOutcomeRequest } from './dto/onward-referral.dto.js';
import { OnwardReferralsService } from './onward-referrals.service.js';
import { ACCESS_REASON_HEADER, OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id/onward-referrals')
export class OnwardReferralsController {
  constructor(private readonly referrals: OnwardReferralsService) {}

  @Post()
  @HttpCode(201)
  @Roles(...JOURNEY_WORKERS)
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
    const answer = await this.referrals.make(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.body.version);
    return answer.body;
  }

  @Patch(':referralId')
  @Roles(...JOURNEY_WORKERS)
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
    const referral = await this.referrals.recordOutcome(actor, id, referralId, versionFromIfMatch(ifMatch), body);
    setEtag(reply, referral.version);
    return referral;
  }

  @Get()

  @ApiHeader(ACCESS_REASON_HEADER)
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'The victim’s onward referrals, newest first' })
  @ApiOkResponse({ type: OnwardReferralsResponse })
  onwardReferrals(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<OnwardReferralsResponse> {
    return this.referrals.list(actor, id);
  }
}
