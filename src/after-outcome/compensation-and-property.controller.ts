import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, SendsBodyWithEtag, type Versioned } from '../app/etag.js';
import { OPTIONAL_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
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
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('compensation and property')
@ApiBearerAuth()
@Controller('journeys/:id')
export class CompensationAndPropertyController {
  constructor(private readonly told: CompensationAndPropertyService) {}

  @Post('compensation-information')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record that the victim was given information about compensation (Code right 5): when, by whom, how, about what' })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: OPTIONAL_IF_MATCH, conflicts: [] })
  @ApiCreatedResponse({ type: CompensationInformationView, description: 'With the journey’s new ETag' })
  @SendsBodyWithEtag()
  recordCompensationInformation(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordCompensationInformationRequest,
  ): Promise<Versioned<CompensationInformationView>> {
    return this.told.recordCompensationInformation(actor, id, optionalVersion(ifMatch), body);
  }

  @Get('compensation-information')
  @AuditedRead(...JOURNEY_WORKERS)
  @ApiOperation({ summary: 'The compensation information the victim was given, oldest first' })
  @ApiOkResponse({ type: CompensationInformationResponse })
  compensationInformation(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<CompensationInformationResponse> {
    return this.told.compensationInformation(actor, id);
  }

  @Post('property-returns')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record that property taken as evidence was given back (Code right 10): when, by whom, how' })
  @VersionedWrite({ roles: CASE_ROLES, ifMatch: OPTIONAL_IF_MATCH, conflicts: [] })
  @ApiCreatedResponse({ type: PropertyReturnView, description: 'With the journey’s new ETag' })
  @SendsBodyWithEtag()
  recordPropertyReturn(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordPropertyReturnRequest,
  ): Promise<Versioned<PropertyReturnView>> {
    return this.told.recordPropertyReturn(actor, id, optionalVersion(ifMatch), body);
  }

  @Get('property-returns')
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The property given back to the victim, oldest first' })
  @ApiOkResponse({ type: PropertyReturnsResponse })
  propertyReturns(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<PropertyReturnsResponse> {
    return this.told.propertyReturns(actor, id);
  }
}
