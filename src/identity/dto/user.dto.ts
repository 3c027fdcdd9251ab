import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { type Role, ROLES } from '../../access/roles.js';
import { type OrganisationKind, ORGANISATION_KINDS } from '../organisation-kinds.js';

export class CreateUserRequest {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(120) displayName: string;

  @ApiProperty({ format: 'uuid' }) @IsUUID() organisationId: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  areaIds: string[];

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() supervisorId?: string;
}

export class UpdateUserRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(120) displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  areaIds?: string[];

  @ApiPropertyOptional({ description: 'true disables the account and ends its sessions' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Who receives this user’s escalations; null for none' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  supervisorId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'Away until this instant: reminders go to the deputy meanwhile; null when back' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true, strictSeparator: true })
  awayUntil?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Who takes this user’s reminders while they are away; null for none' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  deputyId?: string | null;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ type: [String] }) areaIds: string[];
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) supervisorId: string | null;
  @ApiProperty({ nullable: true, type: Date }) awayUntil: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deputyId: string | null;
  @ApiProperty({ nullable: true, type: Date }) lastLoginAt: Date | null;
  @ApiProperty() version: number;
}

export class CreatedUserResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiPropertyOptional({ description: 'Shown once: give it to the user, who must change it at first sign-in' })
  temporaryPassword?: string;
  @ApiPropertyOptional({ description: 'Shown once, for partner_system clients: send as X-Api-Key' })
  apiKey?: string;
}

export class PasswordResetResponse {
  @ApiProperty({ description: 'Shown once; the user must change it at next sign-in' }) temporaryPassword: string;
}

export class UserListResponse {
  @ApiProperty({ type: [UserResponse] }) items: UserResponse[];
  @ApiProperty() total: number;
}

export class AreaResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class OrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty({ nullable: true, type: String }) teamEmail: string | null;
}

export class CreateOrganisationRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) @IsIn(ORGANISATION_KINDS) kind: OrganisationKind;
  @ApiPropertyOptional() @IsOptional() @IsEmail() teamEmail?: string;
}

export class MeResponse extends UserResponse {}
