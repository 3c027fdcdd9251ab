import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import type { CpsDecisionKind, DutyStatus, PoliceDecisionKind, VictimWindowId } from '../../../libs/victims-code/src/index.js';
import { CPS_DECISION_KINDS, DECISION_BODIES, INFORMED_METHODS, POLICE_DECISION_KINDS, type DecisionBody, type InformedMethod } from '../investigation-vocabulary.js';
import { IsInstant } from '../../app/instant.js';
import { DefendantReference } from './defendant.dto.js';
import { JourneyTold } from './journey-told.dto.js';

class DecisionRequest {
  @ApiProperty({ format: 'date-time', example: '2026-04-02T10:00:00Z', description: 'When the decision was made; not in the future' })
  @IsInstant()
  decidedAt: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The defendants the decision concerns; each must be on the crime' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  defendantIds?: string[];
}

export class RecordPoliceDecisionRequest extends DecisionRequest {
  @ApiProperty({ enum: POLICE_DECISION_KINDS, example: 'charged', description: '`charged` must name the defendants charged' })
  @IsIn(POLICE_DECISION_KINDS)
  kind: PoliceDecisionKind;
}

export class RecordCpsDecisionRequest extends DecisionRequest {
  @ApiProperty({ enum: CPS_DECISION_KINDS, example: 'not_to_charge' })
  @IsIn(CPS_DECISION_KINDS)
  kind: CpsDecisionKind;
}

export class DecisionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) crimeId: string;
  @ApiProperty({ enum: DECISION_BODIES }) body: DecisionBody;
  @ApiProperty({ enum: [...POLICE_DECISION_KINDS, ...CPS_DECISION_KINDS] }) kind: PoliceDecisionKind | CpsDecisionKind;
  @ApiProperty({ format: 'date-time' }) decidedAt: Date;
  @ApiProperty({ type: [DefendantReference] }) defendants: DefendantReference[];
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty() version: number;
}

export class DecisionRecordedResponse extends DecisionResponse {
  @ApiProperty({ type: [JourneyTold], description: 'Every journey on the crime; each got the event and the duty to tell the victim' })
  journeysTold: JourneyTold[];
}

export class JourneyInformedOf {
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: not yet told' }) informedAt: Date | null;
}

export class CrimeDecisionView extends DecisionResponse {
  @ApiProperty({ type: [JourneyInformedOf], description: 'Each journey on the crime, and whether that victim or witness has been told' })
  journeys: JourneyInformedOf[];
}

export class CrimeDecisionsResponse {
  @ApiProperty({ type: [CrimeDecisionView], description: 'Oldest first' }) police: CrimeDecisionView[];
  @ApiProperty({ type: [CrimeDecisionView], description: 'Oldest first' }) cps: CrimeDecisionView[];
}

export class DecisionInformed {
  @ApiProperty({ format: 'date-time' }) at: Date;
  @ApiProperty({ enum: INFORMED_METHODS }) method: InformedMethod;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
}

export class CodeDutyView {
  @ApiProperty({ example: 'police.inform-decision' }) ruleId: string;
  @ApiProperty({ format: 'date-time' }) dueAt: Date;
  @ApiProperty({ enum: ['open', 'met', 'met_late', 'breached', 'withdrawn'], description: 'As stored by the ledger' }) status: DutyStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) metAt: Date | null;
  @ApiProperty({ description: 'The enhanced deadline applied' }) enhanced: boolean;
}

export class ReviewWindowView {
  @ApiProperty({ enum: ['cps.victims-right-to-review', 'police.victims-right-to-review'] }) id: VictimWindowId;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The victim is asked to request a review by then' }) askBy: Date | null;
  @ApiProperty({ format: 'date-time', description: 'Requests after this are considered only exceptionally' }) closesAt: Date;
}

export class JourneyDecisionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DECISION_BODIES }) body: DecisionBody;
  @ApiProperty({ enum: [...POLICE_DECISION_KINDS, ...CPS_DECISION_KINDS] }) kind: PoliceDecisionKind | CpsDecisionKind;
  @ApiProperty({ format: 'date-time' }) decidedAt: Date;
  @ApiProperty({ type: [DefendantReference] }) defendants: DefendantReference[];
  @ApiProperty({ type: DecisionInformed, nullable: true, description: 'null: the victim has not been told yet' }) informed: DecisionInformed | null;
  @ApiProperty({ type: CodeDutyView, nullable: true, description: 'The duty to tell the victim; null when none was opened (e.g. the victim opted out)' })
  duty: CodeDutyView | null;
  @ApiProperty({ type: ReviewWindowView, nullable: true, description: 'For a reviewable decision once the victim is told: their Victims’ Right to Review window' })
  reviewWindow: ReviewWindowView | null;
}

export class JourneyDecisionsResponse {
  @ApiProperty({ type: [JourneyDecisionView], description: 'Every police and CPS decision on the journey’s crime, oldest first' }) items: JourneyDecisionView[];
}

export class RecordInformedRequest {
  @ApiProperty({ format: 'date-time', example: '2026-04-03T09:30:00Z', description: 'When the victim was told; not before the decision, not in the future' })
  @IsInstant()
  informedAt: string;

  @ApiProperty({ enum: INFORMED_METHODS, example: 'phone' })
  @IsIn(INFORMED_METHODS)
  method: InformedMethod;
}

export class DecisionNoticeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ enum: DECISION_BODIES }) body: DecisionBody;
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty({ format: 'date-time' }) informedAt: Date;
  @ApiProperty({ enum: INFORMED_METHODS }) method: InformedMethod;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ type: CodeDutyView, nullable: true, description: 'The duty this met' }) duty: CodeDutyView | null;
  @ApiProperty({ type: ReviewWindowView, nullable: true }) reviewWindow: ReviewWindowView | null;
}
