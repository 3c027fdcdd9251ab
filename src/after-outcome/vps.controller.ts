import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, SendsBodyWithEtag, type Versioned } from '../app/etag.js';
import { OPTIONAL_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
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
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('victim personal statement')
@ApiBearerAuth()
@Controller('journeys/:id/vps')
export class VpsController {
  constructor(private readonly vps: VpsService) {}

  @Post('offers')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record that the victim was offered a victim personal statement, and by whom',
    description: 'Meets the offer duty opened when the suspect was charged (Code right 7; 5 working days, 1 with enhanced rights).',
  })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: OPTIONAL_IF_MATCH, conflicts: [] })
  @ApiCreatedResponse({ type: VpsOfferView, description: 'With the journey’s new ETag' })
  @SendsBodyWithEtag()
  offer(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordVpsOfferRequest,
  ): Promise<Versioned<VpsOfferView>> {
    return this.vps.offer(actor, id, optionalVersion(ifMatch), body);
  }

  @Post('statements')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record that the victim made their statement, or updated it',
    description: 'The first statement is recorded as made, later ones as updates. Only the form is kept, never the statement.',
  })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: OPTIONAL_IF_MATCH, conflicts: [] })
  @ApiCreatedResponse({ type: VpsStatementView, description: 'With the journey’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'VPS_NOT_OFFERED' })
  @SendsBodyWithEtag()
  recordStatement(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordVpsStatementRequest,
  ): Promise<Versioned<VpsStatementView>> {
    return this.vps.recordStatement(actor, id, optionalVersion(ifMatch), body);
  }

  @Post('readings')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record that the statement was read or played in court, and by whom' })
  @VersionedWrite({ roles: CASE_ROLES, ifMatch: OPTIONAL_IF_MATCH, conflicts: [] })
  @ApiCreatedResponse({ type: VpsReadingView, description: 'With the journey’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'VPS_NOT_MADE' })
  @SendsBodyWithEtag()
  recordReading(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordVpsReadingRequest,
  ): Promise<Versioned<VpsReadingView>> {
    return this.vps.recordReading(actor, id, optionalVersion(ifMatch), body);
  }

  @Get()
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The victim personal statement: offers, statements made and updated, readings in court' })
  @ApiOkResponse({ type: VpsResponse })
  statement(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<VpsResponse> {
    return this.vps.get(actor, id);
  }
}
