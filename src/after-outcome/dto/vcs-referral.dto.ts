import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsInstant } from '../../app/instant.js';
import { VCS_BASES, VCS_CHOICES, VCS_STATUSES, type VcsBasis, type VcsChoice, type VcsStatus } from '../after-outcome-vocabulary.js';

export class MakeVcsReferralRequest {
  @ApiProperty({ example: 'OUT-2026-0042', maxLength: 100, description: 'The court outcome whose sentence the referral follows (its `court.sentence` event on the journey)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  outcomeId: string;

  @ApiProperty({ format: 'date-time', description: 'When the referral was sent to probation' }) @IsInstant() referredAt: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'Refer although the sentence does not make the victim eligible, for probation’s discretionary contact (no duty follows). ' +
      'An eligible victim’s referral is statutory whatever this says.',
  })
  @IsOptional()
  @IsBoolean()
  discretionary?: boolean;
}

export class RecordVcsContactRequest {
  @ApiProperty({ format: 'date-time', description: 'When probation’s victim liaison officer reached the victim' }) @IsInstant() contactedAt: string;

  @ApiPropertyOptional({ enum: VCS_CHOICES, default: 'undecided', description: 'Whether the victim chose to join the scheme' })
  @IsOptional()
  @IsIn(VCS_CHOICES)
  victimChoice?: VcsChoice;
}

export class VcsReferralResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty() outcomeId: string;
  @ApiProperty({ enum: VCS_BASES, description: 'Entitled by the sentence (as the victim, or a close relative bereaved by the crime), or discretionary' }) basis: VcsBasis;
  @ApiProperty({ format: 'date-time' }) referredAt: Date;
  @ApiProperty({ enum: VCS_STATUSES }) status: VcsStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) contactedAt: Date | null;
  @ApiProperty({ enum: VCS_CHOICES, nullable: true, type: String }) victimChoice: VcsChoice | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ description: 'Send as If-Match (ETag) to record probation’s contact' }) version: number;
}

export class VcsSentenceView {
  @ApiProperty() outcomeId: string;
  @ApiProperty({ format: 'uuid', description: 'The `court.sentence` event' }) eventId: string;
  @ApiProperty({ format: 'date-time' }) sentencedAt: Date;
  @ApiProperty() offenceViolentOrSexual: boolean;
  @ApiProperty({ description: '0 when not custodial' }) custodialMonths: number;
  @ApiProperty() hospitalOrder: boolean;
  @ApiProperty({ description: 'A violent or sexual offence with 12 months or more in custody, or a hospital order' }) eligible: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The referral made for it, if any' }) referralId: string | null;
}

export class VcsReferralsResponse {
  @ApiProperty({ type: [VcsReferralResponse], description: 'Newest first' }) items: VcsReferralResponse[];
  @ApiProperty({ type: [VcsSentenceView], description: 'The journey’s sentences and whether each makes the victim eligible, oldest first' }) sentences: VcsSentenceView[];
}
