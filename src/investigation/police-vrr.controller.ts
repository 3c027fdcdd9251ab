import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, versionFromIfMatch, SendsEtag } from '../app/etag.js';
import { OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
import { CASE_ROLES, CASE_ROLES_AND_PARTNERS } from '../access/roles.js';
import { AcknowledgePoliceVrrRequest, DecidePoliceVrrRequest, PoliceVrrRequestResponse, PoliceVrrRequestsResponse, RequestPoliceVrrRequest } from './dto/vrr.dto.js';
import { PoliceVrrService } from './police-vrr.service.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('investigation')
@ApiBearerAuth()
@Controller('journeys/:id/police-vrr-requests')
export class PoliceVrrController {
  constructor(private readonly vrr: PoliceVrrService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record the victim’s request for a police Victims’ Right to Review of a decision not to charge',
    description:
      'Opens the police’s duties to acknowledge it (10 working days) and to decide (30). A request made more than 3 months ' +
      'after the victim was told of the decision is recorded with `late: true`: the scheme considers it only exceptionally.',
  })
  @VersionedWrite({ roles: CASE_ROLES_AND_PARTNERS, ifMatch: OPTIONAL_IF_MATCH, conflicts: ['VRR_ALREADY_REQUESTED'] })
  @ApiCreatedResponse({ type: PoliceVrrRequestResponse, description: 'With the request’s ETag' })
  @ApiUnprocessableEntityResponse({ description: 'DECISION_NOT_ON_CRIME or DECISION_NOT_REVIEWABLE' })
  @SendsEtag()
  async request(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RequestPoliceVrrRequest,
  ): Promise<PoliceVrrRequestResponse> {
    const answer = await this.vrr.request(actor, id, optionalVersion(ifMatch), body);
    return answer.body;
  }

  @Post(':requestId/acknowledgement')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the police acknowledged the review request' })
  @VersionedWrite({ roles: CASE_ROLES_AND_PARTNERS, ifMatch: ROW_IF_MATCH('review request'), conflicts: ['VRR_ALREADY_ACKNOWLEDGED', 'VRR_ALREADY_DECIDED'] })
  @ApiOkResponse({ type: PoliceVrrRequestResponse, description: 'With the request’s new ETag' })
  @ApiNotFoundResponse({ description: 'No such journey in your areas, or no such request on it' })
  @SendsEtag()
  acknowledge(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: AcknowledgePoliceVrrRequest,
  ): Promise<PoliceVrrRequestResponse> {
    return this.vrr.acknowledge(actor, id, requestId, versionFromIfMatch(ifMatch), body);
  }

  @Post(':requestId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the outcome of the police review', description: 'Meets the duty to decide, and the duty to acknowledge if still open.' })
  @VersionedWrite({ roles: CASE_ROLES_AND_PARTNERS, ifMatch: ROW_IF_MATCH('review request'), conflicts: ['VRR_ALREADY_DECIDED'] })
  @ApiOkResponse({ type: PoliceVrrRequestResponse, description: 'With the request’s new ETag' })
  @ApiNotFoundResponse({ description: 'No such journey in your areas, or no such request on it' })
  @SendsEtag()
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: DecidePoliceVrrRequest,
  ): Promise<PoliceVrrRequestResponse> {
    return this.vrr.decide(actor, id, requestId, versionFromIfMatch(ifMatch), body);
  }

  @Get()
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The victim’s police review requests, with the police’s duties to answer them' })
  @ApiOkResponse({ type: PoliceVrrRequestsResponse })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<PoliceVrrRequestsResponse> {
    return this.vrr.list(actor, id);
  }
}
