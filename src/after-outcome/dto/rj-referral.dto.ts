import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsInstant } from '../../app/instant.js';
import { RJ_OUTCOMES, type RjOutcome } from '../after-outcome-vocabulary.js';

export class MakeRjReferralRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'The offer the victim said they were interested in; by default the latest offer' })
  @IsOptional()
  @IsUUID()
  rjOfferId?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Restorative Cleveland', description: 'The restorative justice hub referred to' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  provider?: string;

  @ApiProperty({ description: 'The victim consented to the referral; must be true' }) @IsBoolean() consentGiven: boolean;
  @ApiProperty({ format: 'date-time', description: 'When the victim gave consent; not after the referral' }) @IsInstant() consentRecordedAt: string;
  @ApiProperty({ format: 'date-time' }) @IsInstant() referredAt: string;
}

export const RECORDED_RJ_OUTCOMES = RJ_OUTCOMES.filter((outcome) => outcome !== 'pending');

export class RecordRjOutcomeRequest {
  @ApiProperty({ enum: RECORDED_RJ_OUTCOMES, description: 'What the hub did: a conference, shuttle (indirect) communication or a letter; or why nothing happened' })
  @IsIn(RECORDED_RJ_OUTCOMES)
  outcome: Exclude<RjOutcome, 'pending'>;

  @ApiProperty({ format: 'date-time' }) @IsInstant() outcomeAt: string;
}

export class RjReferralResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ format: 'uuid' }) rjOfferId: string;
  @ApiProperty({ nullable: true, type: String }) provider: string | null;
  @ApiProperty({ format: 'date-time' }) consentRecordedAt: Date;
  @ApiProperty({ format: 'date-time' }) referredAt: Date;
  @ApiProperty({ enum: RJ_OUTCOMES }) outcome: RjOutcome;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) outcomeAt: Date | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ description: 'Send as If-Match (ETag) to record the outcome' }) version: number;
}

export class RjReferralsResponse {
  @ApiProperty({ type: [RjReferralResponse], description: 'Newest first' }) items: RjReferralResponse[];
}
