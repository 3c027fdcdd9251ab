import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency-headers.js';
import { idempotencyKeyFrom } from '../idempotency/idempotency.store.js';
import { partnerRetry } from './crime-work.js';
import { CrimeReclassificationService } from './crime-reclassification.service.js';
import { ReclassifyCrimeRequest, ReclassifyCrimeResponse } from './dto/reclassification.dto.js';
import type { Actor } from '../access/actor.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES, CASE_ROLES_AND_PARTNERS, POLICE_STEP_RECORDERS } from '../access/roles.js';
import { CrimesService } from './crimes.service.js';
import { CrimeLookupQuery, CrimeLookupResponse, CrimeResponse } from './dto/crime.dto.js';

@ApiTags('crimes')
@ApiBearerAuth()
@Controller('crimes')
export class CrimesController {
  constructor(
    private readonly crimes: CrimesService,
    private readonly reclassification: CrimeReclassificationService,
  ) {}

  @Get()
  @Roles(...CASE_ROLES_AND_PARTNERS)
  @ApiOperation({
    summary: 'Find a crime by the police crime reference, in your areas',
    description: 'Partner systems use it to learn the id that crime-level routes (decisions, hearings) take. No personal data.',
  })
  @ApiOkResponse({ type: CrimeLookupResponse })
  lookup(@CurrentActor() actor: Actor, @Query() query: CrimeLookupQuery): Promise<CrimeLookupResponse> {
    return this.crimes.lookup(actor, query.reference);
  }

  @Get(':id')
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'A crime with every journey on it and its defendants' })
  @ApiOkResponse({ type: CrimeResponse })
  @ApiNotFoundResponse({ description: 'No such crime in your areas' })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<CrimeResponse> {
    return this.crimes.get(actor, id);
  }

  @Post(':id/reclassifications')
  @HttpCode(200)
  @Roles(...POLICE_STEP_RECORDERS)
  @ApiOperation({
    summary: 'Record that the police reclassified the crime or corrected its offence date',
    description:
      'Every journey on the crime gets `crime.reclassified` on its timeline, and its enhanced rights are derived again from ' +
      'the new facts (a most serious crime from the offence; under 18 at the offence from the offence date): duties opened ' +
      'from then on run to the enhanced timescales. A basis the new facts no longer show stays until staff remove it with ' +
      'a reason. Audited. Partner systems must send an Idempotency-Key.',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiOkResponse({ type: ReclassifyCrimeResponse })
  @ApiNotFoundResponse({ description: 'No such crime in your areas' })
  async reclassify(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: ReclassifyCrimeRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReclassifyCrimeResponse> {
    const retry = partnerRetry(idempotencyKeyFrom(key, actor.roles.includes('partner_system')), 'crime.reclassify', { id, ...body });
    const answer = await this.reclassification.reclassify(actor, id, body, retry);
    if (answer.replayed) void reply.header('idempotent-replayed', 'true');
    return answer.body;
  }
}
