import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { optionalVersion, setEtag, versionFromIfMatch } from '../app/etag.js';
import { ACCESS_REASON_HEADER, OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { JOURNEY_WORKERS } from '../access/roles.js';
import { MakeRjReferralRequest, RecordRjOutcomeRequest, RjReferralResponse, RjReferralsResponse } from './dto/rj-referral.dto.js';
import { RjReferralsService } from './rj-referrals.service.js';

@ApiTags('restorative justice')
@ApiBearerAuth()
@Controller('journeys/:id/rj-referrals')
export class RjReferralsController {
  constructor(private readonly referrals: RjReferralsService) {}

  @Post()
  @HttpCode(201)
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({ summary: 'Refer a victim interested in restorative justice to the hub, with their consent' })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: RjReferralResponse, description: 'With the referral’s ETag' })
  @ApiConflictResponse({ description: 'JOURNEY_CLOSED, or CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'CONSENT_REQUIRED, RJ_NOT_OFFERED, RJ_NOT_INTERESTED, RJ_REFERRAL_PENDING' })
  async refer(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: MakeRjReferralRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RjReferralResponse> {
    const answer = await this.referrals.make(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Patch(':referralId')
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({ summary: 'Record what came of a restorative justice referral', description: 'Accepted after support closed: the hub’s work may end later.' })
  @ApiHeader(ROW_IF_MATCH('referral'))
  @ApiOkResponse({ type: RjReferralResponse, description: 'With the referral’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'RJ_OUTCOME_RECORDED' })
  async recordOutcome(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('referralId', uuidParam('referralId')) referralId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordRjOutcomeRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RjReferralResponse> {
    const referral = await this.referrals.recordOutcome(actor, id, referralId, versionFromIfMatch(ifMatch), body);
    setEtag(reply, referral.version);
    return referral;
  }

  @Get()
  @Roles(...JOURNEY_WORKERS)
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOperation({ summary: 'The victim’s referrals to the restorative justice hub, newest first' })
  @ApiOkResponse({ type: RjReferralsResponse })
  referralsOf(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<RjReferralsResponse> {
    return this.referrals.list(actor, id);
  }
}
