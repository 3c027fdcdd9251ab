import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { optionalVersion, SendsBodyWithEtag, type Versioned } from '../app/etag.js';
import { OPTIONAL_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
import { CASE_ROLES, CASE_ROLES_AND_PARTNERS } from '../access/roles.js';
import { DecisionNoticesService } from './decision-notices.service.js';
import { DecisionsService } from './decisions.service.js';
import { DecisionNoticeResponse, JourneyDecisionsResponse, RecordInformedRequest } from './dto/decision.dto.js';
import type { DecisionBody } from './investigation-vocabulary.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

const INFORMED_DESCRIPTION =
  'Records `victim.informed` naming this decision, which meets that decision’s duty to tell the victim and no other. ' +
  'Works on a closed journey (the right to be told is the victim’s). Sending the same informedAt and method again answers ' +
  '200 with the first record and records nothing; a different telling of the same decision is a 409 ALREADY_INFORMED.';

@ApiTags('investigation')
@ApiBearerAuth()
@Controller('journeys/:id')
export class JourneyDecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly notices: DecisionNoticesService,
  ) {}

  @Get('decisions')
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'Every police and CPS decision on the journey’s crime: told or not, the duty to tell, and the victim’s review window' })
  @ApiOkResponse({ type: JourneyDecisionsResponse })
  @ApiNotFoundResponse({ description: 'No such journey in your areas' })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<JourneyDecisionsResponse> {
    return this.decisions.forJourney(actor, id);
  }

  @Post('police-decisions/:decisionId/informed')
  @ApiOperation({ summary: 'Record that the victim was told of a police decision', description: INFORMED_DESCRIPTION })
  @VersionedWrite({ roles: CASE_ROLES_AND_PARTNERS, ifMatch: OPTIONAL_IF_MATCH, conflicts: ['ALREADY_INFORMED'] })
  @ApiCreatedResponse({ type: DecisionNoticeResponse, description: 'With the journey’s new ETag' })
  @ApiOkResponse({ type: DecisionNoticeResponse, description: 'Already recorded exactly so' })
  @ApiUnprocessableEntityResponse({ description: 'DECISION_NOT_ON_CRIME' })
  @SendsBodyWithEtag()
  informedOfPolice(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('decisionId', uuidParam('decisionId')) decisionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordInformedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Versioned<DecisionNoticeResponse>> {
    return this.informed(actor, 'police', id, decisionId, ifMatch, body, reply);
  }

  @Post('cps-decisions/:decisionId/informed')
  @ApiOperation({ summary: 'Record that the victim was told of a CPS decision (and of their right to review)', description: INFORMED_DESCRIPTION })
  @VersionedWrite({ roles: CASE_ROLES_AND_PARTNERS, ifMatch: OPTIONAL_IF_MATCH, conflicts: ['ALREADY_INFORMED'] })
  @ApiCreatedResponse({ type: DecisionNoticeResponse, description: 'With the journey’s new ETag' })
  @ApiOkResponse({ type: DecisionNoticeResponse, description: 'Already recorded exactly so' })
  @ApiUnprocessableEntityResponse({ description: 'DECISION_NOT_ON_CRIME' })
  @SendsBodyWithEtag()
  informedOfCps(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('decisionId', uuidParam('decisionId')) decisionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordInformedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Versioned<DecisionNoticeResponse>> {
    return this.informed(actor, 'cps', id, decisionId, ifMatch, body, reply);
  }

  private async informed(
    actor: Actor,
    body: DecisionBody,
    journeyId: string,
    decisionId: string,
    ifMatch: string | undefined,
    request: RecordInformedRequest,
    reply: FastifyReply,
  ): Promise<Versioned<DecisionNoticeResponse>> {
    const answer = await this.notices.inform(actor, body, journeyId, decisionId, optionalVersion(ifMatch), request);
    void reply.status(answer.repeated ? 200 : 201);
    return { body: answer.body, version: answer.journeyVersion };
  }
}
