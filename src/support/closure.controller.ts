import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { setEtag, versionFromIfMatch } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { JOURNEY_WORKERS } from '../access/roles.js';
import { JourneyResponse } from '../journeys/dto/journey.dto.js';
import { ClosureService } from './closure.service.js';
import { CloseJourneyRequest, ReopenJourneyRequest } from './dto/closure.dto.js';
import { REQUIRED_IF_MATCH } from '../app/openapi-headers.js';

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id')
export class ClosureController {
  constructor(private readonly closure: ClosureService) {}

  @Post('closure')
  @HttpCode(200)
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({
    summary: 'Close the journey',
    description:
      'Needs an end cope-and-recover measure (recorded before, or sent as endScore or endScoreMissingReason) and the answer ' +
      'to the satisfaction question (a score, or declined). Withdraws the duties not yet due.',
  })
  @ApiHeader(REQUIRED_IF_MATCH)
  @ApiOkResponse({ type: JourneyResponse, description: 'The closed journey, with its new ETag' })
  @ApiConflictResponse({ description: 'JOURNEY_CLOSED, COPE_RECOVER_ALREADY_RECORDED, or CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'END_SCORE_REQUIRED' })
  async close(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: CloseJourneyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JourneyResponse> {
    const answer = await this.closure.close(actor, id, versionFromIfMatch(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Post('reopening')
  @HttpCode(200)
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({
    summary: 'Reopen a closed journey',
    description:
      'Back to in support (or contacted, or referred), the closure cleared and the end measure superseded, so closing again ' +
      'needs a new one. Duties withdrawn at closure stay withdrawn.',
  })
  @ApiHeader(REQUIRED_IF_MATCH)
  @ApiOkResponse({ type: JourneyResponse, description: 'The reopened journey, with its new ETag' })
  @ApiConflictResponse({ description: 'JOURNEY_NOT_CLOSED, OPEN_JOURNEY_EXISTS, or CONFLICT on a stale If-Match' })
  async reopen(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ReopenJourneyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JourneyResponse> {
    const answer = await this.closure.reopen(actor, id, versionFromIfMatch(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }
}
