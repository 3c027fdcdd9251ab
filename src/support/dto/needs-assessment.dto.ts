import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import {
  ASSESSMENT_DECISIONS,
  NEED_AREAS,
  NEED_LEVELS,
  type AssessmentDecision,
  type NeedArea,
  type NeedLevel,
} from '../support-vocabulary.js';
import { CopeRecoverScores } from './cope-recover.dto.js';
import { IsInstant } from '../../app/instant.js';

export class AssessedNeedRequest {
  @ApiProperty({ enum: NEED_AREAS }) @IsIn(NEED_AREAS) area: NeedArea;
  @ApiProperty({ enum: NEED_LEVELS }) @IsIn(NEED_LEVELS) level: NeedLevel;
  @ApiPropertyOptional({ maxLength: 2000, example: 'Front door lock broken in the burglary' }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

export class RecordNeedsAssessmentRequest {
  @ApiProperty({ format: 'date-time', example: '2026-04-15T10:00:00Z' })
  @IsInstant()
  completedAt: string;

  @ApiProperty({ type: [AssessedNeedRequest], description: `Every need area exactly once: ${NEED_AREAS.join(', ')}` })
  @IsArray()
  @ArrayMaxSize(NEED_AREAS.length)
  @ValidateNested({ each: true })
  @Type(() => AssessedNeedRequest)
  needs: AssessedNeedRequest[];

  @ApiProperty({ enum: ASSESSMENT_DECISIONS, description: '`accepted` starts support and needs a start cope-and-recover score' })
  @IsIn(ASSESSMENT_DECISIONS)
  decision: AssessmentDecision;

  @ApiPropertyOptional({ maxLength: 200, description: 'Required when, and only when, the decision is `signposted`', example: 'Citizens Advice Middlesbrough' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  signpostedTo?: string;

  @ApiPropertyOptional({ maxLength: 4000, example: 'Lock change and a referral to the ISVA service agreed' }) @IsOptional() @IsString() @MaxLength(4000) notes?: string;

  @ApiPropertyOptional({ type: CopeRecoverScores, description: 'The start cope-and-recover score, when not recorded before (framework cr-1)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CopeRecoverScores)
  startScore?: CopeRecoverScores;
}

export class AssessedNeedView {
  @ApiProperty({ enum: NEED_AREAS }) area: NeedArea;
  @ApiProperty({ enum: NEED_LEVELS }) level: NeedLevel;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
}

export class NeedsAssessmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ format: 'date-time' }) completedAt: Date;
  @ApiProperty({ format: 'uuid' }) assessedBy: string;
  @ApiProperty({ enum: ASSESSMENT_DECISIONS }) decision: AssessmentDecision;
  @ApiProperty({ nullable: true, type: String }) signpostedTo: string | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ type: [AssessedNeedView] }) needs: AssessedNeedView[];
}

export class NeedsAssessmentsResponse {
  @ApiProperty({ type: [NeedsAssessmentResponse], description: 'Newest first' }) items: NeedsAssessmentResponse[];
}
