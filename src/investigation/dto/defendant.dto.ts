import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../../app/instant.js';
import { JourneyTold } from './journey-told.dto.js';
import { DEFENDANT_STATUSES, type DefendantStatus } from '../investigation-vocabulary.js';

export class AddDefendantRequest {
  @ApiProperty({ example: 'Sam', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  givenName: string;

  @ApiProperty({ example: 'Offender', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  familyName: string;

  @ApiPropertyOptional({ format: 'date', example: '1990-05-17' })
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string;
}

/** A correction of how the defendant was recorded; send only what changes. */
export class CorrectDefendantRequest {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @Length(1, 100) givenName?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @Length(1, 100) familyName?: string;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'null clears a date of birth recorded in error' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsCalendarDate()
  dateOfBirth?: string | null;
}

export class DefendantResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) crimeId: string;
  @ApiProperty({ example: 'DEF-000123', description: 'Pseudonymous id: timelines, reports and audit name the defendant by it' }) reference: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateOfBirth: string | null;
  @ApiProperty({ enum: DEFENDANT_STATUSES, description: '`charged` once a police decision `charged` names them' }) status: DefendantStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) chargedAt: Date | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ description: 'Send as If-Match (ETag) to correct the defendant' }) version: number;
}

export class DefendantAddedResponse extends DefendantResponse {
  @ApiProperty({ type: [JourneyTold], description: 'Every journey on the crime; each got a `defendant.added` event' }) journeysTold: JourneyTold[];
}

/** A defendant named without their name. */
export class DefendantReference {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'DEF-000123' }) reference: string;
}
