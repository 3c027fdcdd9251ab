import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  ENHANCED_RIGHTS_CATEGORIES,
  OFFENCE_CATEGORIES,
  type EnhancedRightsCategory,
  type OffenceCategory,
} from '../../../libs/victims-code/src/index.js';
import { IsInstant } from '../../app/instant.js';
import { JOURNEY_ROLES, type JourneyRole, type JourneyStage } from '../../journeys/journey-vocabulary.js';
import { PersonDetails } from '../../people/dto/person.dto.js';

export const REFERRAL_CONSENT_ANSWERS = ['given', 'not_objected', 'objected'] as const;
export type ReferralConsentAnswer = (typeof REFERRAL_CONSENT_ANSWERS)[number];


export class ReferralCrime {
  @ApiProperty({ example: 'CLE/26/012345', description: 'The police crime reference; matched case-insensitively within the area' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  @Matches(/^[A-Za-z0-9/_.-]+$/, { message: 'may hold letters, digits and / _ . - only' })
  crimeReference: string;

  @ApiProperty({ enum: OFFENCE_CATEGORIES, example: 'burglary' })
  @IsIn(OFFENCE_CATEGORIES)
  offenceCategory: OffenceCategory;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-30' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  offenceDate?: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-31T10:15:00Z', description: 'When the crime was reported to the police' })
  @IsInstant()
  reportedAt: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The police force (an organisation); a partner system’s own force by default' })
  @IsOptional()
  @IsUUID()
  policeForceId?: string;
}

export class SharingConsentRequest {
  @ApiProperty({ example: 'Harbour (IDVA service)' }) @IsString() @MinLength(1) @MaxLength(200) agency: string;
  @ApiProperty({ example: 'Domestic abuse support' }) @IsString() @MinLength(1) @MaxLength(200) purpose: string;
  @ApiProperty({ description: 'Whether the victim agreed to share with this agency for this purpose' }) @IsBoolean() given: boolean;
}

export class ReferralConsent {
  @ApiProperty({
    enum: REFERRAL_CONSENT_ANSWERS,
    description:
      'Code right 4: referral is automatic unless the victim objects (`not_objected`), but sexual offences, domestic abuse ' +
      'and bereaved close relatives need the victim’s explicit consent (`given`). An objecting victim is not referred.',
  })
  @IsIn(REFERRAL_CONSENT_ANSWERS)
  referral: ReferralConsentAnswer;

  @ApiPropertyOptional({ example: 'PC 1234 Smith', description: 'Who recorded the consent' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  recordedBy?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsInstant()
  recordedAt?: string;

  @ApiPropertyOptional({ type: [SharingConsentRequest], description: 'Consent to share with named agencies, per purpose' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SharingConsentRequest)
  sharing?: SharingConsentRequest[];
}

export class EnhancedRightsRequest {
  @ApiProperty({ enum: ENHANCED_RIGHTS_CATEGORIES, isArray: true, example: ['vulnerable'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ENHANCED_RIGHTS_CATEGORIES.length)
  @IsIn(ENHANCED_RIGHTS_CATEGORIES, { each: true })
  categories: EnhancedRightsCategory[];

  @ApiPropertyOptional({ example: 'Victim is 16', description: 'Why the victim is entitled' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class CreateReferralRequest {
  @ApiProperty({ format: 'uuid', description: 'The area the victim is referred to; one of the caller’s' })
  @IsUUID()
  areaId: string;

  @ApiProperty({ enum: JOURNEY_ROLES, example: 'victim' })
  @IsIn(JOURNEY_ROLES)
  role: JourneyRole;

  @ApiPropertyOptional({ example: 'NICHE-REF-000123', description: 'The referrer’s own id for this referral' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  externalReference?: string;

  @ApiProperty({ type: ReferralCrime }) @ValidateNested() @Type(() => ReferralCrime) crime: ReferralCrime;
  @ApiProperty({ type: PersonDetails }) @ValidateNested() @Type(() => PersonDetails) person: PersonDetails;
  @ApiProperty({ type: ReferralConsent }) @ValidateNested() @Type(() => ReferralConsent) consent: ReferralConsent;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-03-31T14:05:00Z',
    description:
      'When the victim care service received the referral (e.g. an emailed referral keyed later); not in the future, not ' +
      'before the report. Defaults to now, when the API receives it. The police’s 2 working days are measured to it, and ' +
      'the first-contact duty runs from it.',
  })
  @IsOptional()
  @IsInstant()
  receivedAt?: string;

  @ApiPropertyOptional({
    type: EnhancedRightsRequest,
    description: 'When the police found the victim entitled to enhanced rights. Bases the facts show (offence category, age at the offence, vulnerability flags) are derived without it.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => EnhancedRightsRequest)
  enhancedRights?: EnhancedRightsRequest;
}

export class ReferralDutyResponse {
  @ApiProperty({ example: 'support.first-contact' }) ruleId: string;
  @ApiProperty({ example: 'victim_care_service' }) owner: string;
  @ApiProperty({ example: 'open' }) status: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) metAt: string | null;
}

export class ReferralResponse {
  @ApiProperty({ format: 'uuid' }) referralId: string;
  @ApiProperty({ enum: ['created', 'linked'], description: '`linked`: the person already had an open journey for this crime; the referral was added to it' })
  outcome: 'created' | 'linked';
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ example: 'VJ-2026-000123' }) reference: string;
  @ApiProperty({ example: 'referred' }) stage: JourneyStage;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) crimeId: string;
  @ApiProperty({ type: [ReferralDutyResponse], description: 'Duties this referral opened or met' }) duties: ReferralDutyResponse[];
}
