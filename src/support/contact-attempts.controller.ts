import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, SendsBodyWithEtag, type Versioned } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
import { CASE_ROLES, JOURNEY_WORKERS } from '../access/roles.js';
import { ContactAttemptResponse, ContactAttemptsResponse, RecordContactAttemptRequest } from './dto/contact-attempt.dto.js';
import { ContactAttemptsService } from './contact-attempts.service.js';
import { OPTIONAL_IF_MATCH } from '../app/openapi-headers.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id/contact-attempts')
export class ContactAttemptsController {
  constructor(private readonly contacts: ContactAttemptsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record an attempt to contact the victim',
    description:
      'The first `contacted` meets the first-contact duty (Code right 4) and moves a referred journey to contacted; ' +
      '`supportWanted: accepted` opens the needs assessment and restorative justice duties. Unsuccessful attempts count ' +
      'towards the attempts policy: when they reach it before any contact, the victim is recorded as unable to contact.',
  })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: OPTIONAL_IF_MATCH, conflicts: ['JOURNEY_CLOSED'] })
  @ApiCreatedResponse({ type: ContactAttemptResponse, description: 'With the journey’s new ETag' })
  @SendsBodyWithEtag()
  record(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordContactAttemptRequest,
  ): Promise<Versioned<ContactAttemptResponse>> {
    return this.contacts.record(actor, id, optionalVersion(ifMatch), body);
  }

  @Get()

  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The attempts to contact the victim, newest first' })
  @ApiOkResponse({ type: ContactAttemptsResponse })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ContactAttemptsResponse> {
    return this.contacts.list(actor, id);
  }
}
