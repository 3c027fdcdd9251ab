import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ONWARD_OUTCOMES, ONWARD_SERVICES, type OnwardOutcome, type OnwardService } from '../support-vocabulary.js';
import { IsInstant } from '../../app/instant.js';

export class MakeOnwardReferralRequest {
  @ApiProperty({ enum: ONWARD_SERVICES, example: 'isva' }) @IsIn(ONWARD_SERVICES) service: OnwardService;

  @ApiProperty({ example: 'Harbour ISVA service', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  provider: string;

  @ApiProperty({ description: 'The victim consented to this referral; must be true (without consent there is no referral)' })
  @IsBoolean()
  consentGiven: boolean;

  @ApiProperty({ format: 'date-time', description: 'When the victim gave consent; not after the referral' }) @IsInstant() consentRecordedAt: string;
  @ApiProperty({ format: 'date-time' }) @IsInstant() referredAt: string;
  @ApiPropertyOptional({ maxLength: 2000, example: 'Victim prefers a female ISVA' }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

export const RECORDED_OUTCOMES = ONWARD_OUTCOMES.filter((outcome) => outcome !== 'pending');

export class RecordOnwardOutcomeRequest {
  @ApiProperty({ enum: RECORDED_OUTCOMES }) @IsIn(RECORDED_OUTCOMES) outcome: Exclude<OnwardOutcome, 'pending'>;
  @ApiProperty({ format: 'date-time' }) @IsInstant() outcomeAt: string;
}

export class OnwardReferralResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ enum: ONWARD_SERVICES }) service: OnwardService;
  @ApiProperty() provider: string;
  @ApiProperty({ format: 'date-time' }) consentRecordedAt: Date;
  @ApiProperty({ format: 'date-time' }) referredAt: Date;
  @ApiProperty({ enum: ONWARD_OUTCOMES }) outcome: OnwardOutcome;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) outcomeAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ description: 'Send as If-Match (ETag) to record the outcome' }) version: number;
}

export class OnwardReferralsResponse {
  @ApiProperty({ type: [OnwardReferralResponse], description: 'Newest first' }) items: OnwardReferralResponse[];
}
