import { Body, Controller, Headers, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { POLICE_STEP_RECORDERS } from '../access/roles.js';
import { VersionedWrite } from '../access/route.decorators.js';
import { optionalVersion, SendsBodyWithEtag, type Versioned } from '../app/etag.js';
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
  @VersionedWrite({ ifMatch: OPTIONAL_IF_MATCH })
  @ApiCreatedResponse({ type: PoliceStepResponse, description: 'With the journey’s new ETag' })
  @ApiNotFoundResponse({ description: 'No such journey in your areas' })
  @SendsBodyWithEtag()
  witnessStatement(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordPoliceStepRequest,
  ): Promise<Versioned<PoliceStepResponse>> {
    return this.record(actor, id, ifMatch, 'police.witness-statement-given', body);
  }

  @Post('crime-report-acknowledgements')
  @ApiOperation({
    summary: 'Record that the police acknowledged the crime report in writing',
    description: 'Code right 3: a written acknowledgement of the report. No national timescale: a recorded step that owes nothing.',
  })
  @VersionedWrite({ ifMatch: OPTIONAL_IF_MATCH })
  @ApiCreatedResponse({ type: PoliceStepResponse, description: 'With the journey’s new ETag' })
  @ApiNotFoundResponse({ description: 'No such journey in your areas' })
  @SendsBodyWithEtag()
  crimeReportAcknowledgement(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordPoliceStepRequest,
  ): Promise<Versioned<PoliceStepResponse>> {
    return this.record(actor, id, ifMatch, 'police.crime-report-acknowledged', body);
  }

  /** The step as recorded, with the journey's new version as its ETag. */
  private async record(actor: Actor, id: string, ifMatch: string | undefined, type: PoliceStep, body: RecordPoliceStepRequest): Promise<Versioned<PoliceStepResponse>> {
    const answer = await this.steps.record(actor, id, optionalVersion(ifMatch), type, body);
    return { body: answer, version: answer.journeyVersion };
  }
}
