import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { IsInstant } from '../../app/instant.js';
import {
  COMPENSATION_ROUTES,
  CONTACT_CHANNELS,
  ORGANISATIONS,
  PROPERTY_RETURN_METHODS,
  type CompensationRoute,
  type ContactChannel,
  type Organisation,
  type PropertyReturnMethod,
} from '../after-outcome-vocabulary.js';

export class RecordCompensationInformationRequest {
  @ApiProperty({ format: 'date-time', description: 'When the victim was told' }) @IsInstant() givenAt: string;
  @ApiProperty({ enum: ORGANISATIONS, description: 'Who told them' }) @IsIn(ORGANISATIONS) givenBy: Organisation;
  @ApiProperty({ enum: CONTACT_CHANNELS, description: 'How' }) @IsIn(CONTACT_CHANNELS) channel: ContactChannel;

  @ApiProperty({
    enum: COMPENSATION_ROUTES,
    isArray: true,
    description: 'What they were told about: the Criminal Injuries Compensation Scheme, a court compensation order, a civil claim',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(COMPENSATION_ROUTES.length)
  @IsIn(COMPENSATION_ROUTES, { each: true })
  routes: CompensationRoute[];
}

export class CompensationInformationView {
  @ApiProperty({ format: 'uuid', description: 'The `compensation.information-given` event' }) eventId: string;
  @ApiProperty({ format: 'date-time' }) givenAt: Date;
  @ApiProperty({ enum: ORGANISATIONS }) givenBy: Organisation;
  @ApiProperty({ enum: CONTACT_CHANNELS }) channel: ContactChannel;
  @ApiProperty({ enum: COMPENSATION_ROUTES, isArray: true }) routes: CompensationRoute[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedBy: string | null;
}

export class CompensationInformationResponse {
  @ApiProperty({ type: [CompensationInformationView], description: 'Oldest first' }) items: CompensationInformationView[];
}

export class RecordPropertyReturnRequest {
  @ApiProperty({ format: 'date-time', description: 'When the property was given back' }) @IsInstant() returnedAt: string;
  @ApiProperty({ enum: ORGANISATIONS, example: 'police', description: 'Who returned it' }) @IsIn(ORGANISATIONS) returnedBy: Organisation;
  @ApiProperty({ enum: PROPERTY_RETURN_METHODS, description: 'How' }) @IsIn(PROPERTY_RETURN_METHODS) method: PropertyReturnMethod;
}

export class PropertyReturnView {
  @ApiProperty({ format: 'uuid', description: 'The `property.returned` event' }) eventId: string;
  @ApiProperty({ format: 'date-time' }) returnedAt: Date;
  @ApiProperty({ enum: ORGANISATIONS }) returnedBy: Organisation;
  @ApiProperty({ enum: PROPERTY_RETURN_METHODS }) method: PropertyReturnMethod;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedBy: string | null;
}

export class PropertyReturnsResponse {
  @ApiProperty({ type: [PropertyReturnView], description: 'Oldest first' }) items: PropertyReturnView[];
}
