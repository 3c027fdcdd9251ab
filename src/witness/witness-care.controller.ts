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
import { optionalVersion, setEtag, versionFromIfMatch } from '../app/etag.js';
import { ACCESS_REASON_HEADER, OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
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

@ApiTags('witness-care')
@ApiBearerAuth()
@Controller('journeys/:id')
export class WitnessCareController {
  constructor(private readonly witnessCare: WitnessCareService) {}

  @Post('witness-care')
  @HttpCode(201)
  @Roles(...WITNESS_CARE)
  @ApiOperation({
    summary: 'Open the journey’s witness care case, at charge',
    description: 'One per journey. Moves the journey to stage witness_care unless it is already at court or closed. officerId: the lead witness care officer.',
  })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: WitnessCareCaseResponse, description: 'With the case’s ETag' })
  @ApiConflictResponse({ description: 'WITNESS_CARE_ALREADY_OPEN, or CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'NOT_CHARGED' })
  async open(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: OpenWitnessCareRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WitnessCareCaseResponse> {
    const opened = await this.witnessCare.open(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, opened.version);
    return opened;
  }

  @Get('witness-care')
  @ApiHeader(ACCESS_REASON_HEADER)
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'The witness care case with its needs assessments, special measures, pre-trial visit, interpreters, warnings and attendance' })
  @ApiOkResponse({ type: WitnessCareViewResponse, description: 'With the case’s ETag' })
  @ApiUnprocessableEntityResponse({ description: 'WITNESS_CARE_NOT_OPEN' })
  async show(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<WitnessCareViewResponse> {
    const view = await this.witnessCare.show(actor, id);
    setEtag(reply, view.version);
    return view;
  }

  @Post('witness-care/needs-assessments')
  @HttpCode(201)
  @Roles(...WITNESS_CARE)
  @ApiOperation({
    summary: 'Record a Witness Charter needs assessment',
    description: 'Every Charter area once. Meets the needs assessment duty a not-guilty plea opened (wcu.needs-assessment); one made before the plea is kept but meets nothing.',
  })
  @ApiHeader(OPTIONAL_IF_MATCH)
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
  @Roles(...WITNESS_CARE)
  @ApiOperation({ summary: 'Record the pre-trial court familiarisation visit: offered, then taken or declined' })
  @ApiHeader(ROW_IF_MATCH('witness care case'))
  @ApiOkResponse({ type: WitnessCareCaseResponse, description: 'With the case’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'PRE_TRIAL_VISIT_TRANSITION_NOT_ALLOWED, WITNESS_CARE_NOT_OPEN' })
  async preTrialVisit(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordPreTrialVisitRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WitnessCareCaseResponse> {
    const updated = await this.witnessCare.recordPreTrialVisit(actor, id, versionFromIfMatch(ifMatch), body);
    setEtag(reply, updated.version);
    return updated;
  }

  @Post('interpreter-bookings')
  @HttpCode(201)
  @Roles(...WITNESS_CARE)
  @ApiOperation({ summary: 'Record an interpreter booked for the witness at a hearing of the journey’s crime' })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: InterpreterBookingResponse })
  @ApiConflictResponse({ description: 'INTERPRETER_ALREADY_BOOKED, or CONFLICT on a stale If-Match' })
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
