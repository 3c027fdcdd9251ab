import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { IsInstant } from '../../app/instant.js';
import {
  ATTENDANCE_OUTCOMES,
  FOLLOW_UP_NOTES,
  FOLLOW_UP_STATUSES,
  GIVING_EVIDENCE,
  NON_ATTENDANCE_REASONS,
  PRE_TRIAL_VISIT_STATUSES,
  SPECIAL_MEASURE_REFUSAL_REASONS,
  SPECIAL_MEASURE_STATUSES,
  SPECIAL_MEASURES,
  WARNING_METHODS,
  WITNESS_NEED_ACTIONS,
  WITNESS_NEED_AREAS,
  WITNESS_NEED_LEVELS,
  type AttendanceOutcome,
  type FollowUpNote,
  type FollowUpStatus,
  type GivingEvidence,
  type NonAttendanceReason,
  type PreTrialVisitStatus,
  type SpecialMeasure,
  type SpecialMeasureRefusalReason,
  type SpecialMeasureStatus,
  type WarningMethod,
  type WitnessNeedAction,
  type WitnessNeedArea,
  type WitnessNeedLevel,
} from '../witness-vocabulary.js';

// ---- The witness care case ----

export class OpenWitnessCareRequest {
  @ApiProperty({ format: 'date-time', example: '2026-04-14T10:00:00Z' })
  @IsInstant()
  openedAt: string;

  @ApiProperty({ oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['unknown'] }], description: 'Whether the witness is expected to give evidence: true, false or "unknown"' })
  @IsIn([...GIVING_EVIDENCE], { message: 'must be true, false or "unknown"' })
  givingEvidence: GivingEvidence;

  @ApiPropertyOptional({ format: 'uuid', description: 'The lead witness care officer: a witness care officer of the journey’s area' })
  @IsOptional()
  @IsUUID()
  officerId?: string;
}

export class WitnessCareOfficerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class PreTrialVisitView {
  @ApiProperty({ enum: PRE_TRIAL_VISIT_STATUSES, nullable: true, type: String }) status: PreTrialVisitStatus | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) offeredAt: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) takenAt: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) declinedAt: Date | null;
}

export class WitnessCareCaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ format: 'date-time' }) openedAt: Date;
  @ApiProperty({ format: 'uuid' }) openedBy: string;
  @ApiProperty({ oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['unknown'] }] }) givingEvidence: GivingEvidence;
  @ApiProperty({ type: WitnessCareOfficerView, nullable: true }) officer: WitnessCareOfficerView | null;
  @ApiProperty({ type: PreTrialVisitView }) preTrialVisit: PreTrialVisitView;
  @ApiProperty({ description: 'The case’s row version, also its ETag' }) version: number;
}

// ---- Needs assessment ----

export class WitnessNeedRequest {
  @ApiProperty({ enum: WITNESS_NEED_AREAS }) @IsIn(WITNESS_NEED_AREAS) area: WitnessNeedArea;
  @ApiProperty() @IsBoolean() needed: boolean;
  @ApiPropertyOptional({ enum: WITNESS_NEED_LEVELS, description: 'Only when needed' }) @IsOptional() @IsIn(WITNESS_NEED_LEVELS) level?: WitnessNeedLevel;
  @ApiPropertyOptional({ enum: WITNESS_NEED_ACTIONS }) @IsOptional() @IsIn(WITNESS_NEED_ACTIONS) action?: WitnessNeedAction;
}

export class RecordWitnessNeedsRequest {
  @ApiProperty({ format: 'date-time', example: '2026-04-15T10:00:00Z' })
  @IsInstant()
  assessedAt: string;

  @ApiProperty({ type: [WitnessNeedRequest], description: `Every Charter area exactly once: ${WITNESS_NEED_AREAS.join(', ')}` })
  @IsArray()
  @ArrayMinSize(WITNESS_NEED_AREAS.length)
  @ArrayMaxSize(WITNESS_NEED_AREAS.length)
  @ValidateNested({ each: true })
  @Type(() => WitnessNeedRequest)
  needs: WitnessNeedRequest[];
}

export class WitnessNeedView {
  @ApiProperty({ enum: WITNESS_NEED_AREAS }) area: WitnessNeedArea;
  @ApiProperty() needed: boolean;
  @ApiProperty({ enum: WITNESS_NEED_LEVELS, nullable: true, type: String }) level: WitnessNeedLevel | null;
  @ApiProperty({ enum: WITNESS_NEED_ACTIONS, nullable: true, type: String }) action: WitnessNeedAction | null;
}

export class WitnessNeedsAssessmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ format: 'date-time' }) assessedAt: Date;
  @ApiProperty({ format: 'uuid' }) assessedBy: string;
  @ApiProperty({ type: [WitnessNeedView], description: 'In Charter order' }) needs: WitnessNeedView[];
}

// ---- Pre-trial visit ----

export class RecordPreTrialVisitRequest {
  @ApiProperty({ enum: PRE_TRIAL_VISIT_STATUSES, description: 'offered first; then taken or declined. A declined visit may be offered again.' })
  @IsIn(PRE_TRIAL_VISIT_STATUSES)
  status: PreTrialVisitStatus;

  @ApiProperty({ format: 'date-time', example: '2026-04-16T10:00:00Z' })
  @IsInstant()
  at: string;
}

// ---- Interpreter ----

