import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, versionFromIfMatch, SendsBodyWithEtag, SendsEtag, type Versioned } from '../app/etag.js';
import { OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
import { CASE_ROLES } from '../access/roles.js';
import { DecideExpenseClaimRequest, ExpenseClaimResponse, ExpenseClaimsResponse, RecordExpenseClaimRequest } from './dto/expense-claim.dto.js';
import { ExpenseClaimsService } from './expense-claims.service.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('witness expenses')
@ApiBearerAuth()
@Controller('journeys/:id/expense-claims')
export class ExpenseClaimsController {
  constructor(private readonly claims: ExpenseClaimsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a witness expense claim received by the CPS', description: 'Opens the CPS’s duty to pay or refuse it within 10 working days (Code right 10).' })
  @VersionedWrite({ roles: CASE_ROLES, ifMatch: OPTIONAL_IF_MATCH, conflicts: [] })
  @ApiCreatedResponse({ type: ExpenseClaimResponse, description: 'With the claim’s ETag' })
  @SendsBodyWithEtag()
  record(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordExpenseClaimRequest,
  ): Promise<Versioned<ExpenseClaimResponse>> {
    return this.claims.record(actor, id, optionalVersion(ifMatch), body);
  }

  @Post(':claimId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the CPS paid or refused the claim' })
  @VersionedWrite({ roles: CASE_ROLES, ifMatch: ROW_IF_MATCH('claim'), conflicts: [] })
  @ApiOkResponse({ type: ExpenseClaimResponse, description: 'With the claim’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'EXPENSE_CLAIM_DECIDED' })
  @SendsEtag()
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('claimId', uuidParam('claimId')) claimId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: DecideExpenseClaimRequest,
  ): Promise<ExpenseClaimResponse> {
    return this.claims.decide(actor, id, claimId, versionFromIfMatch(ifMatch), body);
  }

  @Get()
  @AuditedRead(...CASE_ROLES)
  @ApiOperation({ summary: 'The witness’s expense claims with the CPS’s deadlines, newest first' })
  @ApiOkResponse({ type: ExpenseClaimsResponse })
  claimsOf(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ExpenseClaimsResponse> {
    return this.claims.list(actor, id);
  }
}
