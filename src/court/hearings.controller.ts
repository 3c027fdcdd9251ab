import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
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
import { versionFromIfMatch, SendsEtag } from '../app/etag.js';
import { ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES, CASE_ROLES_AND_PARTNERS, PROCEEDINGS_RECORDERS } from '../access/roles.js';
import { retryOf, sendAnswer } from './court-work.js';
import { AdjournHearingRequest, HearingResultRequest, ListHearingRequest, MoveHearingRequest, VacateHearingRequest } from './dto/court-requests.dto.js';
import { HearingResponse, HearingsResponse } from './dto/court-views.dto.js';
import { HearingsService } from './hearings.service.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

export const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Required for partner systems (court feeds): 8-255 printable characters; a retry with the same key and body gets the first answer',
};

const HEARING_IF_MATCH = ROW_IF_MATCH('hearing');

@ApiTags('court')
@ApiBearerAuth()
@Controller()
export class HearingsController {
  constructor(private readonly hearings: HearingsService) {}

  @Post('crimes/:crimeId/hearings')
  @HttpCode(201)
  @Roles(...PROCEEDINGS_RECORDERS)
  @ApiOperation({
    summary: 'List a hearing on a crime',
    description: 'Hearing version 1; `hearing.listed` on every journey of the crime opens the duty to tell each victim and witness within 1 working day (Code right 8).',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiCreatedResponse({ type: HearingResponse, description: 'With the hearing’s ETag, and every journey told' })
  @ApiUnprocessableEntityResponse({ description: 'COURT_NOT_IN_AREA, DEFENDANT_NOT_ON_CRIME or IDEMPOTENCY_KEY_REUSED' })
  @SendsEtag()
  async list(
    @CurrentActor() actor: Actor,
    @Param('crimeId', uuidParam('crimeId')) crimeId: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: ListHearingRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HearingResponse> {
    return sendAnswer(reply, await this.hearings.list(actor, crimeId, body, retryOf(actor, key, `POST /crimes/${crimeId}/hearings`, body)));
  }

  @Get('crimes/:crimeId/hearings')
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The crime’s hearings, each with whether every victim and witness was told of its current version' })
  @ApiOkResponse({ type: HearingsResponse })
  @ApiNotFoundResponse({ description: 'No such crime in your areas' })
  forCrime(@CurrentActor() actor: Actor, @Param('crimeId', uuidParam('crimeId')) crimeId: string): Promise<HearingsResponse> {
    return this.hearings.forCrime(actor, crimeId);
  }

  @Get('hearings/:id')
  @AuditedRead(...CASE_ROLES_AND_PARTNERS)
  @ApiOperation({ summary: 'A hearing: its versions, defendants (by reference) and pleas, and who was told of which version', description: 'No names; the ETag is the row version for If-Match.' })
  @ApiOkResponse({ type: HearingResponse })
  @ApiNotFoundResponse({ description: 'No such hearing in your areas' })
  @SendsEtag()
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<HearingResponse> {
    return this.hearings.get(actor, id);
  }

  @Post('hearings/:id/move')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The court moved the hearing (new time, or court)',
    description: 'A new hearing version: `hearing.moved` opens the duty to tell of it and supersedes the duty for the earlier version if not yet due. An adjourned hearing moved to a new date is listed again.',
  })
  @VersionedWrite({ roles: PROCEEDINGS_RECORDERS, ifMatch: HEARING_IF_MATCH, conflicts: ['HEARING_CLOSED'] })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiOkResponse({ type: HearingResponse })
  @ApiUnprocessableEntityResponse({ description: 'COURT_NOT_IN_AREA or HEARING_UNCHANGED' })
  @SendsEtag()
  async move(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: MoveHearingRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HearingResponse> {
    const version = versionFromIfMatch(ifMatch);
    return sendAnswer(reply, await this.hearings.move(actor, id, version, body, retryOf(actor, key, `POST /hearings/${id}/move`, body)));
  }

  @Post('hearings/:id/adjourn')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The court adjourned the hearing, with or without a new date',
    description: 'A new hearing version (`hearing.adjourned`). With relistedFor the hearing stays listed at the new time; without, it is adjourned until moved.',
  })
  @VersionedWrite({ roles: PROCEEDINGS_RECORDERS, ifMatch: HEARING_IF_MATCH, conflicts: ['HEARING_NOT_LISTED'] })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiOkResponse({ type: HearingResponse })
  @SendsEtag()
  async adjourn(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: AdjournHearingRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HearingResponse> {
    const version = versionFromIfMatch(ifMatch);
    return sendAnswer(reply, await this.hearings.adjourn(actor, id, version, body, retryOf(actor, key, `POST /hearings/${id}/adjourn`, body)));
  }

  @Post('hearings/:id/vacate')
  @HttpCode(200)
  @ApiOperation({ summary: 'The court vacated the hearing', description: 'A new hearing version (`hearing.vacated`): victims and witnesses must be told it will not take place.' })
  @VersionedWrite({ roles: PROCEEDINGS_RECORDERS, ifMatch: HEARING_IF_MATCH, conflicts: ['HEARING_CLOSED'] })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiOkResponse({ type: HearingResponse })
  @SendsEtag()
  async vacate(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: VacateHearingRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HearingResponse> {
    const version = versionFromIfMatch(ifMatch);
    return sendAnswer(reply, await this.hearings.vacate(actor, id, version, body, retryOf(actor, key, `POST /hearings/${id}/vacate`, body)));
  }

  @Post('hearings/:id/result')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The hearing was heard: pleas, and for a trial its effectiveness',
    description:
      'A not-guilty plea records `plea.not-guilty` on every journey (opening the witness needs assessment). A trial is effective, cracked or ' +
      'ineffective; cracked and ineffective need a reason that explains them (GET /courts/effectiveness-reasons).',
  })
  @VersionedWrite({ roles: PROCEEDINGS_RECORDERS, ifMatch: HEARING_IF_MATCH, conflicts: ['HEARING_NOT_LISTED'] })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiOkResponse({ type: HearingResponse })
  @ApiUnprocessableEntityResponse({ description: 'EFFECTIVENESS_NOT_FOR_HEARING_TYPE or DEFENDANT_NOT_ON_HEARING' })
  @SendsEtag()
  async result(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: HearingResultRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HearingResponse> {
    const version = versionFromIfMatch(ifMatch);
    return sendAnswer(reply, await this.hearings.result(actor, id, version, body, retryOf(actor, key, `POST /hearings/${id}/result`, body)));
  }

  @Get('journeys/:id/hearings')
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The hearings on the journey’s crime, with what this victim or witness was told of each' })
  @ApiOkResponse({ type: HearingsResponse })
  @ApiNotFoundResponse({ description: 'No such journey in your areas' })
  forJourney(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<HearingsResponse> {
    return this.hearings.forJourney(actor, id);
  }
}
