import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsInstant } from '../../app/instant.js';
import {
  CODE_RIGHTS,
  COMPLAINT_FINDINGS,
  COMPLAINT_STATUSES,
  CONTACT_CHANNELS,
  ESCALATION_TARGETS,
  ORGANISATIONS,
  type ComplaintFinding,
  type ComplaintStatus,
  type ContactChannel,
  type EscalationTarget,
  type Organisation,
} from '../after-outcome-vocabulary.js';

export class RecordComplaintRequest {
  @ApiProperty({ enum: ORGANISATIONS, description: 'The organisation complained about; it owes the acknowledgement and the response' })
  @IsIn(ORGANISATIONS)
  against: Organisation;

  @ApiProperty({ format: 'date-time', description: 'When the organisation received the complaint' }) @IsInstant() receivedAt: string;

  @ApiPropertyOptional({ enum: CONTACT_CHANNELS }) @IsOptional() @IsIn(CONTACT_CHANNELS) receivedVia?: ContactChannel;

  @ApiPropertyOptional({ type: [Number], minimum: 1, maximum: 12, example: [6, 9], description: 'The Code rights the victim says were not met' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CODE_RIGHTS.length)
  @ArrayUnique()
  @IsInt({ each: true })
  @IsIn(CODE_RIGHTS, { each: true, message: 'each must be a right of the Code, 1 to 12' })
  rightsConcerned?: number[];

  @ApiPropertyOptional({ maxLength: 500, description: 'A short summary, only if the caseworker needs one; the complaint itself stays with the organisation' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  summary?: string;
}

export class AcknowledgeComplaintRequest {
  @ApiProperty({ format: 'date-time' }) @IsInstant() acknowledgedAt: string;
}

export class RespondToComplaintRequest {
  @ApiProperty({ format: 'date-time', description: 'When the full response was sent' }) @IsInstant() respondedAt: string;
  @ApiProperty({ enum: COMPLAINT_FINDINGS }) @IsIn(COMPLAINT_FINDINGS) finding: ComplaintFinding;
}

export class EscalateComplaintRequest {
  @ApiProperty({ format: 'date-time' }) @IsInstant() escalatedAt: string;

  @ApiProperty({ enum: ESCALATION_TARGETS, description: 'The next stage of the organisation’s process, or the Parliamentary and Health Service Ombudsman' })
  @IsIn(ESCALATION_TARGETS)
  to: EscalationTarget;
}

export class ComplaintResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ enum: ORGANISATIONS }) against: Organisation;
  @ApiProperty({ format: 'date-time' }) receivedAt: Date;
  @ApiProperty({ enum: CONTACT_CHANNELS, nullable: true, type: String }) receivedVia: ContactChannel | null;
  @ApiProperty({ type: [Number] }) rightsConcerned: number[];
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status: ComplaintStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'The acknowledgement duty’s deadline' }) acknowledgeBy: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'The response duty’s deadline' }) respondBy: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) acknowledgedAt: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) respondedAt: Date | null;
  @ApiProperty({ enum: COMPLAINT_FINDINGS, nullable: true, type: String }) finding: ComplaintFinding | null;
  @ApiProperty({ enum: ESCALATION_TARGETS, nullable: true, type: String, description: 'Where it was last escalated to' }) escalatedTo: EscalationTarget | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) escalatedAt: Date | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ description: 'Send as If-Match (ETag) to acknowledge, respond or escalate' }) version: number;
}

export class ComplaintsResponse {
  @ApiProperty({ type: [ComplaintResponse], description: 'Newest first' }) items: ComplaintResponse[];
}
