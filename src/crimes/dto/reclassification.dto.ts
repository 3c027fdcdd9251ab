import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { OFFENCE_CATEGORIES, type EnhancedRightsCategory, type OffenceCategory } from '../../../libs/victims-code/src/index.js';
import { IsInstant } from '../../app/instant.js';

/** The police reclassified the crime, or corrected when it happened. */
export class ReclassifyCrimeRequest {
  @ApiPropertyOptional({ enum: OFFENCE_CATEGORIES, example: 'sexual_offence', description: 'The offence as the police now record it' })
  @IsOptional()
  @IsIn(OFFENCE_CATEGORIES)
  offenceCategory?: OffenceCategory;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-30', description: 'When the offence happened, corrected (decides whether a victim was under 18 at the offence)' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  offenceDate?: string;

  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Why the crime was reclassified (shown on each journey’s timeline)' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the service received the reclassification (defaults to now)' })
  @IsOptional()
  @IsInstant()
  receivedAt?: string;
}

export class OffenceFacts {
  @ApiProperty({ enum: OFFENCE_CATEGORIES }) offenceCategory: OffenceCategory;
  @ApiProperty({ format: 'date', nullable: true, type: String }) offenceDate: string | null;
}

export class EnhancedBasisAdded {
  @ApiProperty({ enum: ['most_serious_crime', 'vulnerable', 'intimidated', 'persistently_targeted'] }) category: EnhancedRightsCategory;
  @ApiProperty({ description: 'Why the facts show it, e.g. the offence category or under 18 at the offence' }) reason: string;
}

export class ReclassifiedJourney {
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ type: [EnhancedBasisAdded], description: 'Bases for enhanced rights the new facts show that the journey did not hold: duties opened from now on run to enhanced timescales' })
  enhancedBasesAdded: EnhancedBasisAdded[];
}

export class ReclassifyCrimeResponse {
  @ApiProperty({ format: 'uuid' }) crimeId: string;
  @ApiProperty({ type: OffenceFacts }) previous: OffenceFacts;
  @ApiProperty({ type: OffenceFacts }) current: OffenceFacts;
  @ApiProperty({ format: 'date-time' }) receivedAt: Date;
  @ApiProperty({ type: [ReclassifiedJourney] }) journeys: ReclassifiedJourney[];
}
