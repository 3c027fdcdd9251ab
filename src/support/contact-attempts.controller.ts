import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { optionalVersion, setEtag } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES, JOURNEY_WORKERS } from '../access/roles.js';
import { ContactAttemptResponse, ContactAttemptsResponse, RecordContactAttemptRequest } from './dto/contact-attempt.dto.js';
import { ContactAttemptsService } from './contact-attempts.service.js';
import { ACCESS_REASON_HEADER, OPTIONAL_IF_MATCH } from '../app/openapi-headers.js';

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id/contact-attempts')
export class ContactAttemptsController {
  constructor(private readonly contacts: ContactAttemptsService) {}

  @Post()
  @HttpCode(201)
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({
    summary: 'Record an attempt to contact the victim',
    description:
      'The first `contacted` meets the first-contact duty (Code right 4) and moves a referred journey to contacted; ' +
      '`supportWanted: accepted` opens the needs assessment and restorative justice duties. Unsuccessful attempts count ' +
      'towards the attempts policy: when they reach it before any contact, the victim is recorded as unable to contact.',
  })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: ContactAttemptResponse, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'JOURNEY_CLOSED, or CONFLICT on a stale If-Match' })
  async record(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordContactAttemptRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactAttemptResponse> {
    const answer = await this.contacts.record(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Get()

  @ApiHeader(ACCESS_REASON_HEADER)
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'The attempts to contact the victim, newest first' })
  @ApiOkResponse({ type: ContactAttemptsResponse })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ContactAttemptsResponse> {
    return this.contacts.list(actor, id);
  }
}
