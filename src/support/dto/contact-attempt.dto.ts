import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  SUPPORT_WANTED_ANSWERS,
  type ContactMethod,
  type ContactOutcome,
  type SupportWantedAnswer,
} from '../support-vocabulary.js';
import { IsInstant } from '../../app/instant.js';

export class RecordContactAttemptRequest {
  @ApiProperty({ enum: CONTACT_METHODS, example: 'phone' })
  @IsIn(CONTACT_METHODS)
  method: ContactMethod;

  @ApiProperty({ enum: CONTACT_OUTCOMES, example: 'contacted', description: 'Anything but `contacted` counts towards the unable-to-contact policy' })
  @IsIn(CONTACT_OUTCOMES)
  outcome: ContactOutcome;

  @ApiProperty({ format: 'date-time', example: '2026-04-02T10:00:00Z', description: 'When the attempt was made; not in the future' })
  @IsInstant()
  attemptedAt: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When to try again' })
  @IsOptional()
  @IsInstant()
  nextAttemptAt?: string;

  @ApiPropertyOptional({ maxLength: 2000, example: 'No answer; did not leave a message (not safe to)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;

  @ApiPropertyOptional({ enum: SUPPORT_WANTED_ANSWERS, description: 'Only with outcome `contacted`: whether the victim wants support' })
  @IsOptional()
  @IsIn(SUPPORT_WANTED_ANSWERS)
  supportWanted?: SupportWantedAnswer;
}

export class ContactAttemptResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ enum: CONTACT_METHODS }) method: ContactMethod;
  @ApiProperty({ enum: CONTACT_OUTCOMES }) outcome: ContactOutcome;
  @ApiProperty({ format: 'date-time' }) attemptedAt: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) nextAttemptAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: Date;
}

export class ContactAttemptsResponse {
  @ApiProperty({ type: [ContactAttemptResponse], description: 'Newest first' }) items: ContactAttemptResponse[];
}
