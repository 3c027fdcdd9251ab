import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsInstant } from '../../app/instant.js';
import {
  ORGANISATIONS,
  RJ_ANSWERS,
  RJ_RESPONSES,
  RJ_STAGES,
  type Organisation,
  type RjAnswer,
  type RjResponse,
  type RjStage,
} from '../after-outcome-vocabulary.js';

export class RecordRjOfferRequest {
  @ApiProperty({ format: 'date-time', description: 'When restorative justice was offered' }) @IsInstant() offeredAt: string;

  @ApiPropertyOptional({ enum: RJ_RESPONSES, description: 'What the victim answered. Give this or `answer`.' })
  @IsOptional()
  @IsIn(RJ_RESPONSES)
  response?: RjResponse;

  @ApiPropertyOptional({
    enum: RJ_ANSWERS,
    deprecated: true,
    description: 'The first version’s answer, still accepted: `interested`, or `not_interested` (recorded as `declined`). Give this or `response`.',
  })
  @IsOptional()
  @IsIn(RJ_ANSWERS)
  answer?: RjAnswer;

  @ApiPropertyOptional({
    enum: RJ_STAGES,
    description: 'The stage of the case; by default from the timeline as at the offer: sentenced is post_sentence, charged is pre_sentence, otherwise pre_charge',
  })
  @IsOptional()
  @IsIn(RJ_STAGES)
  stage?: RjStage;

  @ApiPropertyOptional({ enum: ORGANISATIONS, default: 'victim_care_service', description: 'Who made the offer' })
  @IsOptional()
  @IsIn(ORGANISATIONS)
  offeredBy?: Organisation;
}

export class RjOfferResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The `rj.offered` event on the timeline' }) eventId: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ enum: RJ_STAGES }) stage: RjStage;
  @ApiProperty({ format: 'date-time' }) offeredAt: Date;
  @ApiProperty({ enum: ORGANISATIONS }) offeredBy: Organisation;
  @ApiProperty({ enum: RJ_RESPONSES }) response: RjResponse;
  @ApiProperty({ enum: RJ_ANSWERS, description: 'The response as the Victims’ Code engine counts it: interested, or not (not now and declined)' }) answer: RjAnswer;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
}

export class RjOffersResponse {
  @ApiProperty({ type: [RjOfferResponse], description: 'Newest first' }) items: RjOfferResponse[];
}
