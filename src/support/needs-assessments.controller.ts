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
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES, JOURNEY_WORKERS } from '../access/roles.js';
import { NeedsAssessmentResponse, NeedsAssessmentsResponse, RecordNeedsAssessmentRequest } from './dto/needs-assessment.dto.js';
import { NeedsAssessmentsService } from './needs-assessments.service.js';
import { ACCESS_REASON_HEADER, REQUIRED_IF_MATCH } from '../app/openapi-headers.js';

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id/needs-assessments')
export class NeedsAssessmentsController {
  constructor(private readonly assessments: NeedsAssessmentsService) {}

  @Post()
  @HttpCode(201)
  @Roles(...JOURNEY_WORKERS)
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

  @Get()

  @ApiHeader(ACCESS_REASON_HEADER)
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'The journey’s needs assessments with their needs, newest first' })
  @ApiOkResponse({ type: NeedsAssessmentsResponse })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<NeedsAssessmentsResponse> {
    return this.assessments.list(actor, id);
  }
}
