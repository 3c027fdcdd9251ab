import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
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
import { CASE_ROLES, CASE_ROLES_AND_PARTNERS, PROCEEDINGS_RECORDERS } from '../access/roles.js';
import { BailDecisionsService } from './bail-decisions.service.js';
import { retryOf, sendAnswer } from './court-work.js';
import {
  DecideAppealRequest,
  ListAppealHearingRequest,
  LodgeAppealRequest,
  RecordBailDecisionRequest,
  RecordSentenceRequest,
  RecordVerdictRequest,
} from './dto/court-requests.dto.js';
import { AppealResponse, BailDecisionResponse, BailDecisionsResponse, OutcomeResponse, OutcomesResponse } from './dto/court-views.dto.js';
import { IDEMPOTENCY_KEY_HEADER } from './hearings.controller.js';
import { CourtOutcomesService } from './court-outcomes.service.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

/** The court's decisions on a crime: bail, verdict and sentence per defendant, appeals. */
@ApiTags('court')
@ApiBearerAuth()
@Controller()
export class CourtDecisionsController {
  constructor(
    private readonly bail: BailDecisionsService,
    private readonly outcomes: CourtOutcomesService,
  ) {}

  @Post('crimes/:crimeId/bail-decisions')
  @HttpCode(201)
  @Roles(...PROCEEDINGS_RECORDERS)
  @ApiOperation({
    summary: 'Record the court’s bail decision on a defendant',
    description: '`court.bail-decision` on every journey: tell the victim within 5 working days, 1 with enhanced rights (Code right 6).',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiCreatedResponse({ type: BailDecisionResponse })
  @ApiUnprocessableEntityResponse({ description: 'DEFENDANT_NOT_ON_CRIME or IDEMPOTENCY_KEY_REUSED' })
  @SendsEtag()
  async recordBail(
    @CurrentActor() actor: Actor,
    @Param('crimeId', uuidParam('crimeId')) crimeId: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: RecordBailDecisionRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BailDecisionResponse> {
    return sendAnswer(reply, await this.bail.record(actor, crimeId, body, retryOf(actor, key, `POST /crimes/${crimeId}/bail-decisions`, body)));
  }

  @Get('crimes/:crimeId/bail-decisions')
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The court’s bail decisions on the crime, with who was told of each' })
  @ApiOkResponse({ type: BailDecisionsResponse })
  @ApiNotFoundResponse({ description: 'No such crime in your areas' })
  bailForCrime(@CurrentActor() actor: Actor, @Param('crimeId', uuidParam('crimeId')) crimeId: string): Promise<BailDecisionsResponse> {
    return this.bail.forCrime(actor, crimeId);
  }

  @Get('journeys/:id/bail-decisions')
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The court’s bail decisions on the journey’s crime, with what this victim was told' })
  @ApiOkResponse({ type: BailDecisionsResponse })
  @ApiNotFoundResponse({ description: 'No such journey in your areas' })
  bailForJourney(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<BailDecisionsResponse> {
    return this.bail.forJourney(actor, id);
  }

  @Post('crimes/:crimeId/outcomes')
  @HttpCode(201)
  @Roles(...PROCEEDINGS_RECORDERS)
  @ApiOperation({
    summary: 'Record a defendant’s verdict',
    description: '`court.verdict` on every journey: tell the victim the outcome within 1 working day (Code right 9). One outcome per defendant.',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiCreatedResponse({ type: OutcomeResponse, description: 'With the outcome’s ETag' })
  @ApiConflictResponse({ description: 'OUTCOME_ALREADY_RECORDED' })
  @ApiUnprocessableEntityResponse({ description: 'DEFENDANT_NOT_ON_CRIME, HEARING_NOT_ON_CRIME or IDEMPOTENCY_KEY_REUSED' })
  @SendsEtag()
  async recordVerdict(
    @CurrentActor() actor: Actor,
    @Param('crimeId', uuidParam('crimeId')) crimeId: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: RecordVerdictRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OutcomeResponse> {
    return sendAnswer(reply, await this.outcomes.recordVerdict(actor, crimeId, body, retryOf(actor, key, `POST /crimes/${crimeId}/outcomes`, body)));
  }

  @Get('crimes/:crimeId/outcomes')
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'Verdicts, sentences and appeals on the crime, with who was told of each' })
  @ApiOkResponse({ type: OutcomesResponse })
  @ApiNotFoundResponse({ description: 'No such crime in your areas' })
  outcomesForCrime(@CurrentActor() actor: Actor, @Param('crimeId', uuidParam('crimeId')) crimeId: string): Promise<OutcomesResponse> {
    return this.outcomes.forCrime(actor, crimeId);
  }

  @Get('journeys/:id/outcomes')
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'Verdicts, sentences and appeals on the journey’s crime, with what this victim was told' })
  @ApiOkResponse({ type: OutcomesResponse })
  @ApiNotFoundResponse({ description: 'No such journey in your areas' })
  outcomesForJourney(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<OutcomesResponse> {
    return this.outcomes.forJourney(actor, id);
  }

  @Get('outcomes/:id')
  @AuditedRead(...CASE_ROLES_AND_PARTNERS)
  @ApiOperation({ summary: 'A defendant’s outcome: verdict, sentence, appeals, and who was told', description: 'No names; the ETag is the row version for If-Match.' })
  @ApiOkResponse({ type: OutcomeResponse })
  @ApiNotFoundResponse({ description: 'No such outcome in your areas' })
  @SendsEtag()
  outcome(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<OutcomeResponse> {
    return this.outcomes.get(actor, id);
  }

  @Post('outcomes/:id/sentence')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the sentence after a guilty verdict',
    description:
      '`court.sentence` on every journey, on the same outcome as the verdict (one duty to tell the outcome). A violent or sexual offence sentenced to 12 months ' +
      'or more in custody, or a hospital order, opens the referral to the Victim Contact Scheme (Code right 11).',
  })
  @VersionedWrite({ roles: PROCEEDINGS_RECORDERS, ifMatch: ROW_IF_MATCH('outcome'), conflicts: ['SENTENCE_ALREADY_RECORDED'] })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiOkResponse({ type: OutcomeResponse })
  @ApiUnprocessableEntityResponse({ description: 'SENTENCE_WITHOUT_CONVICTION' })
  @SendsEtag()
  async recordSentence(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: RecordSentenceRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OutcomeResponse> {
    const version = versionFromIfMatch(ifMatch);
    return sendAnswer(reply, await this.outcomes.recordSentence(actor, id, version, body, retryOf(actor, key, `POST /outcomes/${id}/sentence`, body)));
  }

  @Post('outcomes/:id/appeals')
  @HttpCode(201)
  @Roles(...PROCEEDINGS_RECORDERS)
  @ApiOperation({ summary: 'An appeal was lodged against the conviction or the sentence', description: '`appeal.lodged`: tell the victim within 5 working days, 1 enhanced.' })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiCreatedResponse({ type: AppealResponse, description: 'With the appeal’s ETag' })
  @ApiConflictResponse({ description: 'APPEAL_ALREADY_OPEN' })
  @ApiUnprocessableEntityResponse({ description: 'NOTHING_TO_APPEAL' })
  @SendsEtag()
  async lodgeAppeal(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: LodgeAppealRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AppealResponse> {
    return sendAnswer(reply, await this.outcomes.lodgeAppeal(actor, id, body, retryOf(actor, key, `POST /outcomes/${id}/appeals`, body)));
  }

  @Get('appeals/:id')
  @AuditedRead(...CASE_ROLES_AND_PARTNERS)
  @ApiOperation({ summary: 'An appeal and who was told of each step' })
  @ApiOkResponse({ type: AppealResponse })
  @ApiNotFoundResponse({ description: 'No such appeal in your areas' })
  @SendsEtag()
  appeal(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<AppealResponse> {
    return this.outcomes.getAppeal(actor, id);
  }

  @Post('appeals/:id/hearing')
  @HttpCode(200)
  @ApiOperation({ summary: 'The appeal hearing was listed', description: '`appeal.hearing-listed`: tell the victim within 5 working days, 1 enhanced.' })
  @VersionedWrite({ roles: PROCEEDINGS_RECORDERS, ifMatch: ROW_IF_MATCH('appeal'), conflicts: ['APPEAL_HEARING_ALREADY_LISTED', 'APPEAL_DECIDED'] })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiOkResponse({ type: AppealResponse })
  @ApiUnprocessableEntityResponse({ description: 'COURT_NOT_IN_AREA' })
  @SendsEtag()
  async listAppealHearing(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: ListAppealHearingRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AppealResponse> {
    const version = versionFromIfMatch(ifMatch);
    return sendAnswer(reply, await this.outcomes.listAppealHearing(actor, id, version, body, retryOf(actor, key, `POST /appeals/${id}/hearing`, body)));
  }

  @Post('appeals/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'The appeal was decided (or abandoned)', description: '`appeal.decided`: tell the victim within 5 working days, 1 enhanced.' })
  @VersionedWrite({ roles: PROCEEDINGS_RECORDERS, ifMatch: ROW_IF_MATCH('appeal'), conflicts: ['APPEAL_DECIDED'] })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiOkResponse({ type: AppealResponse })
  @SendsEtag()
  async decideAppeal(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: DecideAppealRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AppealResponse> {
    const version = versionFromIfMatch(ifMatch);
    return sendAnswer(reply, await this.outcomes.decideAppeal(actor, id, version, body, retryOf(actor, key, `POST /appeals/${id}/decision`, body)));
  }
}
