import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { AUDIT_READERS } from '../access/roles.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditVerifier } from './audit-verifier.js';
import { AccessLogQuery, AuditPageResponse, AuditQuery, ChainVerificationResponse, PersonAccessResponse, VerifyQuery } from './dto/audit.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Roles(...AUDIT_READERS)
export class AuditController {
  constructor(
    private readonly auditLog: AuditLogService,
    private readonly verifier: AuditVerifier,
  ) {}

  @Get('entries')
  @ApiOkResponse({ type: AuditPageResponse })
  search(@CurrentActor() actor: Actor, @Query() query: AuditQuery): Promise<AuditPageResponse> {
    return this.auditLog.search(actor, query);
  }

  @Get('people/:id/access')
  @ApiOkResponse({ type: PersonAccessResponse, description: "Who read or changed this person's record in [from, to)" })
  personAccess(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: AccessLogQuery,
  ): Promise<PersonAccessResponse> {
    return this.auditLog.personAccess(actor, id, query.from, query.to);
  }

  @Get('verify')
  @ApiOkResponse({
    type: ChainVerificationResponse,
    description: 'Recomputes the sealed chain and its signed heads; reports gaps, altered or missing rows, truncation, and the unsealed tail',
  })
  verify(@Query() query: VerifyQuery): Promise<ChainVerificationResponse> {
    const known = query.treeSize && query.chainHash ? { treeSize: query.treeSize, chainHash: query.chainHash } : undefined;
    return this.verifier.verify(known);
  }
}
