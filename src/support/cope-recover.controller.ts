import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, SendsBodyWithEtag, type Versioned } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
import { CASE_ROLES, JOURNEY_WORKERS } from '../access/roles.js';
import { CopeRecoverMeasureView, CopeRecoverResponse, RecordEndScoreRequest, RecordStartScoreRequest } from './dto/cope-recover.dto.js';
import { CopeRecoverService } from './cope-recover.service.js';
import { OPTIONAL_IF_MATCH } from '../app/openapi-headers.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id/cope-recover')
export class CopeRecoverController {
  constructor(private readonly measures: CopeRecoverService) {}

  @Post('start')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record the victim’s cope-and-recover scores at the start of support', description: 'Needed before support is accepted at a needs assessment.' })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: OPTIONAL_IF_MATCH, conflicts: ['COPE_RECOVER_ALREADY_RECORDED', 'JOURNEY_CLOSED'] })
  @ApiCreatedResponse({ type: CopeRecoverMeasureView, description: 'With the journey’s new ETag' })
  @SendsBodyWithEtag()
  start(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordStartScoreRequest,
  ): Promise<Versioned<CopeRecoverMeasureView>> {
    return this.measures.start(actor, id, optionalVersion(ifMatch), body);
  }

  @Post('end')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record the victim’s cope-and-recover scores at the end of support, or why there are none',
    description: 'Send either answers (under the start’s framework) or missingReason. Needed before the journey closes.',
  })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: OPTIONAL_IF_MATCH, conflicts: ['COPE_RECOVER_ALREADY_RECORDED', 'JOURNEY_CLOSED'] })
  @ApiCreatedResponse({ type: CopeRecoverMeasureView, description: 'With the journey’s new ETag' })
  @SendsBodyWithEtag()
  end(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordEndScoreRequest,
  ): Promise<Versioned<CopeRecoverMeasureView>> {
    return this.measures.end(actor, id, optionalVersion(ifMatch), body);
  }

  @Get()

  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The current start and end measures, and how the scores changed when both were answered' })
  @ApiOkResponse({ type: CopeRecoverResponse })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<CopeRecoverResponse> {
    return this.measures.get(actor, id);
  }
}
