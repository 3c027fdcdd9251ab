import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
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
import { optionalVersion, setEtag } from '../app/etag.js';
import { ACCESS_REASON_HEADER, OPTIONAL_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES, JOURNEY_WORKERS } from '../access/roles.js';
import {
  RecordVpsOfferRequest,
  RecordVpsReadingRequest,
  RecordVpsStatementRequest,
  VpsOfferView,
  VpsReadingView,
  VpsResponse,
  VpsStatementView,
} from './dto/vps.dto.js';
import { VpsService } from './vps.service.js';

@ApiTags('victim personal statement')
@ApiBearerAuth()
@Controller('journeys/:id/vps')
export class VpsController {
  constructor(private readonly vps: VpsService) {}

  @Post('offers')
  @HttpCode(201)
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({
    summary: 'Record that the victim was offered a victim personal statement, and by whom',
    description: 'Meets the offer duty opened when the suspect was charged (Code right 7; 5 working days, 1 with enhanced rights).',
  })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: VpsOfferView, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  async offer(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordVpsOfferRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VpsOfferView> {
    const answer = await this.vps.offer(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Post('statements')
  @HttpCode(201)
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({
    summary: 'Record that the victim made their statement, or updated it',
    description: 'The first statement is recorded as made, later ones as updates. Only the form is kept, never the statement.',
  })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: VpsStatementView, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'VPS_NOT_OFFERED' })
  async recordStatement(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordVpsStatementRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VpsStatementView> {
    const answer = await this.vps.recordStatement(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Post('readings')
  @HttpCode(201)
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'Record that the statement was read or played in court, and by whom' })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: VpsReadingView, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'VPS_NOT_MADE' })
  async recordReading(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordVpsReadingRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VpsReadingView> {
    const answer = await this.vps.recordReading(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Get()
  @Roles(...CASE_ROLES)
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOperation({ summary: 'The victim personal statement: offers, statements made and updated, readings in court' })
  @ApiOkResponse({ type: VpsResponse })
  statement(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<VpsResponse> {
    return this.vps.get(actor, id);
  }
}