export class BookInterpreterRequest {
  @ApiProperty({ example: 'pl', description: 'ISO 639-1 or 639-3 code, lower case' })
  @Matches(/^[a-z]{2,3}$/, { message: 'must be an ISO 639 language code such as pl or pol' })
  language: string;

  @ApiProperty({ format: 'uuid' }) @IsUUID() hearingId: string;

  @ApiProperty({ format: 'date-time', example: '2026-04-16T10:00:00Z' }) @IsInstant() bookedAt: string;
}

export class InterpreterBookingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ format: 'uuid' }) hearingId: string;
  @ApiProperty({ example: 'pl' }) language: string;
  @ApiProperty({ format: 'date-time' }) bookedAt: Date;
  @ApiProperty({ format: 'uuid' }) bookedBy: string;
}

// ---- Special measures ----

export class RequestSpecialMeasureRequest {
  @ApiProperty({ enum: SPECIAL_MEASURES }) @IsIn(SPECIAL_MEASURES) measure: SpecialMeasure;
  @ApiProperty({ format: 'date-time', example: '2026-04-15T10:00:00Z' }) @IsInstant() requestedAt: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The hearing it is wanted for, when known' }) @IsOptional() @IsUUID() hearingId?: string;
}

export class SpecialMeasureStepRequest {
  @ApiProperty({ format: 'date-time', example: '2026-04-16T10:00:00Z' }) @IsInstant() at: string;
}

export class RefuseSpecialMeasureRequest extends SpecialMeasureStepRequest {
  @ApiProperty({ enum: SPECIAL_MEASURE_REFUSAL_REASONS }) @IsIn(SPECIAL_MEASURE_REFUSAL_REASONS) reason: SpecialMeasureRefusalReason;
}

export class SpecialMeasureResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) hearingId: string | null;
  @ApiProperty({ enum: SPECIAL_MEASURES }) measure: SpecialMeasure;
  @ApiProperty({ enum: SPECIAL_MEASURE_STATUSES }) status: SpecialMeasureStatus;
  @ApiProperty({ format: 'date-time' }) requestedAt: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) appliedForAt: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: Date | null;
  @ApiProperty({ enum: SPECIAL_MEASURE_REFUSAL_REASONS, nullable: true, type: String }) refusalReason: SpecialMeasureRefusalReason | null;
  @ApiProperty({ description: 'The row version, also its ETag' }) version: number;
}

// ---- Warnings and attendance ----

export class WarnWitnessRequest {
  @ApiProperty({ format: 'date-time', example: '2026-04-16T10:00:00Z' }) @IsInstant() warnedAt: string;
  @ApiProperty({ enum: WARNING_METHODS }) @IsIn(WARNING_METHODS) method: WarningMethod;
}

export class WitnessWarningResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ format: 'uuid' }) hearingId: string;
  @ApiProperty({ description: 'The hearing’s listing version the witness was warned for' }) listingVersion: number;
  @ApiProperty({ format: 'date-time' }) warnedAt: Date;
  @ApiProperty({ enum: WARNING_METHODS }) method: WarningMethod;
  @ApiProperty({ format: 'uuid' }) warnedBy: string;
}

export class RecordAttendanceRequest {
  @ApiProperty({ enum: ATTENDANCE_OUTCOMES }) @IsIn(ATTENDANCE_OUTCOMES) outcome: AttendanceOutcome;
  @ApiPropertyOptional({ enum: NON_ATTENDANCE_REASONS, description: 'Required for failed_to_attend, and only then' })
  @IsOptional()
  @IsIn(NON_ATTENDANCE_REASONS)
  reason?: NonAttendanceReason;
}

export class ResolveFollowUpRequest {
  @ApiProperty({ format: 'date-time', example: '2026-04-17T10:00:00Z' }) @IsInstant() resolvedAt: string;
  @ApiProperty({ enum: FOLLOW_UP_NOTES }) @IsIn(FOLLOW_UP_NOTES) note: FollowUpNote;
}

export class FollowUpView {
  @ApiProperty({ enum: FOLLOW_UP_STATUSES }) status: FollowUpStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) resolvedAt: Date | null;
  @ApiProperty({ enum: FOLLOW_UP_NOTES, nullable: true, type: String }) note: FollowUpNote | null;
}

export class AttendanceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ format: 'uuid' }) hearingId: string;
  @ApiProperty({ enum: ATTENDANCE_OUTCOMES }) outcome: AttendanceOutcome;
  @ApiProperty({ enum: NON_ATTENDANCE_REASONS, nullable: true, type: String }) reason: NonAttendanceReason | null;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ type: FollowUpView, nullable: true, description: 'Opened by a failure to attend' }) followUp: FollowUpView | null;
  @ApiProperty({ description: 'The row version, also its ETag' }) version: number;
}

// ---- The whole picture ----

export class WitnessCareViewResponse extends WitnessCareCaseResponse {
  @ApiProperty({ type: [WitnessNeedsAssessmentResponse], description: 'Newest first' }) needsAssessments: WitnessNeedsAssessmentResponse[];
  @ApiProperty({ type: [SpecialMeasureResponse], description: 'In the order requested' }) specialMeasures: SpecialMeasureResponse[];
  @ApiProperty({ type: [InterpreterBookingResponse] }) interpreterBookings: InterpreterBookingResponse[];
  @ApiProperty({ type: [WitnessWarningResponse], description: 'Oldest first' }) warnings: WitnessWarningResponse[];
  @ApiProperty({ type: [AttendanceResponse] }) attendance: AttendanceResponse[];
}
