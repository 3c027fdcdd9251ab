import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { END_SCORE_MISSING_REASONS, type EndScoreMissingReason } from '../../../libs/cope-recover/src/index.js';
import { IsInstant } from '../../app/instant.js';

const ANSWERS_EXAMPLE = { health_wellbeing: 2, safety: 1, everyday_life: 3, informed: 1, justice_engagement: 2, support_network: 3 };
const ANSWERS_DESCRIPTION =
  'A score from 1 (not at all) to 5 (completely) for every domain of the framework: health_wellbeing, safety, everyday_life, informed, justice_engagement, support_network (cr-1)';

export class CopeRecoverScores {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: ANSWERS_EXAMPLE, description: ANSWERS_DESCRIPTION })
  @IsObject()
  answers: Record<string, unknown>;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the victim answered; now by default' })
  @IsOptional()
  @IsInstant()
  takenAt?: string;
}

export class RecordStartScoreRequest extends CopeRecoverScores {
  @ApiPropertyOptional({ example: 'cr-1', description: 'The framework the answers are given under; cr-1 by default' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  frameworkVersion?: string;
}

export class RecordEndScoreRequest {
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer' }, example: ANSWERS_EXAMPLE, description: `${ANSWERS_DESCRIPTION}; or send missingReason` })
  @IsOptional()
  @IsObject()
  answers?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: END_SCORE_MISSING_REASONS, description: 'Why no end score was taken; or send answers' })
  @IsOptional()
  @IsIn(END_SCORE_MISSING_REASONS)
  missingReason?: EndScoreMissingReason;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the victim answered (or the score was found missing); now by default' })
  @IsOptional()
  @IsInstant()
  takenAt?: string;
}

export class CopeRecoverMeasureView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['start', 'end'] }) point: 'start' | 'end';
  @ApiProperty({ example: 'cr-1' }) frameworkVersion: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, nullable: true }) answers: Record<string, number> | null;
  @ApiProperty({ enum: END_SCORE_MISSING_REASONS, nullable: true }) missingReason: EndScoreMissingReason | null;
  @ApiProperty({ format: 'date-time' }) takenAt: Date;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
}

export class DomainChangeView {
  @ApiProperty({ example: 'safety' }) domain: string;
  @ApiProperty() start: number;
  @ApiProperty() end: number;
  @ApiProperty({ description: 'end - start' }) change: number;
  @ApiProperty() improved: boolean;
}

export class ScoreChangeView {
  @ApiProperty({ example: 'cr-1' }) frameworkVersion: string;
  @ApiProperty({ type: [DomainChangeView] }) domains: DomainChangeView[];
  @ApiProperty() overallChange: number;
  @ApiProperty({ description: 'Better able to cope and recover: the changes add up to the threshold and no domain got worse by 2 or more' })
  overallImproved: boolean;
  @ApiProperty({ type: [String] }) worsenedDomains: string[];
}

export class CopeRecoverResponse {
  @ApiProperty({ type: CopeRecoverMeasureView, nullable: true }) start: CopeRecoverMeasureView | null;
  @ApiProperty({ type: CopeRecoverMeasureView, nullable: true }) end: CopeRecoverMeasureView | null;
  @ApiProperty({ type: ScoreChangeView, nullable: true, description: 'When both start and end were answered' }) change: ScoreChangeView | null;
}
