import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { REPORT_FORMATS, type ReportFormat } from './report-query.dto.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What news the keyed records were. */
export const KEYED_KINDS = ['referral', 'hearing', 'court_result', 'appeal', 'request_or_complaint'] as const;
export type KeyedKind = (typeof KEYED_KINDS)[number];

export class DataQualityQuery {
  @ApiProperty({ format: 'date', example: '2026-04-01', description: 'First London date on which the news was received' })
  @Matches(DATE, { message: 'must be a date as YYYY-MM-DD' })
  from: string;

  @ApiProperty({ format: 'date', example: '2026-06-30', description: 'Last London date on which the news was received (included); at most 36 months after from' })
  @Matches(DATE, { message: 'must be a date as YYYY-MM-DD' })
  to: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One of your areas; all your areas when left out. Another area is a 404.' })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'csv for text/csv (or send Accept: text/csv); json by default' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class KeyingFigures {
  @ApiProperty({ description: 'Records keyed whose news was received in the period' }) keyed: number;
  @ApiProperty({ description: 'Keyed on the London day it was received' }) sameDay: number;
  @ApiProperty({ description: 'Keyed the next working day' }) nextWorkingDay: number;
  @ApiProperty({ description: 'Keyed 2 or more working days after receipt: each one made a duty look late, or late for longer, than it was' }) keyedLate: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Median working days from receipt to keying' }) medianWorkingDays: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '90th percentile working days from receipt to keying' }) p90WorkingDays: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxWorkingDays: number | null;
}

export class KeyingByKind extends KeyingFigures {
  @ApiProperty({ enum: KEYED_KINDS }) kind: KeyedKind;
}

export class OrganisationKeying extends KeyingFigures {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The organisation of whoever keyed it (null: the service itself, e.g. a late referral’s news)' })
  organisationId: string | null;
  @ApiProperty({ nullable: true, type: String }) organisationName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'police_force, witness_care_unit, victim_care_service…' }) organisationKind: string | null;
  @ApiProperty({ type: [KeyingByKind] }) byKind: KeyingByKind[];
}

export class DataQualityReport {
  @ApiProperty({ example: 'data-quality' }) report: 'data-quality';
  @ApiProperty({ format: 'date-time' }) asOf: Date;
  @ApiProperty({ description: 'The period and areas answered' }) filters: { from: string; to: string; areaIds: string[] };
  @ApiProperty({ type: KeyingFigures }) total: KeyingFigures;
  @ApiProperty({ type: [OrganisationKeying], description: 'Most keyed late first' }) organisations: OrganisationKeying[];
}
