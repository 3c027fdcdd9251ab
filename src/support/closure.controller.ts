import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { versionFromIfMatch, SendsBodyWithEtag, type Versioned } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
import { JOURNEY_WORKERS } from '../access/roles.js';
import { JourneyResponse } from '../journeys/dto/journey.dto.js';
import { ClosureService } from './closure.service.js';
import { CloseJourneyRequest, ReopenJourneyRequest } from './dto/closure.dto.js';
import { REQUIRED_IF_MATCH } from '../app/openapi-headers.js';
import { VersionedWrite } from '../access/route.decorators.js';

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id')
export class ClosureController {
  constructor(private readonly closure: ClosureService) {}

  @Post('closure')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close the journey',
    description:
      'Needs an end cope-and-recover measure (recorded before, or sent as endScore or endScoreMissingReason) and the answer ' +
      'to the satisfaction question (a score, or declined). Withdraws the duties not yet due.',
  })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: REQUIRED_IF_MATCH, conflicts: ['JOURNEY_CLOSED', 'COPE_RECOVER_ALREADY_RECORDED'] })
  @ApiOkResponse({ type: JourneyResponse, description: 'The closed journey, with its new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'END_SCORE_REQUIRED' })
  @SendsBodyWithEtag()
  close(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: CloseJourneyRequest,
  ): Promise<Versioned<JourneyResponse>> {
    return this.closure.close(actor, id, versionFromIfMatch(ifMatch), body);
  }

  @Post('reopening')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reopen a closed journey',
    description:
      'Back to in support (or contacted, or referred), the closure cleared and the end measure superseded, so closing again ' +
      'needs a new one. Duties withdrawn at closure stay withdrawn.',
  })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: REQUIRED_IF_MATCH, conflicts: ['JOURNEY_NOT_CLOSED', 'OPEN_JOURNEY_EXISTS'] })
  @ApiOkResponse({ type: JourneyResponse, description: 'The reopened journey, with its new ETag' })
  @SendsBodyWithEtag()
  reopen(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ReopenJourneyRequest,
  ): Promise<Versioned<JourneyResponse>> {
    return this.closure.reopen(actor, id, versionFromIfMatch(ifMatch), body);
  }
}
