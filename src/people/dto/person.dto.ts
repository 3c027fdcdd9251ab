import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CONTACT_METHODS, VULNERABILITY_FLAGS, type ContactMethod, type VulnerabilityFlag } from '../entities/person.entity.js';

export class CreatePersonRequest {
  @ApiProperty({ format: 'uuid', description: 'The area the record belongs to; one of yours' })
  @IsUUID()
  areaId: string;

  @ApiProperty({ example: 'Ann' }) @IsString() @MinLength(1) @MaxLength(100) givenName: string;
  @ApiProperty({ example: 'Example' }) @IsString() @MinLength(1) @MaxLength(100) familyName: string;

  @ApiPropertyOptional({ format: 'date', example: '1990-04-21' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: 'ann@example.invalid' }) @IsOptional() @IsEmail() @MaxLength(254) email?: string;

  @ApiPropertyOptional({ example: '07700 900123' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{7,20}$/, { message: 'must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ example: '1 Example Street' }) @IsOptional() @IsString() @MaxLength(200) addressLine1?: string;
  @ApiPropertyOptional({ example: 'Linthorpe' }) @IsOptional() @IsString() @MaxLength(200) addressLine2?: string;
  @ApiPropertyOptional({ example: 'Middlesbrough' }) @IsOptional() @IsString() @MaxLength(100) town?: string;

  @ApiPropertyOptional({ example: 'TS1 2AB' })
  @IsOptional()
  @Matches(/^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/, { message: 'must be a UK postcode' })
  postcode?: string;

  @ApiPropertyOptional({ enum: CONTACT_METHODS }) @IsOptional() @IsIn(CONTACT_METHODS) preferredContactMethod?: ContactMethod;
  @ApiPropertyOptional({ example: 'Weekday mornings' }) @IsOptional() @IsString() @MaxLength(200) preferredContactTimes?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() safeToLeaveMessages?: boolean;
  @ApiPropertyOptional({ example: 'Polish' }) @IsOptional() @IsString() @MaxLength(60) language?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() interpreterNeeded?: boolean;
  @ApiPropertyOptional({ example: 'Prefers written information in plain English' }) @IsOptional() @IsString() @MaxLength(1000) communicationNeeds?: string;
  @ApiPropertyOptional({ example: 'Uses a wheelchair; ground-floor rooms only' }) @IsOptional() @IsString() @MaxLength(1000) disability?: string;

  @ApiPropertyOptional({ enum: VULNERABILITY_FLAGS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(VULNERABILITY_FLAGS.length)
  @IsIn(VULNERABILITY_FLAGS, { each: true })
  vulnerabilityFlags?: VulnerabilityFlag[];
}

/** A person's details as a referral carries them: the area is the referral's. */
export class PersonDetails extends OmitType(CreatePersonRequest, ['areaId'] as const) {}

export class UpdatePersonRequest extends PartialType(OmitType(CreatePersonRequest, ['areaId'] as const)) {}

export class PersonResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) areaId: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dateOfBirth: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) addressLine1: string | null;
  @ApiProperty({ nullable: true, type: String }) addressLine2: string | null;
  @ApiProperty({ nullable: true, type: String }) town: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode: string | null;
  @ApiProperty({ nullable: true, enum: CONTACT_METHODS }) preferredContactMethod: string | null;
  @ApiProperty({ nullable: true, type: String }) preferredContactTimes: string | null;
  @ApiProperty() safeToLeaveMessages: boolean;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
  @ApiProperty() interpreterNeeded: boolean;
  @ApiProperty({ nullable: true, type: String }) communicationNeeds: string | null;
  @ApiProperty({ nullable: true, type: String }) disability: string | null;
  @ApiProperty({ enum: VULNERABILITY_FLAGS, isArray: true }) vulnerabilityFlags: string[];
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class PersonSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) areaId: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dateOfBirth: string | null;
}

export class PersonListResponse {
  @ApiProperty({ type: [PersonSummary] }) items: PersonSummary[];
  @ApiProperty() total: number;
}
