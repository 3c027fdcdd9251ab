import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { versionFromIfMatch, SendsEtag } from '../app/etag.js';
import { ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES_AND_PARTNERS, PROCEEDINGS_RECORDERS } from '../access/roles.js';
import { idempotencyKeyFrom } from '../idempotency/idempotency.store.js';
import { DefendantsService } from './defendants.service.js';
import { AddDefendantRequest, CorrectDefendantRequest, DefendantAddedResponse, DefendantResponse } from './dto/defendant.dto.js';
import { IDEMPOTENCY_KEY_HEADER } from './investigation-headers.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('investigation')
@ApiBearerAuth()
@Controller('crimes/:crimeId/defendants')
export class DefendantsController {
  constructor(private readonly defendants: DefendantsService) {}

  @Post()
  @HttpCode(201)
  @Roles(...PROCEEDINGS_RECORDERS)
  @ApiOperation({
    summary: 'Add a defendant (suspect) to a crime',
    description:
      'Answers the pseudonymous reference (DEF-000123) that timelines, reports and audit use instead of the name. ' +
      'Every journey on the crime gets a `defendant.added` event naming the defendant by id and reference only. ' +
      'Partner systems must send an Idempotency-Key.',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiCreatedResponse({ type: DefendantAddedResponse, description: 'With the defendant’s ETag' })
  @ApiNotFoundResponse({ description: 'No such crime in your areas' })
  @ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY_KEY_REUSED' })
  @SendsEtag()
  async add(
    @CurrentActor() actor: Actor,
    @Param('crimeId', uuidParam('crimeId')) crimeId: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: AddDefendantRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DefendantAddedResponse> {
    const answer = await this.defendants.add(actor, crimeId, body, idempotencyKeyFrom(key, actor.roles.includes('partner_system')));
    if (answer.replayed) void reply.header('idempotent-replayed', 'true');
    void reply.header('location', `/api/v1/crimes/${crimeId}/defendants/${answer.body.id}`);
    return answer.body;
  }

  @Get(':defendantId')
  @AuditedRead(...CASE_ROLES_AND_PARTNERS)
  @ApiOperation({ summary: 'A defendant on the crime, with the ETag to correct them' })
  @ApiOkResponse({ type: DefendantResponse })
  @ApiNotFoundResponse({ description: 'No such crime in your areas, or no such defendant on it' })
  @SendsEtag()
  get(
    @CurrentActor() actor: Actor,
    @Param('crimeId', uuidParam('crimeId')) crimeId: string,
    @Param('defendantId', uuidParam('defendantId')) defendantId: string,
  ): Promise<DefendantResponse> {
    return this.defendants.get(actor, crimeId, defendantId);
  }

  @Patch(':defendantId')
  @ApiOperation({ summary: 'Correct how a defendant was recorded (name, date of birth)', description: 'Audited with the fields changed, never their values.' })
  @VersionedWrite({ roles: PROCEEDINGS_RECORDERS, ifMatch: ROW_IF_MATCH('defendant') })
  @ApiOkResponse({ type: DefendantResponse, description: 'With the defendant’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT: the defendant changed since you read it' })
  @SendsEtag()
  correct(
    @CurrentActor() actor: Actor,
    @Param('crimeId', uuidParam('crimeId')) crimeId: string,
    @Param('defendantId', uuidParam('defendantId')) defendantId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: CorrectDefendantRequest,
  ): Promise<DefendantResponse> {
    return this.defendants.correct(actor, crimeId, defendantId, versionFromIfMatch(ifMatch), body);
  }
}
