import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RJ_ANSWERS, type RjAnswer } from '../support-vocabulary.js';
import { IsInstant } from './instant.js';

export class RecordRjOfferRequest {
  @ApiProperty({ format: 'date-time', description: 'When restorative justice was offered' }) @IsInstant() offeredAt: string;
  @ApiProperty({ enum: RJ_ANSWERS, description: 'What the victim answered' }) @IsIn(RJ_ANSWERS) answer: RjAnswer;
}

export class RjOfferResponse {
  @ApiProperty({ format: 'uuid', description: 'The timeline event' }) eventId: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ format: 'date-time' }) offeredAt: Date;
  @ApiProperty({ enum: RJ_ANSWERS }) answer: RjAnswer;
}
