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
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
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

export class ChainVerificationResponse {
  @ApiProperty() valid: boolean;
  @ApiProperty() checked: number;
  @ApiPropertyOptional({ description: 'The first sequence number whose hash does not match' }) brokenAtSeq?: string;
}
