import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { VOID_REASONS, VOIDABLE_SUBJECT_KINDS, type AppealStage, type VoidableSubjectKind, type VoidReason } from '../../../libs/victims-code/src/index.js';
import { IsInstant } from '../../app/instant.js';

export const CORRECTION_ACTIONS = ['void', 'correct'] as const;
export type CorrectionAction = (typeof CORRECTION_ACTIONS)[number];
export const OUTCOME_STEPS = ['verdict', 'sentence'] as const;
export type OutcomeStep = (typeof OUTCOME_STEPS)[number];
const APPEAL_STAGES: readonly AppealStage[] = ['lodged', 'hearing_listed', 'decided'];

export class RecordCorrectionRequest {
  @ApiProperty({ enum: CORRECTION_ACTIONS, description: 'void: the record was wrong (its duties still owed are withdrawn as recorded in error); correct: its instants were wrong (its duties are re-timed)' })
  @IsIn(CORRECTION_ACTIONS)
  action: CorrectionAction;

  @ApiProperty({ enum: VOIDABLE_SUBJECT_KINDS }) @IsIn(VOIDABLE_SUBJECT_KINDS) subjectKind: VoidableSubjectKind;
  @ApiProperty({ format: 'uuid', description: 'The decision, hearing, bail decision, outcome or appeal' }) @IsUUID() subjectId: string;

  @ApiPropertyOptional({ minimum: 1, description: 'Hearings: one listing version only (else every version)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  hearingVersion?: number;

  @ApiPropertyOptional({ enum: APPEAL_STAGES, description: 'Appeals: one step only (else every step)' })
  @IsOptional()
  @IsIn(APPEAL_STAGES)
  appealStage?: AppealStage;

  @ApiPropertyOptional({ enum: OUTCOME_STEPS, description: 'Outcomes, when correcting: the verdict or the sentence (else both)' })
  @IsOptional()
  @IsIn(OUTCOME_STEPS)
  outcomeStep?: OutcomeStep;

  @ApiPropertyOptional({ enum: VOID_REASONS, description: 'Required to void' }) @IsOptional() @IsIn(VOID_REASONS) reason?: VoidReason;

  @ApiPropertyOptional({ format: 'date-time', description: 'To correct: when it really happened' }) @IsOptional() @IsInstant() occurredAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'To correct: when it was really received' }) @IsOptional() @IsInstant() receivedAt?: string;
}

export class CorrectedJourney {
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The timeline events the correction names (the records stay; the correction is added beside them)' }) eventIds: string[];
  @ApiProperty({ description: 'Duties withdrawn or re-timed on this journey' }) dutiesChanged: number;
}

export class RecordCorrectionResponse {
  @ApiProperty({ enum: CORRECTION_ACTIONS }) action: CorrectionAction;
  @ApiProperty({ enum: VOIDABLE_SUBJECT_KINDS }) subjectKind: VoidableSubjectKind;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ type: [CorrectedJourney] }) journeys: CorrectedJourney[];
}
