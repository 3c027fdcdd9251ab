import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../identity/organisation-kinds.js';
import { DUTY_OWNER_KINDS, type DutyOwnerKind } from '../duty-owner-kinds.js';

export class DirectoryQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this area’s entries' }) @IsOptional() @IsUUID() areaId?: string;
}

export class CreateDirectoryEntryRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() areaId: string;

  @ApiProperty({ enum: DUTY_OWNER_KINDS, description: 'Who owes the duty, as the Victims’ Code rules name it' })
  @IsIn(DUTY_OWNER_KINDS)
  ownerKind: DutyOwnerKind;

  @ApiProperty({ format: 'uuid', description: 'The organisation that owes such duties in the area (of a kind that fits the owner)' })
  @IsUUID()
  organisationId: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The team mailbox for this area; the organisation’s own team email when absent' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  teamMailbox?: string | null;
}

export class UpdateDirectoryEntryRequest {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organisationId?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null clears it (the organisation’s own team email applies)' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsEmail()
  @MaxLength(254)
  teamMailbox?: string | null;
}

export class DirectoryEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) areaId: string;
  @ApiProperty({ enum: DUTY_OWNER_KINDS }) ownerKind: DutyOwnerKind;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) organisationKind: OrganisationKind;
  @ApiProperty({ nullable: true, type: String, description: 'As set on the entry' }) teamMailbox: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Where team reminders go: the entry’s mailbox, else the organisation’s team email' })
  effectiveTeamMailbox: string | null;
  @ApiProperty() version: number;
}
