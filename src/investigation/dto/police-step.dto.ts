import { ApiProperty } from '@nestjs/swagger';
import { IsInstant } from '../../app/instant.js';

export class RecordPoliceStepRequest {
  @ApiProperty({ format: 'date-time', example: '2026-04-14T15:00:00Z', description: 'When it happened; not in the future' })
  @IsInstant()
  at: string;
}

export class PoliceStepResponse {
  @ApiProperty({ format: 'uuid', description: 'The timeline event' }) eventId: string;
  @ApiProperty({ enum: ['police.witness-statement-given', 'police.crime-report-acknowledged'] }) type: string;
  @ApiProperty({ format: 'date-time' }) at: Date;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded (the server’s time)' }) recordedAt: Date;
  @ApiProperty({ description: 'The journey’s new version (its ETag)' }) journeyVersion: number;
}
