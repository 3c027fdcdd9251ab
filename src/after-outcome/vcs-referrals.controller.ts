import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, versionFromIfMatch, SendsBodyWithEtag, SendsEtag, type Versioned } from '../app/etag.js';
import { OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
import { CASE_ROLES } from '../access/roles.js';
import { MakeVcsReferralRequest, RecordVcsContactRequest, VcsReferralResponse, VcsReferralsResponse } from './dto/vcs-referral.dto.js';
import { VcsReferralsService } from './vcs-referrals.service.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('victim contact scheme')
@ApiBearerAuth()
@Controller('journeys/:id/vcs-referrals')
export class VcsReferralsController {
  constructor(private readonly referrals: VcsReferralsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Refer the victim to probation’s Victim Contact Scheme after a sentence',
    description:
      'For an eligible sentence (Code right 11) this meets the witness care unit’s referral duty (10 working days from sentence) and opens ' +
      'probation’s first contact duty (20 working days). A discretionary referral owes no duty.',
  })
  @VersionedWrite({ roles: CASE_ROLES, ifMatch: OPTIONAL_IF_MATCH, conflicts: [] })
  @ApiCreatedResponse({ type: VcsReferralResponse, description: 'With the referral’s ETag' })
  @ApiUnprocessableEntityResponse({ description: 'SENTENCE_NOT_RECORDED, VCS_NOT_ELIGIBLE, VCS_OPTED_OUT, VCS_ALREADY_REFERRED' })
  @SendsBodyWithEtag()
  refer(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: MakeVcsReferralRequest,
  ): Promise<Versioned<VcsReferralResponse>> {
    return this.referrals.refer(actor, id, optionalVersion(ifMatch), body);
  }

  @Patch(':referralId/contact')
  @ApiOperation({ summary: 'Record probation’s first contact with the victim under the scheme', description: 'Meets probation’s contact duty for an eligible referral.' })
  @VersionedWrite({ roles: CASE_ROLES, ifMatch: ROW_IF_MATCH('referral'), conflicts: [] })
  @ApiOkResponse({ type: VcsReferralResponse, description: 'With the referral’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'VCS_ALREADY_CONTACTED' })
  @SendsEtag()
  recordContact(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('referralId', uuidParam('referralId')) referralId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordVcsContactRequest,
  ): Promise<VcsReferralResponse> {
    return this.referrals.recordContact(actor, id, referralId, versionFromIfMatch(ifMatch), body);
  }

  @Get()
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The victim’s Victim Contact Scheme referrals, and each sentence with whether it makes them eligible' })
  @ApiOkResponse({ type: VcsReferralsResponse })
  referralsOf(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<VcsReferralsResponse> {
    return this.referrals.list(actor, id);
  }
}
