import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
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
import { CASE_ROLES, CASE_ROLES_AND_PARTNERS } from '../access/roles.js';
import { AcknowledgePoliceVrrRequest, DecidePoliceVrrRequest, PoliceVrrRequestResponse, PoliceVrrRequestsResponse, RequestPoliceVrrRequest } from './dto/vrr.dto.js';
import { PoliceVrrService } from './police-vrr.service.js';

@ApiTags('investigation')
@ApiBearerAuth()
@Controller('journeys/:id/police-vrr-requests')
export class PoliceVrrController {
  constructor(private readonly vrr: PoliceVrrService) {}

  @Post()
  @HttpCode(201)
  @Roles(...CASE_ROLES_AND_PARTNERS)
  @ApiOperation({
    summary: 'Record the victim’s request for a police Victims’ Right to Review of a decision not to charge',
    description:
      'Opens the police’s duties to acknowledge it (10 working days) and to decide (30). A request made more than 3 months ' +
      'after the victim was told of the decision is recorded with `late: true`: the scheme considers it only exceptionally.',
  })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: PoliceVrrRequestResponse, description: 'With the request’s ETag' })
  @ApiConflictResponse({ description: 'VRR_ALREADY_REQUESTED, or CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'DECISION_NOT_ON_CRIME or DECISION_NOT_REVIEWABLE' })
  async request(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RequestPoliceVrrRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PoliceVrrRequestResponse> {
    const answer = await this.vrr.request(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.body.version);
    return answer.body;
  }

  @Post(':requestId/acknowledgement')
  @HttpCode(200)
  @Roles(...CASE_ROLES_AND_PARTNERS)
  @ApiOperation({ summary: 'Record that the police acknowledged the review request' })
  @ApiHeader(ROW_IF_MATCH('review request'))
  @ApiOkResponse({ type: PoliceVrrRequestResponse, description: 'With the request’s new ETag' })
  @ApiConflictResponse({ description: 'VRR_ALREADY_ACKNOWLEDGED, VRR_ALREADY_DECIDED, or CONFLICT on a stale If-Match' })
  @ApiNotFoundResponse({ description: 'No such journey in your areas, or no such request on it' })
  async acknowledge(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: AcknowledgePoliceVrrRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PoliceVrrRequestResponse> {
    const request = await this.vrr.acknowledge(actor, id, requestId, versionFromIfMatch(ifMatch), body);
    setEtag(reply, request.version);
    return request;
  }

  @Post(':requestId/decision')
  @HttpCode(200)
  @Roles(...CASE_ROLES_AND_PARTNERS)
  @ApiOperation({ summary: 'Record the outcome of the police review', description: 'Meets the duty to decide, and the duty to acknowledge if still open.' })
  @ApiHeader(ROW_IF_MATCH('review request'))
  @ApiOkResponse({ type: PoliceVrrRequestResponse, description: 'With the request’s new ETag' })
  @ApiConflictResponse({ description: 'VRR_ALREADY_DECIDED, or CONFLICT on a stale If-Match' })
  @ApiNotFoundResponse({ description: 'No such journey in your areas, or no such request on it' })
  async decide(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: DecidePoliceVrrRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PoliceVrrRequestResponse> {
    const request = await this.vrr.decide(actor, id, requestId, versionFromIfMatch(ifMatch), body);
    setEtag(reply, request.version);
    return request;
  }

  @Get()
  @ApiHeader(ACCESS_REASON_HEADER)
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'The victim’s police review requests, with the police’s duties to answer them' })
  @ApiOkResponse({ type: PoliceVrrRequestsResponse })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<PoliceVrrRequestsResponse> {
    return this.vrr.list(actor, id);
  }
}
