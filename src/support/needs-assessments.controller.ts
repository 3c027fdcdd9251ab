import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { versionFromIfMatch, SendsBodyWithEtag, type Versioned } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
import { CASE_ROLES, JOURNEY_WORKERS } from '../access/roles.js';
import { NeedsAssessmentResponse, NeedsAssessmentsResponse, RecordNeedsAssessmentRequest } from './dto/needs-assessment.dto.js';
import { NeedsAssessmentsService } from './needs-assessments.service.js';
import { REQUIRED_IF_MATCH } from '../app/openapi-headers.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id/needs-assessments')
export class NeedsAssessmentsController {
  constructor(private readonly assessments: NeedsAssessmentsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record a needs assessment and the victim’s decision',
    description:
      'Meets the needs assessment duty (Code right 4). `accepted` starts support (stage in_support) and needs a start ' +
      'cope-and-recover score, recorded before or sent as startScore; `declined` and `signposted` leave the journey assessed.',
  })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: REQUIRED_IF_MATCH, conflicts: ['JOURNEY_CLOSED', 'COPE_RECOVER_ALREADY_RECORDED'] })
  @ApiCreatedResponse({ type: NeedsAssessmentResponse, description: 'With the journey’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'START_SCORE_REQUIRED' })
  @SendsBodyWithEtag()
  record(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordNeedsAssessmentRequest,
  ): Promise<Versioned<NeedsAssessmentResponse>> {
    return this.assessments.record(actor, id, versionFromIfMatch(ifMatch), body);
  }

  @Get()

  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The journey’s needs assessments with their needs, newest first' })
  @ApiOkResponse({ type: NeedsAssessmentsResponse })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<NeedsAssessmentsResponse> {
    return this.assessments.list(actor, id);
  }
}
