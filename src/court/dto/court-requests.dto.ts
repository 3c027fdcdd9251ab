import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { IsInstant, ReceivedAtProperty } from '../../app/instant.js';
import {
  ADJOURNMENT_REASONS,
  APPEAL_GROUNDS,
  APPEAL_RESULTS,
  APPEAL_STAGES,
  APPELLANTS,
  BAIL_DECISION_KINDS,
  DISPOSALS,
  HEARING_TYPES,
  INFORMING_METHODS,
  PLEAS,
  VACATION_REASONS,
  VERDICTS,
  type AdjournmentReason,
  type AppealGround,
  type AppealResult,
  type AppealStage,
  type Appellant,
  type BailDecisionKind,
  type Disposal,
  type HearingType,
  type InformingMethod,
  type Plea,
  type VacationReason,
  type Verdict,
} from '../court-vocabulary.js';
import { EFFECTIVENESS_REASON_CODES, TRIAL_EFFECTIVENESS, type EffectivenessReason, type TrialEffectiveness } from '../trial-effectiveness.js';

export class CourtsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'One of your areas; all of them when left out' }) @IsOptional() @IsUUID() areaId?: string;
}

export class ListHearingRequest {
  @ApiProperty({ enum: HEARING_TYPES }) @IsIn(HEARING_TYPES) type: HearingType;
  @ApiProperty({ format: 'uuid', description: 'A court of the crime’s area (GET /courts)' }) @IsUUID() courtId: string;
  @ApiProperty({ format: 'date-time', description: 'When the hearing is listed for' }) @IsInstant() listedFor: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Defendants of the crime listed for the hearing' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  defendantIds: string[];
  @ReceivedAtProperty() receivedAt?: string;
}

export class MoveHearingRequest {
  @ApiProperty({ format: 'date-time', description: 'The new date and time' }) @IsInstant() listedFor: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The new court, when it moves court too' }) @IsOptional() @IsUUID() courtId?: string;
  @ReceivedAtProperty() receivedAt?: string;
}

export class AdjournHearingRequest {
  @ApiProperty({ format: 'date-time', description: 'When the court adjourned it' }) @IsInstant() adjournedAt: string;
  @ApiProperty({ enum: ADJOURNMENT_REASONS }) @IsIn(ADJOURNMENT_REASONS) reason: AdjournmentReason;
  @ApiPropertyOptional({ format: 'date-time', description: 'The new date and time, if the court gave one (the hearing stays listed)' })
  @IsOptional()
  @IsInstant()
  relistedFor?: string;
  @ReceivedAtProperty() receivedAt?: string;
}

export class VacateHearingRequest {
  @ApiProperty({ enum: VACATION_REASONS }) @IsIn(VACATION_REASONS) reason: VacationReason;
  @ReceivedAtProperty() receivedAt?: string;
}

export class PleaEntry {
  @ApiProperty({ format: 'uuid' }) @IsUUID() defendantId: string;
  @ApiProperty({ enum: PLEAS }) @IsIn(PLEAS) plea: Plea;
}

export class HearingResultRequest {
  @ApiProperty({ format: 'date-time' }) @IsInstant() heardAt: string;
  @ApiPropertyOptional({ type: [PleaEntry], description: 'Pleas entered; a not-guilty plea opens the witness needs assessment on every journey' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PleaEntry)
  pleas?: PleaEntry[];
  @ApiPropertyOptional({ enum: TRIAL_EFFECTIVENESS, description: 'Trials only' }) @IsOptional() @IsIn(TRIAL_EFFECTIVENESS) effectiveness?: TrialEffectiveness;
  @ApiPropertyOptional({ enum: EFFECTIVENESS_REASON_CODES, description: 'Required for a cracked or ineffective trial, and must explain it (GET /courts/effectiveness-reasons)' })
  @IsOptional()
  @IsIn(EFFECTIVENESS_REASON_CODES)
  effectivenessReason?: EffectivenessReason;
}

export class RecordBailDecisionRequest {
  @ApiProperty({ enum: BAIL_DECISION_KINDS }) @IsIn(BAIL_DECISION_KINDS) kind: BailDecisionKind;
  @ApiProperty({ format: 'date-time' }) @IsInstant() decidedAt: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() defendantId: string;
  @ReceivedAtProperty() receivedAt?: string;
}

export class RecordVerdictRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() defendantId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The hearing it was given at' }) @IsOptional() @IsUUID() hearingId?: string;
  @ApiProperty({ enum: VERDICTS }) @IsIn(VERDICTS) verdict: Verdict;
  @ApiProperty({ format: 'date-time' }) @IsInstant() verdictAt: string;
  @ReceivedAtProperty() receivedAt?: string;
}

export class RecordSentenceRequest {
  @ApiProperty({ format: 'date-time' }) @IsInstant() sentencedAt: string;
  @ApiProperty({ enum: DISPOSALS }) @IsIn(DISPOSALS) disposal: Disposal;
  @ApiProperty({ minimum: 0, maximum: 1200, description: 'Months of immediate custody (at least 1 for a custodial sentence); 0 otherwise' })
  @IsInt()
  @Min(0)
  @Max(1200)
  custodialMonths: number;
  @ApiProperty({ description: 'Whether the offence is violent or sexual (Victim Contact Scheme)' }) @IsBoolean() offenceViolentOrSexual: boolean;
  @ReceivedAtProperty() receivedAt?: string;
}

export class LodgeAppealRequest {
  @ApiProperty({ format: 'date-time' }) @IsInstant() lodgedAt: string;
  @ApiProperty({ enum: APPELLANTS }) @IsIn(APPELLANTS) by: Appellant;
  @ApiProperty({ enum: APPEAL_GROUNDS }) @IsIn(APPEAL_GROUNDS) against: AppealGround;
  @ReceivedAtProperty() receivedAt?: string;
}

export class ListAppealHearingRequest {
  @ApiProperty({ format: 'date-time' }) @IsInstant() listedFor: string;
  @ApiProperty({ format: 'uuid', description: 'A court of the crime’s area' }) @IsUUID() courtId: string;
  @ReceivedAtProperty() receivedAt?: string;
}

export class DecideAppealRequest {
  @ApiProperty({ format: 'date-time' }) @IsInstant() decidedAt: string;
  @ApiProperty({ enum: APPEAL_RESULTS }) @IsIn(APPEAL_RESULTS) result: AppealResult;
  @ReceivedAtProperty() receivedAt?: string;
}

export class InformedRequest {
  @ApiProperty({ format: 'date-time', description: 'When the victim or witness was told' }) @IsInstant() informedAt: string;
  @ApiProperty({ enum: INFORMING_METHODS }) @IsIn(INFORMING_METHODS) method: InformingMethod;
}

export class HearingInformedRequest extends InformedRequest {
  @ApiProperty({ minimum: 1, description: 'The hearing version told of (its date, time and place as they then stood)' })
  @IsInt()
  @Min(1)
  hearingVersion: number;
}

export class AppealInformedRequest extends InformedRequest {
  @ApiProperty({ enum: APPEAL_STAGES }) @IsIn(APPEAL_STAGES) appealStage: AppealStage;
}
