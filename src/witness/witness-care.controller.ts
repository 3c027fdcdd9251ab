import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, versionFromIfMatch, SendsEtag } from '../app/etag.js';
import { OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
import { CASE_ROLES, WITNESS_CARE } from '../access/roles.js';
import {
  BookInterpreterRequest,
  InterpreterBookingResponse,
  OpenWitnessCareRequest,
  RecordPreTrialVisitRequest,
  RecordWitnessNeedsRequest,
  WitnessCareCaseResponse,
  WitnessCareViewResponse,
  WitnessNeedsAssessmentResponse,
} from './dto/witness-care.dto.js';
import { WitnessCareService } from './witness-care.service.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('witness-care')
@ApiBearerAuth()
@Controller('journeys/:id')
export class WitnessCareController {
  constructor(private readonly witnessCare: WitnessCareService) {}

  @Post('witness-care')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Open the journey’s witness care case, at charge',
    description: 'One per journey. Moves the journey to stage witness_care unless it is already at court or closed. officerId: the lead witness care officer.',
  })
  @VersionedWrite({ roles: WITNESS_CARE, ifMatch: OPTIONAL_IF_MATCH, conflicts: ['WITNESS_CARE_ALREADY_OPEN'] })
  @ApiCreatedResponse({ type: WitnessCareCaseResponse, description: 'With the case’s ETag' })
  @ApiUnprocessableEntityResponse({ description: 'NOT_CHARGED' })
  @SendsEtag()
  open(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: OpenWitnessCareRequest,
  ): Promise<WitnessCareCaseResponse> {
    return this.witnessCare.open(actor, id, optionalVersion(ifMatch), body);
  }

  @Get('witness-care')
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The witness care case with its needs assessments, special measures, pre-trial visit, interpreters, warnings and attendance' })
  @ApiOkResponse({ type: WitnessCareViewResponse, description: 'With the case’s ETag' })
  @ApiUnprocessableEntityResponse({ description: 'WITNESS_CARE_NOT_OPEN' })
  @SendsEtag()
  show(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<WitnessCareViewResponse> {
    return this.witnessCare.show(actor, id);
  }

  @Post('witness-care/needs-assessments')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record a Witness Charter needs assessment',
    description: 'Every Charter area once. Meets the needs assessment duty a not-guilty plea opened (wcu.needs-assessment); one made before the plea is kept but meets nothing.',
  })
  @VersionedWrite({ roles: WITNESS_CARE, ifMatch: OPTIONAL_IF_MATCH })
  @ApiCreatedResponse({ type: WitnessNeedsAssessmentResponse })
  @ApiUnprocessableEntityResponse({ description: 'WITNESS_CARE_NOT_OPEN' })
  assessNeeds(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordWitnessNeedsRequest,
  ): Promise<WitnessNeedsAssessmentResponse> {
    return this.witnessCare.assessNeeds(actor, id, optionalVersion(ifMatch), body);
  }

  @Post('witness-care/pre-trial-visit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the pre-trial court familiarisation visit: offered, then taken or declined' })
  @VersionedWrite({ roles: WITNESS_CARE, ifMatch: ROW_IF_MATCH('witness care case'), conflicts: [] })
  @ApiOkResponse({ type: WitnessCareCaseResponse, description: 'With the case’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'PRE_TRIAL_VISIT_TRANSITION_NOT_ALLOWED, WITNESS_CARE_NOT_OPEN' })
  @SendsEtag()
  preTrialVisit(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordPreTrialVisitRequest,
  ): Promise<WitnessCareCaseResponse> {
    return this.witnessCare.recordPreTrialVisit(actor, id, versionFromIfMatch(ifMatch), body);
  }

  @Post('interpreter-bookings')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record an interpreter booked for the witness at a hearing of the journey’s crime' })
  @VersionedWrite({ roles: WITNESS_CARE, ifMatch: OPTIONAL_IF_MATCH, conflicts: ['INTERPRETER_ALREADY_BOOKED'] })
  @ApiCreatedResponse({ type: InterpreterBookingResponse })
  @ApiUnprocessableEntityResponse({ description: 'HEARING_NOT_ON_CRIME, WITNESS_CARE_NOT_OPEN' })
  bookInterpreter(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: BookInterpreterRequest,
  ): Promise<InterpreterBookingResponse> {
    return this.witnessCare.bookInterpreter(actor, id, optionalVersion(ifMatch), body);
  }
}
