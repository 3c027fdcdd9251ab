import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { SUPPORT_ACTION_STATUSES, type SupportActionStatus } from '../support-vocabulary.js';
import { IsCalendarDate } from '../../app/instant.js';

export class AddSupportActionRequest {
  @ApiProperty({ example: 'Arrange a lock change with the housing provider', maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The worker who owns the action; this or ownerOrganisationId (or both)' })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The agency that owns the action; this or ownerUserId (or both)' })
  @IsOptional()
  @IsUUID()
  ownerOrganisationId?: string;

  @ApiProperty({ format: 'date', example: '2026-04-21' })
  @IsCalendarDate()
  dueOn: string;
}

export class SupportActionOwner {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organisationId?: string;
}

export const FINISHED_ACTION_STATUSES = ['done', 'cancelled'] as const;

export class UpdateSupportActionRequest {
  @ApiPropertyOptional({ maxLength: 2000, example: 'Arrange a lock change through the crime prevention scheme' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() dueOn?: string;

  @ApiPropertyOptional({ type: SupportActionOwner, description: 'The new owner(s): replaces both owners; one at least' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SupportActionOwner)
  owner?: SupportActionOwner;

  @ApiPropertyOptional({ enum: FINISHED_ACTION_STATUSES, description: '`done` records when; a done or cancelled action no longer changes' })
  @IsOptional()
  @IsIn(FINISHED_ACTION_STATUSES)
  status?: (typeof FINISHED_ACTION_STATUSES)[number];
}

export class SupportActionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerUserId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerOrganisationId: string | null;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: SUPPORT_ACTION_STATUSES }) status: SupportActionStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt: Date | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ description: 'Send as If-Match (ETag) to change the action' }) version: number;
}

export class SupportActionsResponse {
  @ApiProperty({ type: [SupportActionResponse], description: 'Open first, by due date' }) items: SupportActionResponse[];
}
