import { Body, Controller, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { POLICE_STEP_RECORDERS } from '../access/roles.js';
import { optionalVersion, setEtag } from '../app/etag.js';
import { OPTIONAL_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { PoliceStepResponse, RecordPoliceStepRequest } from './dto/police-step.dto.js';
import { PoliceStepsService, type PoliceStep } from './police-steps.service.js';

@ApiTags('investigation')
@ApiBearerAuth()
@Controller('journeys/:id')
@Roles(...POLICE_STEP_RECORDERS)
export class PoliceStepsController {
  constructor(private readonly steps: PoliceStepsService) {}

  @Post('witness-statements')
  @ApiOperation({
    summary: 'Record that the victim gave the police a witness statement',
    description:
      'Code right 7: the Victim Personal Statement is offered when the statement is taken, or at charge, whichever comes ' +
      'first: this opens the police’s duty to offer it (5 working days, 1 with enhanced rights) unless a charge already did.',
  })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: PoliceStepResponse, description: 'With the journey’s new ETag' })
  @ApiNotFoundResponse({ description: 'No such journey in your areas' })
  witnessStatement(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordPoliceStepRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PoliceStepResponse> {
    return this.record(actor, id, ifMatch, 'police.witness-statement-given', body, reply);
  }

  @Post('crime-report-acknowledgements')
  @ApiOperation({
    summary: 'Record that the police acknowledged the crime report in writing',
    description: 'Code right 3: a written acknowledgement of the report. No national timescale: a recorded step that owes nothing.',
  })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: PoliceStepResponse, description: 'With the journey’s new ETag' })
  @ApiNotFoundResponse({ description: 'No such journey in your areas' })
  crimeReportAcknowledgement(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordPoliceStepRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PoliceStepResponse> {
    return this.record(actor, id, ifMatch, 'police.crime-report-acknowledged', body, reply);
  }

  private async record(actor: Actor, id: string, ifMatch: string | undefined, type: PoliceStep, body: RecordPoliceStepRequest, reply: FastifyReply): Promise<PoliceStepResponse> {
    const answer = await this.steps.record(actor, id, optionalVersion(ifMatch), type, body);
    setEtag(reply, answer.journeyVersion);
    return answer;
  }
}
