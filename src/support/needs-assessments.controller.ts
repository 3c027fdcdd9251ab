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
import { setEtag, versionFromIfMatch } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../identity/access.decorators.js';
import { NeedsAssessmentResponse, NeedsAssessmentsResponse, RecordNeedsAssessmentRequest } from './dto/needs-assessment.dto.js';
import { RecordRjOfferRequest, RjOfferResponse } from './dto/rj-offer.dto.js';
import { OPTIONAL_IF_MATCH, REQUIRED_IF_MATCH, optionalVersion } from './if-match.js';
import { NeedsAssessmentsService } from './needs-assessments.service.js';
import { RjOffersService } from './rj-offers.service.js';

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id')
export class NeedsAssessmentsController {
  constructor(
    private readonly assessments: NeedsAssessmentsService,
    private readonly rjOffers: RjOffersService,
  ) {}

  @Post('needs-assessments')
  @HttpCode(201)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({
    summary: 'Record a needs assessment and the victim’s decision',
    description:
      'Meets the needs assessment duty (Code right 4). `accepted` starts support (stage in_support) and needs a start ' +
      'cope-and-recover score, recorded before or sent as startScore; `declined` and `signposted` leave the journey assessed.',
  })
  @ApiHeader(REQUIRED_IF_MATCH)
  @ApiCreatedResponse({ type: NeedsAssessmentResponse, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'JOURNEY_CLOSED, COPE_RECOVER_ALREADY_RECORDED, or CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'START_SCORE_REQUIRED' })
  async record(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordNeedsAssessmentRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NeedsAssessmentResponse> {
    const answer = await this.assessments.record(actor, id, versionFromIfMatch(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Get('needs-assessments')
  @Roles('caseworker', 'supervisor', 'witness_care_officer')
  @ApiOperation({ summary: 'The journey’s needs assessments with their needs, newest first' })
  @ApiOkResponse({ type: NeedsAssessmentsResponse })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<NeedsAssessmentsResponse> {
    return this.assessments.list(actor, id);
  }

  @Post('rj-offers')
  @HttpCode(201)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Record that restorative justice was offered, and the victim’s answer', description: 'Meets the restorative justice offer duty (Code right 4).' })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: RjOfferResponse, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'JOURNEY_CLOSED, or CONFLICT on a stale If-Match' })
  async offerRj(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordRjOfferRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RjOfferResponse> {
    const answer = await this.rjOffers.record(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }
}
