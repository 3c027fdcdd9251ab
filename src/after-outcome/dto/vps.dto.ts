import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsInstant } from '../../app/instant.js';
import {
  ORGANISATIONS,
  VPS_FORMS,
  VPS_READERS,
  VPS_STATEMENT_KINDS,
  type Organisation,
  type VpsForm,
  type VpsReader,
  type VpsStatementKind,
} from '../after-outcome-vocabulary.js';

export class RecordVpsOfferRequest {
  @ApiProperty({ format: 'date-time', example: '2026-04-20T10:00:00Z', description: 'When the victim was offered the chance to make a statement' })
  @IsInstant()
  offeredAt: string;

  @ApiProperty({ enum: ORGANISATIONS, example: 'police', description: 'Who offered it: usually the police, when the witness statement is taken or at charge' })
  @IsIn(ORGANISATIONS)
  offeredBy: Organisation;
}

export class RecordVpsStatementRequest {
  @ApiProperty({ format: 'date-time', example: '2026-04-22T14:00:00Z', description: 'When the victim made (or updated) the statement' })
  @IsInstant()
  madeAt: string;

  @ApiProperty({ enum: VPS_FORMS, description: 'How it was made; the statement itself is not kept here' })
  @IsIn(VPS_FORMS)
  form: VpsForm;
}

export class RecordVpsReadingRequest {
  @ApiProperty({ format: 'date-time', example: '2026-06-02T11:00:00Z', description: 'When the statement was put before the court' })
  @IsInstant()
  readAt: string;

  @ApiProperty({ enum: VPS_READERS, description: 'Read aloud by the victim, the prosecutor or a supporter; a recording played; or read by the judge' })
  @IsIn(VPS_READERS)
  readBy: VpsReader;
}

export class VpsOfferView {
  @ApiProperty({ format: 'uuid', description: 'The `vps.offered` event' }) eventId: string;
  @ApiProperty({ format: 'date-time' }) offeredAt: Date;
  @ApiProperty({ enum: ORGANISATIONS }) offeredBy: Organisation;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedBy: string | null;
}

export class VpsStatementView {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ enum: VPS_STATEMENT_KINDS, description: 'The first statement is made; later ones update it' }) kind: VpsStatementKind;
  @ApiProperty({ format: 'date-time' }) madeAt: Date;
  @ApiProperty({ enum: VPS_FORMS }) form: VpsForm;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedBy: string | null;
}

export class VpsReadingView {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ format: 'date-time' }) readAt: Date;
  @ApiProperty({ enum: VPS_READERS }) readBy: VpsReader;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedBy: string | null;
}

export class VpsResponse {
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ type: [VpsOfferView], description: 'Oldest first' }) offers: VpsOfferView[];
  @ApiProperty({ type: [VpsStatementView], description: 'Oldest first' }) statements: VpsStatementView[];
  @ApiProperty({ type: [VpsReadingView], description: 'Oldest first' }) readings: VpsReadingView[];
}
