import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { OFFENCE_CATEGORIES, RULE_IDS, type OffenceCategory, type RuleId } from '../../../libs/victims-code/src/index.js';
import { PageQuery } from '../../app/pagination.js';
import { JOURNEY_ROLES, type JourneyRole } from '../../journeys/journey-vocabulary.js';
import { REPORT_GROUPINGS, type ReportGrouping } from '../report-periods.js';

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Query strings are text: only the words true and false mean a boolean.
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/**
 * The compliance filter by owing organisation (compliance and trends): the duties whose
 * (area, owner kind) the areas' organisations directories resolve to this organisation.
 */
export function OwingOrganisationFilter() {
  return applyDecorators(
    ApiPropertyOptional({
      format: 'uuid',
      description: 'Only the duties this organisation owes: those whose area and owner kind the organisations directory names it for. One named in your areas’ directories; else a 400 naming this field.',
    }),
    IsOptional(),
    IsUUID(),
  );
}

/** The filters every report takes besides its period. */
export class ReportFilters {
  @ApiPropertyOptional({ format: 'uuid', description: 'One of your areas; all your areas when left out. Another area is a 404.' })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The lead organisation of the journeys (the commissioned provider)' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ enum: OFFENCE_CATEGORIES })
  @IsOptional()
  @IsIn(OFFENCE_CATEGORIES)
  offenceCategory?: OffenceCategory;

  @ApiPropertyOptional({ type: Boolean, description: 'Duties: enhanced (true) or standard (false) deadlines; journeys: with or without enhanced rights' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  enhanced?: boolean;

  @ApiPropertyOptional({ enum: JOURNEY_ROLES, description: 'Victims or witnesses' })
  @IsOptional()
  @IsIn(JOURNEY_ROLES)
  role?: JourneyRole;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'csv for text/csv (or send Accept: text/csv); json by default' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

/** A report over a period of London dates. */
export class PeriodReportQuery extends ReportFilters {
  @ApiProperty({ format: 'date', example: '2026-04-01', description: 'First London date of the period. Whole months answer from the rollups (fast).' })
  @Matches(DATE, { message: 'must be a date as YYYY-MM-DD' })
  from: string;

  @ApiProperty({ format: 'date', example: '2026-06-30', description: 'Last London date of the period (included); at most 36 months after from' })
  @Matches(DATE, { message: 'must be a date as YYYY-MM-DD' })
  to: string;

  @ApiPropertyOptional({ enum: REPORT_GROUPINGS, default: 'month', description: 'Figures by London month, or by quarter (labelled by financial year: April-June is Q1)' })
  @IsOptional()
  @IsIn(REPORT_GROUPINGS)
  groupBy: ReportGrouping = 'month';
}

/** The list behind a compliance report's breaches. */
/** The Code compliance report's query: a period, the filters, and optionally one rule set. */
export class ComplianceReportQuery extends PeriodReportQuery {
  @ApiPropertyOptional({
    example: 'vc-2020.1',
    description: 'Only duties made under this rule set (each duty records the set in force when its trigger was received): compliance under one Code',
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{0,39}$/, { message: 'must be a rule set version, e.g. vc-2020.1' })
  ruleSet?: string;

  @OwingOrganisationFilter()
  owingOrganisationId?: string;
}

export class BreachListQuery extends IntersectionType(PageQuery, ReportFilters) {
  @ApiProperty({ format: 'date', example: '2026-04-01', description: 'Duties due from this London date' })
  @Matches(DATE, { message: 'must be a date as YYYY-MM-DD' })
  from: string;

  @ApiProperty({ format: 'date', example: '2026-06-30', description: 'Duties due up to this London date (included)' })
  @Matches(DATE, { message: 'must be a date as YYYY-MM-DD' })
  to: string;

  @ApiPropertyOptional({ enum: RULE_IDS })
  @IsOptional()
  @IsIn(RULE_IDS)
  ruleId?: RuleId;

  @ApiPropertyOptional({ minimum: 1, maximum: 12, description: 'A right of the Code' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  right?: number;
}

/** The quarterly return: one financial quarter, by area. */
export class QuarterlyReturnQuery {
  @ApiProperty({ example: '2026-27', description: 'The financial year, April to March' })
  @Matches(/^\d{4}-\d{2}$/, { message: 'must be a financial year as YYYY-YY, e.g. 2026-27' })
  financialYear: string;

  @ApiProperty({ minimum: 1, maximum: 4, description: '1: April-June, 2: July-September, 3: October-December, 4: January-March' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4)
  quarter: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'One of your areas; a row for each of your areas when left out' })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only journeys led by this organisation (a commissioned provider)' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}
