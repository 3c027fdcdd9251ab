import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { optionalVersion, setEtag } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES, JOURNEY_WORKERS } from '../access/roles.js';
import { CopeRecoverMeasureView, CopeRecoverResponse, RecordEndScoreRequest, RecordStartScoreRequest } from './dto/cope-recover.dto.js';
import { CopeRecoverService } from './cope-recover.service.js';
import { ACCESS_REASON_HEADER, OPTIONAL_IF_MATCH } from '../app/openapi-headers.js';

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id/cope-recover')
export class CopeRecoverController {
  constructor(private readonly measures: CopeRecoverService) {}

  @Post('start')
  @HttpCode(201)
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({ summary: 'Record the victim’s cope-and-recover scores at the start of support', description: 'Needed before support is accepted at a needs assessment.' })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: CopeRecoverMeasureView, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'COPE_RECOVER_ALREADY_RECORDED, JOURNEY_CLOSED, or CONFLICT on a stale If-Match' })
  async start(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordStartScoreRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CopeRecoverMeasureView> {
    const answer = await this.measures.start(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Post('end')
  @HttpCode(201)
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({
    summary: 'Record the victim’s cope-and-recover scores at the end of support, or why there are none',
    description: 'Send either answers (under the start’s framework) or missingReason. Needed before the journey closes.',
  })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: CopeRecoverMeasureView, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'COPE_RECOVER_ALREADY_RECORDED, JOURNEY_CLOSED, or CONFLICT on a stale If-Match' })
  async end(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordEndScoreRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CopeRecoverMeasureView> {
    const answer = await this.measures.end(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Get()

  @ApiHeader(ACCESS_REASON_HEADER)
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'The current start and end measures, and how the scores changed when both were answered' })
  @ApiOkResponse({ type: CopeRecoverResponse })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<CopeRecoverResponse> {
    return this.measures.get(actor, id);
  }
}
