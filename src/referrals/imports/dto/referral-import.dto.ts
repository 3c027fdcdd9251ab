import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  REFERRAL_IMPORT_MODES,
  REFERRAL_IMPORT_STATUSES,
  type ReferralImportMode,
  type ReferralImportStatus,
} from '../entities/referral-import.entity.js';

export class ReferralImportQuery {
  @ApiPropertyOptional({
    enum: REFERRAL_IMPORT_MODES,
    default: 'all_or_nothing',
    description: '`all_or_nothing`: any bad row rejects the file and nothing is written. `import_valid_rows`: the good rows are imported, the bad ones listed.',
  })
  @IsOptional()
  @IsIn(REFERRAL_IMPORT_MODES)
  mode: ReferralImportMode = 'all_or_nothing';

  @ApiPropertyOptional({ example: 'cleveland-2026-04-02.csv', description: 'The name of the file, for people reading the import later' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @Matches(/^[^\x00-\x1f\x7f]+$/, { message: 'must be printable characters' })
  fileName?: string;
}

export class ReferralImportLinks {
  @ApiProperty({ example: '/api/v1/referral-imports/6f1c2d7e-0000-4000-8000-000000000001' }) self: string;
  @ApiProperty({ example: '/api/v1/referral-imports/6f1c2d7e-0000-4000-8000-000000000001/problems' }) problems: string;
}

export class ReferralImportAccepted {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REFERRAL_IMPORT_STATUSES, example: 'queued' }) status: ReferralImportStatus;
  @ApiProperty({ type: ReferralImportLinks }) links: ReferralImportLinks;
}

export class ReferralImportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: REFERRAL_IMPORT_STATUSES,
    description:
      '`queued` → `validating` (every row checked) → `importing` → `completed`; `rejected` when an all-or-nothing file had a bad row ' +
      '(nothing written); `failed` when the import could not finish (nothing written; upload again).',
  })
  status: ReferralImportStatus;
  @ApiProperty({ enum: REFERRAL_IMPORT_MODES }) mode: ReferralImportMode;
  @ApiProperty({ nullable: true, type: String }) fileName: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Data rows in the file (blank lines aside), once read' }) totalRows: number | null;
  @ApiProperty({ description: 'Rows checked so far' }) validatedRows: number;
  @ApiProperty({ description: 'Rows that created a new journey' }) importedRows: number;
  @ApiProperty({ description: 'Rows linked to a journey the person already had on the crime (in the file or before)' }) linkedRows: number;
  @ApiProperty({ description: 'Rows with at least one problem' }) rejectedRows: number;
  @ApiProperty() problemCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the import failed' }) failure: string | null;
  @ApiProperty({ type: ReferralImportLinks }) links: ReferralImportLinks;
}

export class ReferralImportProblem {
  @ApiProperty({ example: 7, description: 'Line of the file where the row starts (the header is line 1)' }) line: number;
  @ApiProperty({ example: 'date_of_birth', description: 'The CSV column; `row` for a problem with the whole row or file' }) column: string;
  @ApiProperty({ example: 'must not be in the future' }) message: string;
}

export class ReferralImportProblemList {
  @ApiProperty({ type: [ReferralImportProblem] }) items: ReferralImportProblem[];
  @ApiProperty() total: number;
}
