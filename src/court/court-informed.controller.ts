import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { SendsBodyWithEtag, type Versioned } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { WITNESS_CARE } from '../access/roles.js';
import { CourtInformedService } from './court-informed.service.js';
import { AppealInformedRequest, HearingInformedRequest, InformedRequest } from './dto/court-requests.dto.js';
import { InformedResponse } from './dto/court-views.dto.js';

const REFUSALS =
  'SUBJECT_NOT_ON_CRIME (not on this journey’s crime), INFORMED_BEFORE_NEWS (told before the court decided)';

/** The witness care officer records that the victim or witness was told; each meets the duty for exactly what was told. */
@ApiTags('court')
@ApiBearerAuth()
@Controller('journeys/:id')
export class CourtInformedController {
  constructor(private readonly informed: CourtInformedService) {}

  @Post('hearings/:hearingId/informed')
  @HttpCode(201)
  @Roles(...WITNESS_CARE)
  @ApiOperation({
    summary: 'The victim or witness was told of a hearing version (date, time and place)',
    description: 'Meets the duty for that version only: telling of version 1 after the court moved the hearing does not meet the duty for version 2.',
  })
  @ApiCreatedResponse({ type: InformedResponse, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'ALREADY_INFORMED' })
  @ApiUnprocessableEntityResponse({ description: `${REFUSALS}, HEARING_VERSION_UNKNOWN` })
  @SendsBodyWithEtag()
  hearing(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('hearingId', uuidParam('hearingId')) hearingId: string,
    @Body() body: HearingInformedRequest,
  ): Promise<Versioned<InformedResponse>> {
    return this.informed.hearing(actor, id, hearingId, body);
  }

  @Post('bail-decisions/:bailDecisionId/informed')
  @HttpCode(201)
  @Roles(...WITNESS_CARE)
  @ApiOperation({ summary: 'The victim was told of a court bail decision' })
  @ApiCreatedResponse({ type: InformedResponse, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'ALREADY_INFORMED' })
  @ApiUnprocessableEntityResponse({ description: REFUSALS })
  @SendsBodyWithEtag()
  bail(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('bailDecisionId', uuidParam('bailDecisionId')) bailDecisionId: string,
    @Body() body: InformedRequest,
  ): Promise<Versioned<InformedResponse>> {
    return this.informed.bail(actor, id, bailDecisionId, body);
  }

  @Post('outcomes/:outcomeId/informed')
  @HttpCode(201)
  @Roles(...WITNESS_CARE)
  @ApiOperation({
    summary: 'The victim was told of a defendant’s outcome',
    description: 'Recorded as told of the sentence when the court has passed one by then, else of the verdict; either meets the one outcome duty.',
  })
  @ApiCreatedResponse({ type: InformedResponse, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'ALREADY_INFORMED' })
  @ApiUnprocessableEntityResponse({ description: REFUSALS })
  @SendsBodyWithEtag()
  outcome(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('outcomeId', uuidParam('outcomeId')) outcomeId: string,
    @Body() body: InformedRequest,
  ): Promise<Versioned<InformedResponse>> {
    return this.informed.outcome(actor, id, outcomeId, body);
  }

  @Post('appeals/:appealId/informed')
  @HttpCode(201)
  @Roles(...WITNESS_CARE)
  @ApiOperation({ summary: 'The victim was told of a step of an appeal (lodged, hearing listed, decided)' })
  @ApiCreatedResponse({ type: InformedResponse, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'ALREADY_INFORMED' })
  @ApiUnprocessableEntityResponse({ description: `${REFUSALS}, APPEAL_STAGE_NOT_REACHED` })
  @SendsBodyWithEtag()
  appeal(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('appealId', uuidParam('appealId')) appealId: string,
    @Body() body: AppealInformedRequest,
  ): Promise<Versioned<InformedResponse>> {
    return this.informed.appeal(actor, id, appealId, body);
  }
}
