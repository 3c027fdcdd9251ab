import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { OFFENCE_CATEGORIES, type OffenceCategory } from '../../../libs/victims-code/src/index.js';
import { JOURNEY_ROLES, JOURNEY_STAGES, type JourneyRole, type JourneyStage } from '../../journeys/journey-vocabulary.js';

export class CrimeLookupQuery {
  @ApiProperty({ description: 'The police crime reference, any case', example: 'CLE/26/012345' })
  @IsString()
  @Length(1, 40)
  reference: string;
}

export class CrimeSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) areaId: string;
  @ApiProperty({ example: 'CLE/26/012345' }) crimeReference: string;
  @ApiProperty({ enum: OFFENCE_CATEGORIES }) offenceCategory: OffenceCategory;
  @ApiProperty({ format: 'date-time' }) reportedAt: Date;
}

export class CrimeLookupResponse {
  @ApiProperty({ type: [CrimeSummary], description: 'Crimes with that reference in your areas (one per area at most)' }) items: CrimeSummary[];
}

export class CrimeJourneySummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'VJ-2026-000123' }) reference: string;
  @ApiProperty({ enum: JOURNEY_ROLES }) role: JourneyRole;
  @ApiProperty({ enum: JOURNEY_STAGES }) stage: JourneyStage;
}

export class DefendantView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'DEF-000123', description: 'Pseudonymous id, used where the name must not appear' }) reference: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) dateOfBirth: string | null;
}

export class CrimeResponse extends CrimeSummary {
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) offenceDate: string | null;
  @ApiProperty({ type: [CrimeJourneySummary], description: 'Every victim’s and witness’s journey on the crime' }) journeys: CrimeJourneySummary[];
  @ApiProperty({ type: [DefendantView] }) defendants: DefendantView[];
}
