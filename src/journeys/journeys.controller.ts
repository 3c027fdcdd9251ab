import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { versionFromIfMatch, SendsBodyWithEtag, SendsEtag, type Versioned } from '../app/etag.js';
import { PageQuery } from '../app/pagination.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES, ENHANCED_RIGHTS_RECORDERS, JOURNEY_WORKERS, SUPERVISORS } from '../access/roles.js';
import { DutiesResponse, DutyView, JourneyResponse, TimelineResponse } from './dto/journey.dto.js';
import { DutyWithdrawalsService } from './duty-withdrawals.service.js';
import {
  AssignLeadRequest,
  ContactPreferencesRequest,
  JourneySearchQuery,
  JourneySearchResponse,
  RecordEnhancedRightsRequest,
  RecordSharingConsentRequest,
  SharingConsentsResponse,
  SharingConsentView,
  WithdrawDutyRequest,
  WithdrawSharingConsentRequest,
} from './dto/journey-management.dto.js';
import { JourneyManagementService } from './journey-management.service.js';
import { JourneysService } from './journeys.service.js';
import { SharingConsentsService } from './sharing-consents.service.js';
import { ACCESS_REASON_HEADER, REQUIRED_IF_MATCH } from '../app/openapi-headers.js';
import { VersionedWrite } from '../access/route.decorators.js';

