import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsDefined, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { END_SCORE_MISSING_REASONS, type EndScoreMissingReason } from '../../../libs/cope-recover/src/index.js';
import { CLOSURE_REASONS, type ClosureReason } from '../../journeys/journey-vocabulary.js';
import { CopeRecoverScores } from './cope-recover.dto.js';

export class SatisfactionRequest {
  @ApiPropertyOptional({ minimum: 0, maximum: 10, description: 'How satisfied the victim was with the service, 0 to 10; or send declined: true' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  score?: number;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Only with a score' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ enum: [true], description: 'The victim was asked and chose not to answer' })
  @IsOptional()
  @Equals(true, { message: 'may only be true; leave it out when the victim answered' })
  declined?: true;
}

export class CloseJourneyRequest {
  @ApiProperty({ enum: CLOSURE_REASONS }) @IsIn(CLOSURE_REASONS) reason: ClosureReason;
  @ApiPropertyOptional({ maxLength: 2000, example: 'Support plan completed; victim feels safe at home' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;

  @ApiPropertyOptional({ type: CopeRecoverScores, description: 'The end cope-and-recover score, when not recorded before; or send endScoreMissingReason' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CopeRecoverScores)
  endScore?: CopeRecoverScores;

  @ApiPropertyOptional({ enum: END_SCORE_MISSING_REASONS, description: 'Why there is no end score, when none was recorded before' })
  @IsOptional()
  @IsIn(END_SCORE_MISSING_REASONS)
  endScoreMissingReason?: EndScoreMissingReason;

  @ApiProperty({ type: SatisfactionRequest, description: 'The satisfaction question is offered at closure: a score (with an optional comment), or declined: true' })
  @IsDefined({ message: 'is required: offer the satisfaction question at closure' })
  @ValidateNested()
  @Type(() => SatisfactionRequest)
  satisfaction: SatisfactionRequest;
}

export class ReopenJourneyRequest {
  @ApiProperty({ minLength: 1, maxLength: 1000, example: 'Victim asked for support again before the trial' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}
