import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import {
  DUTY_WITHDRAWAL_REASONS,
  ENHANCED_RIGHTS_CATEGORIES,
  type DutyWithdrawalReason,
  type EnhancedRightsCategory,
  type InformationKind,
} from '../../../libs/victims-code/src/index.js';
import { STAFF_BASIS_REASONS, type BasisReason } from '../enhanced-bases.js';
import { PageQuery } from '../../app/pagination.js';
import { HANDOVER_REASONS, JOURNEY_STAGES, type HandoverReason, type JourneyStage } from '../journey-vocabulary.js';
import { NamedRef } from './journey.dto.js';

/** Kinds of information a victim may opt out of (the Code's "contact-preference" events). */
export const INFORMATION_KINDS: readonly InformationKind[] = [
  'police_decision',
  'cps_decision',
  'hearing',
  'bail',
  'outcome',
  'appeal',
  'victim_contact_scheme',
];

export class AssignLeadRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'An enabled caseworker or supervisor working in the journey’s area' })
  @IsOptional()
  @IsUUID()
  workerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The lead organisation; defaults to the worker’s own' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ enum: HANDOVER_REASONS, description: 'Required when the journey passes from one lead to another' })
  @IsOptional()
  @IsIn(HANDOVER_REASONS)
  reason?: HandoverReason;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Why, in words; required with a handover', example: 'Victim needs an ISVA; handed to Harbour with her agreement' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note?: string;
}

/** Why staff remove a basis of enhanced rights: codes only, so the timeline and the audit log can say why. */
export const BASIS_REMOVAL_REASONS = ['facts_incorrect', 'recorded_in_error', 'not_applicable'] as const;
export type BasisRemovalReason = (typeof BASIS_REMOVAL_REASONS)[number];

export class EnhancedBasisRequest {
  @ApiProperty({ enum: ENHANCED_RIGHTS_CATEGORIES, example: 'intimidated' })
  @IsIn(ENHANCED_RIGHTS_CATEGORIES)
  category: EnhancedRightsCategory;

  @ApiProperty({
    enum: STAFF_BASIS_REASONS,
    example: 'fear_or_distress_about_testifying',
    description: 'The Code’s ground (as libs/victims-code names them), or `staff_finding`. Giving a basis the facts already show confirms it.',
  })
  @IsIn(STAFF_BASIS_REASONS)
  reason: BasisReason;
}

export class EnhancedBasisRemovalRequest extends EnhancedBasisRequest {
  @ApiProperty({ enum: BASIS_REMOVAL_REASONS, description: 'Why the basis goes: required, shown on the timeline and audited' })
  @IsIn(BASIS_REMOVAL_REASONS)
  removalReason: BasisRemovalReason;
}

export class RecordEnhancedRightsRequest {
  @ApiPropertyOptional({ enum: ENHANCED_RIGHTS_CATEGORIES, isArray: true, minItems: 1, description: 'Categories found, each recorded as a staff basis (`staff_finding`); give `reason` with them' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ENHANCED_RIGHTS_CATEGORIES, { each: true })
  categories?: EnhancedRightsCategory[];

  @ApiPropertyOptional({ maxLength: 2000, example: 'Victim is 16', description: 'Why, in words; required with `categories`' })
  @ValidateIf((request: RecordEnhancedRightsRequest) => request.categories !== undefined || request.reason !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ type: [EnhancedBasisRequest], description: 'Bases to add, or (when the facts already show one) to confirm, with who and when' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EnhancedBasisRequest)
  bases?: EnhancedBasisRequest[];

  @ApiPropertyOptional({ type: [EnhancedBasisRemovalRequest], description: 'Bases to remove, each with why (audited). Duties already opened keep their deadlines.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EnhancedBasisRemovalRequest)
  removals?: EnhancedBasisRemovalRequest[];

  @ApiPropertyOptional({ format: 'date-time', description: 'When the entitlement was found; not in the future; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  decidedAt?: string;
}

export class WithdrawDutyRequest {
  @ApiProperty({ enum: DUTY_WITHDRAWAL_REASONS, description: 'recorded_in_error and duplicate say it was never owed (left out of compliance, even past due); not_applicable may not erase a breach' })
  @IsIn(DUTY_WITHDRAWAL_REASONS)
  reason: DutyWithdrawalReason;

  @ApiProperty({ maxLength: 2000, example: 'Referral keyed twice; the other journey holds it', description: 'Why, in words: kept on the duty, never on the timeline' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}

export class ContactPreferencesRequest {
  @ApiProperty({ enum: INFORMATION_KINDS, isArray: true, description: 'Every kind the victim does not want to be told of (the whole list: kinds left out are opted back in)' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(INFORMATION_KINDS.length)
  @IsIn(INFORMATION_KINDS, { each: true })
  optedOutOf: InformationKind[];

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 200, description: 'A named person to be told through; null to clear; absent to keep', example: 'Her sister, Jo (07700 900456)' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  informationVia?: string | null;
}

export class RecordSharingConsentRequest {
  @ApiProperty({ maxLength: 200, example: 'Local housing authority' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agency: string;

  @ApiProperty({ maxLength: 500, example: 'Emergency rehousing' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  purpose: string;

  @ApiProperty({ description: 'Whether the victim agreed' })
  @IsBoolean()
  given: boolean;
}

export class WithdrawSharingConsentRequest {
  @ApiProperty({ maxLength: 2000, example: 'Victim no longer wants the housing association involved' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class SharingConsentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() agency: string;
  @ApiProperty() purpose: string;
  @ApiProperty() given: boolean;
  @ApiProperty({ format: 'date-time' }) recordedAt: Date;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) withdrawnAt: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) withdrawnBy: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawalReason: string | null;
  @ApiProperty() version: number;
}

export class SharingConsentsResponse {
  @ApiProperty({ type: [SharingConsentView], description: 'Oldest first' }) items: SharingConsentView[];
}

export class JourneySearchQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'VJ-2026-000123', description: 'Exact journey reference' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  reference?: string;

  @ApiPropertyOptional({ example: 'CLE/26/012345', description: 'Exact crime reference, any case' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  crimeReference?: string;

  @ApiPropertyOptional({ example: 'Ann Exa', description: 'Family name prefix, or "given family" prefixes; needs X-Access-Reason' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ enum: JOURNEY_STAGES })
  @IsOptional()
  @IsIn(JOURNEY_STAGES)
  stage?: JourneyStage;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  areaId?: string;
}

export class JourneySummaryPerson {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dateOfBirth: string | null;
}

export class JourneySummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: JOURNEY_STAGES }) stage: string;
  @ApiProperty({ enum: ['victim', 'witness'] }) role: string;
  @ApiProperty({ format: 'uuid' }) areaId: string;
  @ApiProperty({ type: JourneySummaryPerson }) person: JourneySummaryPerson;
  @ApiProperty() crimeReference: string;
  @ApiProperty({ type: NamedRef, nullable: true }) leadWorker: NamedRef | null;
  @ApiProperty({ description: 'Entitled to enhanced rights' }) enhanced: boolean;
  @ApiProperty({ format: 'date-time' }) referredAt: Date;
}

export class JourneySearchResponse {
  @ApiProperty({ type: [JourneySummary] }) items: JourneySummary[];
  @ApiProperty() total: number;
}
