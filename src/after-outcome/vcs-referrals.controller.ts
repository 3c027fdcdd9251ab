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
import { CASE_ROLES } from '../access/roles.js';
import { MakeVcsReferralRequest, RecordVcsContactRequest, VcsReferralResponse, VcsReferralsResponse } from './dto/vcs-referral.dto.js';
import { VcsReferralsService } from './vcs-referrals.service.js';

@ApiTags('victim contact scheme')
@ApiBearerAuth()
@Controller('journeys/:id/vcs-referrals')
export class VcsReferralsController {
  constructor(private readonly referrals: VcsReferralsService) {}

  @Post()
  @HttpCode(201)
  @Roles(...CASE_ROLES)
  @ApiOperation({
    summary: 'Refer the victim to probation’s Victim Contact Scheme after a sentence',
    description:
      'For an eligible sentence (Code right 11) this meets the witness care unit’s referral duty (10 working days from sentence) and opens ' +
      'probation’s first contact duty (20 working days). A discretionary referral owes no duty.',
  })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: VcsReferralResponse, description: 'With the referral’s ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'SENTENCE_NOT_RECORDED, VCS_NOT_ELIGIBLE, VCS_OPTED_OUT, VCS_ALREADY_REFERRED' })
  async refer(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: MakeVcsReferralRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VcsReferralResponse> {
    const answer = await this.referrals.refer(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Patch(':referralId/contact')
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'Record probation’s first contact with the victim under the scheme', description: 'Meets probation’s contact duty for an eligible referral.' })
  @ApiHeader(ROW_IF_MATCH('referral'))
  @ApiOkResponse({ type: VcsReferralResponse, description: 'With the referral’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'VCS_ALREADY_CONTACTED' })
  async recordContact(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('referralId', uuidParam('referralId')) referralId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordVcsContactRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VcsReferralResponse> {
    const referral = await this.referrals.recordContact(actor, id, referralId, versionFromIfMatch(ifMatch), body);
    setEtag(reply, referral.version);
    return referral;
  }

  @Get()
  @Roles(...CASE_ROLES)
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOperation({ summary: 'The victim’s Victim Contact Scheme referrals, and each sentence with whether it makes them eligible' })
  @ApiOkResponse({ type: VcsReferralsResponse })
  referralsOf(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<VcsReferralsResponse> {
    return this.referrals.list(actor, id);
  }
}
