import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { optionalVersion, setEtag, versionFromIfMatch } from '../app/etag.js';
import { ACCESS_REASON_HEADER, OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES } from '../access/roles.js';
import { DecideExpenseClaimRequest, ExpenseClaimResponse, ExpenseClaimsResponse, RecordExpenseClaimRequest } from './dto/expense-claim.dto.js';
import { ExpenseClaimsService } from './expense-claims.service.js';

@ApiTags('witness expenses')
@ApiBearerAuth()
@Controller('journeys/:id/expense-claims')
export class ExpenseClaimsController {
  constructor(private readonly claims: ExpenseClaimsService) {}

  @Post()
  @HttpCode(201)
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'Record a witness expense claim received by the CPS', description: 'Opens the CPS’s duty to pay or refuse it within 10 working days (Code right 10).' })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: ExpenseClaimResponse, description: 'With the claim’s ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  async record(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordExpenseClaimRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ExpenseClaimResponse> {
    const answer = await this.claims.record(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Post(':claimId/decision')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'Record that the CPS paid or refused the claim' })
  @ApiHeader(ROW_IF_MATCH('claim'))
  @ApiOkResponse({ type: ExpenseClaimResponse, description: 'With the claim’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'EXPENSE_CLAIM_DECIDED' })
  async decide(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('claimId', uuidParam('claimId')) claimId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: DecideExpenseClaimRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ExpenseClaimResponse> {
    const claim = await this.claims.decide(actor, id, claimId, versionFromIfMatch(ifMatch), body);
    setEtag(reply, claim.version);
    return claim;
  }

  @Get()
  @Roles(...CASE_ROLES)
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOperation({ summary: 'The witness’s expense claims with the CPS’s deadlines, newest first' })
  @ApiOkResponse({ type: ExpenseClaimsResponse })
  claimsOf(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ExpenseClaimsResponse> {
    return this.claims.list(actor, id);
  }
}
