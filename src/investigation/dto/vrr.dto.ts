import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { IsInstant, ReceivedAtProperty } from '../../app/instant.js';
import { VRR_OUTCOMES, VRR_STATUSES, type VrrOutcome, type VrrStatus } from '../investigation-vocabulary.js';
import { CodeDutyView } from './decision.dto.js';

export class RequestPoliceVrrRequest {
  @ApiProperty({ format: 'date-time', example: '2026-04-10T11:00:00Z', description: 'When the victim asked; not before the decision, not in the future' })
  @IsInstant()
  requestedAt: string;

  @ApiProperty({ format: 'uuid', description: 'The police decision not to charge (released_nfa, investigation_closed) to review; on the journey’s crime' })
  @IsUUID()
  decisionId: string;

  @ReceivedAtProperty() receivedAt?: string;
}

export class AcknowledgePoliceVrrRequest {
  @ApiProperty({ format: 'date-time', description: 'When the police acknowledged the request' })
  @IsInstant()
  at: string;
}

export class DecidePoliceVrrRequest {
  @ApiProperty({ format: 'date-time', description: 'When the police sent the review’s outcome' })
  @IsInstant()
  at: string;

  @ApiProperty({ enum: VRR_OUTCOMES, description: '`upheld`: the victim’s request succeeded and the decision is overturned; `not_upheld`: the decision stands' })
  @IsIn(VRR_OUTCOMES)
  outcome: VrrOutcome;
}

export class PoliceVrrRequestResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: Date;
  @ApiProperty({ description: 'Asked after the scheme’s 3-month window closed; the police consider it only in exceptional circumstances' }) late: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the window closed (null: the victim had not been told of the decision yet)' })
  windowClosesAt: Date | null;
  @ApiProperty({ enum: VRR_STATUSES }) status: VrrStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: Date | null;
  @ApiProperty({ enum: VRR_OUTCOMES, nullable: true }) outcome: VrrOutcome | null;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ type: [CodeDutyView], description: 'The police’s duties to acknowledge (10 WD) and decide (30 WD)' }) duties: CodeDutyView[];
  @ApiProperty({ description: 'Send as If-Match (ETag) to record the acknowledgement or the decision' }) version: number;
}

export class PoliceVrrRequestsResponse {
  @ApiProperty({ type: [PoliceVrrRequestResponse], description: 'Oldest first' }) items: PoliceVrrRequestResponse[];
}
