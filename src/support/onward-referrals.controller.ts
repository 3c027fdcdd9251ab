import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, versionFromIfMatch, SendsEtag } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
import { CASE_ROLES, JOURNEY_WORKERS } from '../access/roles.js';
import { MakeOnwardReferralRequest, OnwardReferralResponse, OnwardReferralsResponse, RecordOnwardOutcomeRequest } from './dto/onward-referral.dto.js';
import { OnwardReferralsService } from './onward-referrals.service.js';
import { OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id/onward-referrals')
export class OnwardReferralsController {
  constructor(private readonly referrals: OnwardReferralsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Refer the victim on to a specialist service, with their consent' })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: OPTIONAL_IF_MATCH, conflicts: ['JOURNEY_CLOSED'] })
  @ApiCreatedResponse({ type: OnwardReferralResponse, description: 'With the referral’s ETag' })
  @ApiUnprocessableEntityResponse({ description: 'CONSENT_REQUIRED' })
  @SendsEtag()
  async refer(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: MakeOnwardReferralRequest,
  ): Promise<OnwardReferralResponse> {
    const answer = await this.referrals.make(actor, id, optionalVersion(ifMatch), body);
    return answer.body;
  }

  @Patch(':referralId')
  @ApiOperation({ summary: 'Record what came of an onward referral' })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: ROW_IF_MATCH('referral'), conflicts: ['JOURNEY_CLOSED'] })
  @ApiOkResponse({ type: OnwardReferralResponse, description: 'With the referral’s new ETag' })
  @SendsEtag()
  recordOutcome(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('referralId', uuidParam('referralId')) referralId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordOnwardOutcomeRequest,
  ): Promise<OnwardReferralResponse> {
    return this.referrals.recordOutcome(actor, id, referralId, versionFromIfMatch(ifMatch), body);
  }

  @Get()

  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The victim’s onward referrals, newest first' })
  @ApiOkResponse({ type: OnwardReferralsResponse })
  onwardReferrals(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<OnwardReferralsResponse> {
    return this.referrals.list(actor, id);
  }
}
