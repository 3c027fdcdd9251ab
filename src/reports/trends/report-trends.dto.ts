import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { RULE_IDS } from '../../../libs/victims-code/src/index.js';
import { OwingOrganisationFilter, ReportFilters } from '../dto/report-query.dto.js';
import { AppliedFilters, type ComplianceFigures } from '../dto/report-responses.dto.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A count as the compliance report shows it: a number, or its marker when protected. */
export type TrendCount = ComplianceFigures['due'];

const COUNT = {
  oneOf: [{ type: 'integer', minimum: 0 }, { type: 'string', description: 'As the compliance report shows a protected count' }],
};

export const DIRECTIONS = ['improving', 'worsening', 'steady', 'unknown'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** The trends' query: a period and the compliance report's filters. */
export class TrendsQuery extends ReportFilters {
  @ApiProperty({ format: 'date', example: '2026-04-01', description: 'First London date of the period' })
  @Matches(DATE, { message: 'must be a date as YYYY-MM-DD' })
  from: string;

  @ApiProperty({ format: 'date', example: '2026-06-30', description: 'Last London date of the period (included); the rolling 12 months end with its month' })
  @Matches(DATE, { message: 'must be a date as YYYY-MM-DD' })
  to: string;

  @ApiPropertyOptional({ enum: RULE_IDS, description: 'The rolling 12 months of one rule (with its target) instead of all rules together' })
  @IsOptional()
  @IsIn(RULE_IDS)
  ruleId?: string;

  @OwingOrganisationFilter()
  owingOrganisationId?: string;
}

export class TrendPeriod {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
}

export class TrendFigures {
  @ApiProperty(COUNT) due: TrendCount;
  @ApiProperty(COUNT) met: TrendCount;
  @ApiProperty(COUNT) metLate: TrendCount;
  @ApiProperty(COUNT) breached: TrendCount;
  @ApiProperty(COUNT) open: TrendCount;
  @ApiProperty({ type: Number, nullable: true, description: 'As the compliance report gives it: null when not shown' }) onTimePercent: number | null;
}

export class TrendRow extends TrendFigures {
  @ApiProperty({ enum: ['rule', 'total'] }) level: 'rule' | 'total';
  @ApiProperty({ type: String, nullable: true, enum: RULE_IDS }) ruleId: string | null;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: Number, nullable: true }) right: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'victim_care_service' }) owner: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The area’s target % on time for the rule (over several areas: only when all set the same)' }) targetPercent: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'On time % of the previous period' }) previousOnTimePercent: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'On time % of the same period a year before' }) lastYearOnTimePercent: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Percentage points against the previous period; null when either is not shown' }) changeOnPrevious: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Percentage points against the same period last year' }) changeOnLastYear: number | null;
  @ApiProperty({ enum: DIRECTIONS, description: 'Against the previous period: improving or worsening by at least directionThresholdPoints, else steady; unknown when either % is not shown' }) direction: Direction;
}

export class TrendMonth extends TrendFigures {
  @ApiProperty({ example: '2026-04' }) label: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: Number, nullable: true }) targetPercent: number | null;
}

export class WorstRule {
  @ApiProperty({ enum: RULE_IDS }) ruleId: string;
  @ApiProperty() title: string;
  @ApiProperty() owner: string;
  @ApiProperty() onTimePercent: number;
  @ApiProperty(COUNT) breached: TrendCount;
  @ApiProperty({ type: Number, nullable: true }) targetPercent: number | null;
}

export class OwnerWorstRules {
  @ApiProperty({ example: 'police', description: 'The kind of organisation that owes the rule’s duties' }) owner: string;
  @ApiProperty({ type: [WorstRule] }) rules: WorstRule[];
}

export class OrganisationWorstRules {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the duties whose area and owner kind the organisations directory does not name' }) organisationId: string | null;
  @ApiProperty({ example: 'Cleveland Police' }) organisationName: string;
  @ApiProperty({ type: String, nullable: true, example: 'police_force' }) organisationKind: string | null;
  @ApiProperty({ type: [WorstRule] }) rules: WorstRule[];
}

export class TrendsReport {
  @ApiProperty({ example: 'trends' }) report: string;
  @ApiProperty({ format: 'date-time' }) asOf: Date;
  @ApiProperty({ enum: ['rollup', 'live'] }) source: string;
  @ApiProperty({ type: AppliedFilters }) filters: AppliedFilters;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The protection the compliance answers applied (as their own header says)' }) protection: Record<string, unknown>;
  @ApiProperty({ example: 2, description: 'Percentage points of on time % that make a rule improving or worsening' }) directionThresholdPoints: number;
  @ApiProperty({ type: TrendPeriod }) period: TrendPeriod;
  @ApiProperty({ type: TrendPeriod, nullable: true, description: 'As long, just before; null before the calendar’s first year' }) previous: TrendPeriod | null;
  @ApiProperty({ type: TrendPeriod, nullable: true, description: 'The same dates a year before' }) lastYear: TrendPeriod | null;
  @ApiProperty({ type: [TrendRow], description: 'Each rule with duties, then the total' }) rows: TrendRow[];
  @ApiProperty({ type: [TrendMonth], description: 'The 12 months ending with the period’s last month, of ruleId or all rules' }) rolling: TrendMonth[];
  @ApiProperty({ type: String, nullable: true, enum: RULE_IDS }) rollingRuleId: string | null;
  @ApiProperty({ type: [WorstRule], description: 'The 3 rules with the lowest on time % shown' }) worstRules: WorstRule[];
  @ApiProperty({ type: [OwnerWorstRules], description: 'The 3 worst rules of each kind of owner' }) worstByOwner: OwnerWorstRules[];
  @ApiProperty({ type: [OrganisationWorstRules], description: 'The 3 worst rules of each owing organisation (the organisations directory), by name, then of the duties it does not name' })
  worstByOrganisation: OrganisationWorstRules[];
}