@ApiTags('journeys')
@ApiBearerAuth()
@Controller('journeys')
@Roles(...CASE_ROLES)
export class JourneysController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly management: JourneyManagementService,
    private readonly sharingConsents: SharingConsentsService,
    private readonly withdrawals: DutyWithdrawalsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Find journeys by reference, crime reference or name, in your areas',
    description:
      'Give at least one of reference (exact), crimeReference (exact, any case) or name (family name prefix, or "given family" prefixes). ' +
      'A search by name needs X-Access-Reason and is audited as a search.',
  })
  @ApiHeader({ ...ACCESS_REASON_HEADER, description: 'Required to search by name. ' + ACCESS_REASON_HEADER.description })
  @ApiOkResponse({ type: JourneySearchResponse })
  search(@CurrentActor() actor: Actor, @Query() query: JourneySearchQuery): Promise<JourneySearchResponse> {
    return this.journeys.search(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A journey: the person, the crime, the stage, the lead worker, enhanced rights, closure' })
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOkResponse({ type: JourneyResponse, description: 'With an ETag to send as If-Match on changes' })
  @SendsEtag()
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<JourneyResponse> {
    return this.journeys.get(actor, id);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'The journey’s events, newest first' })
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOkResponse({ type: TimelineResponse })
  timeline(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() page: PageQuery): Promise<TimelineResponse> {
    return this.journeys.timeline(actor, id, page);
  }

  @Get(':id/duties')
  @ApiOperation({ summary: 'The journey’s Victims’ Code duties: rule, right, owner, due, status, met, working days late' })
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOkResponse({ type: DutiesResponse })
  duties(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<DutiesResponse> {
    return this.journeys.duties(actor, id);
  }

  @Put(':id/lead')
  @ApiOperation({
    summary: 'Assign the lead worker and organisation, or hand the journey over',
    description:
      'With no lead yet this is an assignment. Changing an existing lead worker or organisation is a handover and needs a reason ' +
      'from the fixed list and a note: a victim is not passed from one agency to another without good cause.',
  })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: REQUIRED_IF_MATCH })
  @ApiOkResponse({ type: JourneyResponse, description: 'The journey, with its new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT (stale If-Match) or JOURNEY_CLOSED' })
  @SendsEtag()
  assignLead(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: AssignLeadRequest,
  ): Promise<JourneyResponse> {
    return this.management.assignLead(actor, id, versionFromIfMatch(ifMatch), body);
  }

  @Put(':id/enhanced-rights')
  @ApiOperation({
    summary: 'Record, confirm or remove the bases of the victim’s enhanced rights',
    description:
      'The service derives bases from the facts it holds (offence category; date of birth against the offence date; ' +
      'vulnerability flags) at referral and whenever those facts change. Here a caseworker, supervisor or a police ' +
      'partner system adds a basis the facts do not show, confirms a derived one (giving the same category and reason), ' +
      'or removes one with a reason (audited). Duties opened from decidedAt get the enhanced (shorter) deadlines; duties ' +
      'opened before keep theirs.',
  })
  @VersionedWrite({ roles: ENHANCED_RIGHTS_RECORDERS, ifMatch: REQUIRED_IF_MATCH })
  @ApiOkResponse({ type: JourneyResponse, description: 'The journey, with its new ETag' })
  @SendsEtag()
  recordEnhancedRights(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordEnhancedRightsRequest,
  ): Promise<JourneyResponse> {
    return this.management.recordEnhancedRights(actor, id, versionFromIfMatch(ifMatch), body);
  }

  @Post(':id/duties/:dutyId/withdrawal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw a duty recorded in error, duplicated, or not applicable (supervisors)',
    description:
      'Records duty.withdrawn on the timeline with the reason; the note stays on the duty. recorded_in_error and duplicate ' +
      'say the duty was never owed: it may be withdrawn even past due, and compliance reports leave it out altogether. ' +
      'not_applicable may not withdraw a duty already past due (422 DUTY_PAST_DUE). Audited.',
  })
  @VersionedWrite({ roles: SUPERVISORS, ifMatch: REQUIRED_IF_MATCH })
  @ApiOkResponse({ type: DutyView, description: 'The duty as withdrawn; the journey’s new ETag' })
  @ApiConflictResponse({ description: 'DUTY_NOT_OWED (already met or withdrawn), or CONFLICT (stale If-Match)' })
  @SendsBodyWithEtag()
  async withdrawDuty(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('dutyId', uuidParam('dutyId')) dutyId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: WithdrawDutyRequest,
  ): Promise<Versioned<DutyView>> {
    const { duty, journeyVersion } = await this.withdrawals.withdraw(actor, id, dutyId, versionFromIfMatch(ifMatch), body);
    return { body: duty, version: journeyVersion };
  }

  @Put(':id/contact-preferences')
  @ApiOperation({
    summary: 'Set what the victim does not want to be told, and who to tell them through',
    description: 'Opting out withdraws the open duties to inform of those kinds; opting back in lets new ones open.',
  })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: REQUIRED_IF_MATCH })
  @ApiOkResponse({ type: JourneyResponse, description: 'The journey, with its new ETag' })
  @SendsEtag()
  setContactPreferences(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ContactPreferencesRequest,
  ): Promise<JourneyResponse> {
    return this.management.setContactPreferences(actor, id, versionFromIfMatch(ifMatch), body);
  }

  @Get(':id/sharing-consents')
  @ApiOperation({ summary: 'The victim’s consents to share their details with other agencies, withdrawn ones included' })
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOkResponse({ type: SharingConsentsResponse })
  listSharingConsents(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<SharingConsentsResponse> {
    return this.sharingConsents.list(actor, id);
  }

  @Post(':id/sharing-consents')
  @HttpCode(201)
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({ summary: 'Record the victim’s answer to sharing their details with an agency for a purpose' })
  @ApiCreatedResponse({ type: SharingConsentView })
  recordSharingConsent(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RecordSharingConsentRequest,
  ): Promise<SharingConsentView> {
    return this.sharingConsents.record(actor, id, body);
  }

  @Post(':id/sharing-consents/:consentId/withdrawal')
  @HttpCode(200)
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({ summary: 'Record that the victim withdrew a consent to share' })
  @ApiOkResponse({ type: SharingConsentView })
  @ApiConflictResponse({ description: 'SHARING_CONSENT_WITHDRAWN' })
  withdrawSharingConsent(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('consentId', uuidParam('consentId')) consentId: string,
    @Body() body: WithdrawSharingConsentRequest,
  ): Promise<SharingConsentView> {
    return this.sharingConsents.withdraw(actor, id, consentId, body);
  }
}
