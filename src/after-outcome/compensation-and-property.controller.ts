import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { optionalVersion, setEtag } from '../app/etag.js';
import { ACCESS_REASON_HEADER, OPTIONAL_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES, JOURNEY_WORKERS } from '../access/roles.js';
import { CompensationAndPropertyService } from './compensation-and-property.service.js';
import {
  CompensationInformationResponse,
  CompensationInformationView,
  PropertyReturnsResponse,
  PropertyReturnView,
  RecordCompensationInformationRequest,
  RecordPropertyReturnRequest,
} from './dto/compensation-and-property.dto.js';

@ApiTags('compensation and property')
@ApiBearerAuth()
@Controller('journeys/:id')
export class CompensationAndPropertyController {
  constructor(private readonly told: CompensationAndPropertyService) {}

  @Post('compensation-information')
  @HttpCode(201)
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({ summary: 'Record that the victim was given information about compensation (Code right 5): when, by whom, how, about what' })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: CompensationInformationView, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  async recordCompensationInformation(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordCompensationInformationRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompensationInformationView> {
    const answer = await this.told.recordCompensationInformation(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Get('compensation-information')
  @Roles(...JOURNEY_WORKERS)
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOperation({ summary: 'The compensation information the victim was given, oldest first' })
  @ApiOkResponse({ type: CompensationInformationResponse })
  compensationInformation(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<CompensationInformationResponse> {
    return this.told.compensationInformation(actor, id);
  }

  @Post('property-returns')
  @HttpCode(201)
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'Record that property taken as evidence was given back (Code right 10): when, by whom, how' })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: PropertyReturnView, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  async recordPropertyReturn(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordPropertyReturnRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PropertyReturnView> {
    const answer = await this.told.recordPropertyReturn(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Get('property-returns')
  @Roles(...CASE_ROLES)
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOperation({ summary: 'The property given back to the victim, oldest first' })
  @ApiOkResponse({ type: PropertyReturnsResponse })
  propertyReturns(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<PropertyReturnsResponse> {
    return this.told.propertyReturns(actor, id);
  }
}
