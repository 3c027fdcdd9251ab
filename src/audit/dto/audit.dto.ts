import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { InstantQueryParam } from '../../app/instant.js';
import { AUDIT_ACTIONS, type AuditAction } from '../entities/audit-entry.entity.js';

export class AuditQuery {
  @ApiPropertyOptional({ example: 'person' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,64}$/)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @InstantQueryParam()
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @InstantQueryParam()
  to?: Date;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 100;

  @ApiPropertyOptional({ description: 'Return entries after this sequence number (keyset pagination)' })
  @IsOptional()
  @Matches(/^\d{1,18}$/)
  afterSeq?: string;
}

export class AccessLogQuery {
  @ApiProperty({ format: 'date-time' })
  @InstantQueryParam()
  from: Date;

  @ApiProperty({ format: 'date-time' })
  @InstantQueryParam()
  to: Date;
}

export class AuditEntryResponse {
  @ApiProperty() seq: string;
  @ApiProperty() at: Date;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty({ nullable: true, type: String }) actorOrganisationId: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: AuditAction;
  @ApiProperty() entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: String }) areaId: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the record was consulted (X-Access-Reason)' }) reason: string | null;
  @ApiProperty({ type: [String], description: 'The people the audited answer exposed' }) personIds: string[];
  @ApiProperty({ type: Object }) details: Record<string, unknown>;
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditEntryResponse] }) items: AuditEntryResponse[];
  @ApiPropertyOptional({ description: 'Pass as afterSeq for the next page' }) nextAfterSeq?: string;
}

export class PersonAccessResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: [AuditEntryResponse] }) entries: AuditEntryResponse[];
  @ApiProperty({ description: 'Distinct users who read or changed the record in the range' }) distinctUsers: number;
}

export class VerifyQuery {
  @ApiPropertyOptional({ description: 'The size of a tree head you saved earlier (from this answer or the worker’s log)' })
  @IsOptional()
  @Matches(/^\d{1,18}$/)
  treeSize?: string;

  @ApiPropertyOptional({ description: 'That head’s chain hash: the answer says whether the log still holds it' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  chainHash?: string;
}

export class AuditHeadResponse {
  @ApiProperty({ description: 'Rows sealed: the last gap-free position' }) treeSize: string;
  @ApiProperty({ description: 'Keyed chain hash at that position' }) chainHash: string;
  @ApiProperty({ description: 'RFC 9162 Merkle tree hash of the last sealed range' }) rangeRoot: string;
  @ApiProperty() sealedAt: string;
  @ApiProperty({ description: 'HMAC of the head with the audit chain key' }) signature: string;
}

export class ChainProblemResponse {
  @ApiProperty({
    enum: ['missing_positions', 'entry_missing', 'entry_altered', 'head_invalid', 'heads_not_contiguous', 'unsigned_tail', 'rows_outside_chain', 'truncated', 'rewritten'],
  })
  kind: string;
  @ApiProperty() detail: string;
  @ApiPropertyOptional() position?: string;
  @ApiPropertyOptional() seq?: string;
}

export class ChainVerificationResponse {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'Sealed rows checked' }) checked: number;
  @ApiProperty({ description: 'Rows written but not sealed yet (sealed within seconds by the worker)' }) unsealed: number;
  @ApiProperty({ type: AuditHeadResponse, nullable: true, description: 'The latest signed tree head: keep a copy outside the service' })
  head: AuditHeadResponse | null;
  @ApiProperty({ type: [ChainProblemResponse] }) problems: ChainProblemResponse[];
  @ApiPropertyOptional({ description: 'The first row whose content no longer matches its seal' }) brokenAtSeq?: string;
}
