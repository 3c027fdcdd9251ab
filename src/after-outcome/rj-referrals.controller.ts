import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, versionFromIfMatch, SendsBodyWithEtag, SendsEtag, type Versioned } from '../app/etag.js';
import { OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
import { JOURNEY_WORKERS } from '../access/roles.js';
import { MakeRjReferralRequest, RecordRjOutcomeRequest, RjReferralResponse, RjReferralsResponse } from './dto/rj-referral.dto.js';
import { RjReferralsService } from './rj-referrals.service.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('restorative justice')
@ApiBearerAuth()
@Controller('journeys/:id/rj-referrals')
export class RjReferralsController {
  constructor(private readonly referrals: RjReferralsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Refer a victim interested in restorative justice to the hub, with their consent' })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: OPTIONAL_IF_MATCH, conflicts: ['JOURNEY_CLOSED'] })
  @ApiCreatedResponse({ type: RjReferralResponse, description: 'With the referral’s ETag' })
  @ApiUnprocessableEntityResponse({ description: 'CONSENT_REQUIRED, RJ_NOT_OFFERED, RJ_NOT_INTERESTED, RJ_REFERRAL_PENDING' })
  @SendsBodyWithEtag()
  refer(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: MakeRjReferralRequest,
  ): Promise<Versioned<RjReferralResponse>> {
    return this.referrals.make(actor, id, optionalVersion(ifMatch), body);
  }

  @Patch(':referralId')
  @ApiOperation({ summary: 'Record what came of a restorative justice referral', description: 'Accepted after support closed: the hub’s work may end later.' })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: ROW_IF_MATCH('referral'), conflicts: [] })
  @ApiOkResponse({ type: RjReferralResponse, description: 'With the referral’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'RJ_OUTCOME_RECORDED' })
  @SendsEtag()
  recordOutcome(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('referralId', uuidParam('referralId')) referralId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordRjOutcomeRequest,
  ): Promise<RjReferralResponse> {
    return this.referrals.recordOutcome(actor, id, referralId, versionFromIfMatch(ifMatch), body);
  }

  @Get()
  @AuditedRead(...JOURNEY_WORKERS)
  @ApiOperation({ summary: 'The victim’s referrals to the restorative justice hub, newest first' })
  @ApiOkResponse({ type: RjReferralsResponse })
  referralsOf(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<RjReferralsResponse> {
    return this.referrals.list(actor, id);
  }
}
