import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
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
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES, PROCEEDINGS_RECORDERS } from '../access/roles.js';
import { idempotencyKeyFrom } from '../idempotency/idempotency.store.js';
import { DecisionsService } from './decisions.service.js';
import { CrimeDecisionsResponse, DecisionRecordedResponse, RecordCpsDecisionRequest, RecordPoliceDecisionRequest } from './dto/decision.dto.js';
import { IDEMPOTENCY_KEY_HEADER } from './investigation-headers.js';
import type { CrimeAnswer } from '../crimes/crime-work.js';
import { AuditedRead } from '../access/route.decorators.js';

/**
 * Police and CPS decisions arrive from the police and CPS case systems (partner_system);
 * witness care officers key them in when a feed is missing. Caseworkers read them.
 */
@ApiTags('investigation')
@ApiBearerAuth()
@Controller('crimes/:crimeId')
export class CrimeDecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post('police-decisions')
  @HttpCode(201)
  @Roles(...PROCEEDINGS_RECORDERS)
  @ApiOperation({
    summary: 'Record a police decision on a crime (arrest, bail, charge, no further action...)',
    description:
      'Every journey on the crime gets `police.decision-made`, opening the duty to tell the victim within 5 working days ' +
      '(1 with enhanced rights); `charged` also opens the duty to offer a Victim Personal Statement and marks the named ' +
      'defendants charged. Partner systems must send an Idempotency-Key.',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiCreatedResponse({ type: DecisionRecordedResponse })
  @ApiNotFoundResponse({ description: 'No such crime in your areas' })
  @ApiUnprocessableEntityResponse({ description: 'DEFENDANT_NOT_ON_CRIME or IDEMPOTENCY_KEY_REUSED' })
  async police(
    @CurrentActor() actor: Actor,
    @Param('crimeId', uuidParam('crimeId')) crimeId: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: RecordPoliceDecisionRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DecisionRecordedResponse> {
    return answered(reply, await this.decisions.record(actor, 'police', crimeId, body, idempotencyKeyFrom(key, actor.roles.includes('partner_system'))));
  }

  @Post('cps-decisions')
  @HttpCode(201)
  @Roles(...PROCEEDINGS_RECORDERS)
  @ApiOperation({
    summary: 'Record a CPS decision: not to charge, to discontinue, or to alter the charges substantially',
    description:
      'Every journey on the crime gets `cps.decision-made`, opening the duty to tell the victim within 5 working days ' +
      '(1 with enhanced rights). Partner systems must send an Idempotency-Key.',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiCreatedResponse({ type: DecisionRecordedResponse })
  @ApiNotFoundResponse({ description: 'No such crime in your areas' })
  @ApiUnprocessableEntityResponse({ description: 'DEFENDANT_NOT_ON_CRIME or IDEMPOTENCY_KEY_REUSED' })
  async cps(
    @CurrentActor() actor: Actor,
    @Param('crimeId', uuidParam('crimeId')) crimeId: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: RecordCpsDecisionRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DecisionRecordedResponse> {
    return answered(reply, await this.decisions.record(actor, 'cps', crimeId, body, idempotencyKeyFrom(key, actor.roles.includes('partner_system'))));
  }

  @Get('decisions')
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The police and CPS decisions on a crime, with which victims and witnesses have been told' })
  @ApiOkResponse({ type: CrimeDecisionsResponse })
  @ApiNotFoundResponse({ description: 'No such crime in your areas' })
  list(@CurrentActor() actor: Actor, @Param('crimeId', uuidParam('crimeId')) crimeId: string): Promise<CrimeDecisionsResponse> {
    return this.decisions.forCrime(actor, crimeId);
  }
}

function answered(reply: FastifyReply, answer: CrimeAnswer<DecisionRecordedResponse>): DecisionRecordedResponse {
  if (answer.replayed) void reply.header('idempotent-replayed', 'true');
  return answer.body;
}
