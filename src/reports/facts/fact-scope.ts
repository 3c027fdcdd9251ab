import type { OffenceCategory } from '../../../libs/victims-code/src/index.js';
import { AccessScope } from '../../access/access-scope.js';
import type { JourneyRole } from '../../journeys/journey-vocabulary.js';
import type { CalendarDate } from '../report-periods.js';
import { KEY_RANGE } from '../disclosure/cell-key.js';
import { SqlParams } from './sql-params.js';

/**
 * A count of fact rows and, as `<name>_key`, the sum of the counted records' keys modulo
 * KEY_RANGE (the cell key method: every count carries its records' key sum, see
 * src/reports/disclosure). `record` is the alias of the table whose rows are counted.
 */
export function keyedCount(record: string, name: string, condition?: string): string {
  const filter = condition ? ` FILTER (WHERE ${condition})` : '';
  return `count(*)${filter}::int AS ${name}, (coalesce(sum(${record}.record_key)${filter}, 0) % ${KEY_RANGE})::int AS ${name}_key`;
}

/** A count summed over fact rows, with its key column summed modulo KEY_RANGE. */
export function keyedSum(alias: string, name: string): string {
  return `sum(${alias}.${name})::int AS ${name}, (sum(${alias}.${name}_key) % ${KEY_RANGE})::int AS ${name}_key`;
}

/** The key columns of some counts. */
export function keyColumnsOf(counts: readonly string[]): string[] {
  return counts.map((count) => `${count}_key`);
}

/** The report filters that are dimensions of every fact (and of every rollup row). */
export interface DimensionFilters {
  /** The journey's lead organisation. */
  organisationId?: string;
  offenceCategory?: OffenceCategory;
  /** Duties: the enhanced deadline applied; journeys: enhanced rights recorded. */
  enhanced?: boolean;
  role?: JourneyRole;
}

/** What a fact query covers. */
export interface FactScope {
  /** The areas to count; null for every area (a rollup refresh, never a request). */
  areaIds: readonly string[] | null;
  /** London dates, both included; null for all time (a rollup refresh). */
  period: { from: CalendarDate; to: CalendarDate } | null;
  /** Owed duties past due by this instant are breached, and late by the working days up to it. */
  asAt: Date;
  filters: DimensionFilters;
  /** What places a fact in a row: the London month of its instant, or its London day (the daily rollups). Month unless said. */
  grain?: 'month' | 'day';
  /** Totals kept apart by area (the quarterly return's rows); otherwise summed over the scope's areas, with a null area. */
  perArea?: boolean;
}

/**
 * Where a report's facts are read, all but `live` as at the worker's last refresh:
 * - rollup: the monthly rollups, for whole months;
 * - daily: the daily rollups, for the days of part months;
 * - live: the source tables.
 */
export type FactSource = 'rollup' | 'daily' | 'live';

/** The daily rollup of a monthly one: the same columns, a row per London day (`day`) with its `month`. */
export function dailyRollup(table: string): string {
  return `${table}_daily`;
}

/** The columns of a source query that the scope restricts. */
export interface ScopedColumns {
  area: string;
  /** The instant that places a fact in a month: a duty's due_at, a journey's referred_at or closed_at. */
  instant: string;
  enhanced: string;
  role: string;
  offenceCategory: string;
  organisation: string;
}

/** A journey-level fact's filter dimensions, as the rollups hold them: its journey `j` and crime `c`. */
export const JOURNEY_DIMENSIONS = `cardinality(j.enhanced_categories) > 0 AS enhanced, j.role, c.offence_category, j.lead_organisation_id AS organisation_id`;

/** The scope's columns for rows in `area`, placed in a month by `instant`, filtered through their journey `j` and crime `c`. */
export function journeyColumns(area: string, instant: string): ScopedColumns {
  return { area, instant, enhanced: 'cardinality(j.enhanced_categories) > 0', role: 'j.role', offenceCategory: 'c.offence_category', organisation: 'j.lead_organisation_id' };
}

/** A totals query's area column, to select and group by: the fact rows' own, or null when the totals sum over the areas. */
export function totalsArea(scope: Pick<FactScope, 'perArea'>, alias: string): string {
  return scope.perArea ? `${alias}.area_id` : 'NULL::uuid';
}

/** The London month (its first day) of an instant column, or its London day when the scope is by day. */
export function londonMonth(instant: string, scope?: Pick<FactScope, 'grain'>): string {
  return `date_trunc('${scope?.grain ?? 'month'}', ${instant} AT TIME ZONE 'Europe/London')::date`;
}

/** Conditions on the source tables: index-friendly ranges on the instant, and the filters. */
export function sourceConditions(scope: FactScope, columns: ScopedColumns, params: SqlParams): string[] {
  const conditions: string[] = [];
  // No areas named: every area (a rollup refresh, never a request), so no condition.
  if (scope.areaIds) conditions.push(AccessScope.of({ areaIds: scope.areaIds }).sqlFilter(columns.area, params.values));
  if (scope.period) {
    // The period's first London day from midnight, to the end of its last.
    conditions.push(`${columns.instant} >= (${params.once('from', scope.period.from, 'date')}::timestamp AT TIME ZONE 'Europe/London')`);
    conditions.push(`${columns.instant} < ((${params.once('to', scope.period.to, 'date')} + 1)::timestamp AT TIME ZONE 'Europe/London')`);
  }
  conditions.push(...filterConditions(scope.filters, columns, params));
  return conditions;
}

/**
 * Conditions on fact rows (a rollup table, or a fact query's output): whole months, or
 * for the daily rollups the period's days.
 */
export function factConditions(scope: FactScope, alias: string, params: SqlParams, source: FactSource): string[] {
  const conditions: string[] = [];
  if (scope.areaIds) conditions.push(AccessScope.of({ areaIds: scope.areaIds }).sqlFilter(`${alias}.area_id`, params.values));
  if (scope.period && source === 'daily') {
    conditions.push(`${alias}.day >= ${params.once('from', scope.period.from, 'date')}`);
    conditions.push(`${alias}.day <= ${params.once('to', scope.period.to, 'date')}`);
  } else if (scope.period) {
    conditions.push(`${alias}.month >= date_trunc('month', ${params.once('from', scope.period.from, 'date')})::date`);
    conditions.push(`${alias}.month <= ${params.once('to', scope.period.to, 'date')}`);
  }
  conditions.push(
    ...filterConditions(scope.filters, {
      enhanced: `${alias}.enhanced`,
      role: `${alias}.role`,
      offenceCategory: `${alias}.offence_category`,
      organisation: `${alias}.organisation_id`,
    }, params),
  );
  return conditions;
}

function filterConditions(filters: DimensionFilters, columns: Pick<ScopedColumns, 'enhanced' | 'role' | 'offenceCategory' | 'organisation'>, params: SqlParams): string[] {
  const conditions: string[] = [];
  if (filters.organisationId !== undefined) conditions.push(`${columns.organisation} = ${params.once('organisation', filters.organisationId, 'uuid')}`);
  if (filters.offenceCategory !== undefined) conditions.push(`${columns.offenceCategory} = ${params.once('offence', filters.offenceCategory, 'text')}`);
  if (filters.enhanced !== undefined) conditions.push(`(${columns.enhanced}) = ${params.once('enhanced', filters.enhanced, 'boolean')}`);
  if (filters.role !== undefined) conditions.push(`${columns.role} = ${params.once('role', filters.role, 'text')}`);
  return conditions;
}

export function where(conditions: readonly string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join('\n   AND ')}` : '';
}

/** The fact rows a report reads: the monthly or daily rollup table, or the fact query itself in brackets. */
export function factsFrom(source: FactSource, rollupTable: string, liveSql: () => string): string {
  if (source === 'rollup') return rollupTable;
  return source === 'daily' ? dailyRollup(rollupTable) : `(${liveSql()})`;
}

/**
 * A fact's totals summed over the filter dimensions (their conditions applied), by area
 * (or summed over the areas, see `totalsArea`), month and `categories`, with each of
 * `counts` summed: from the monthly or daily rollup `table`, or the fact query itself.
 */
export function factTotalsQuery(
  scope: FactScope,
  source: FactSource,
  table: string,
  facts: (scope: FactScope, params: SqlParams) => string,
  categories: readonly string[],
  counts: readonly string[],
  keyed: readonly string[] = counts,
): { sql: string; params: unknown[] } {
  const params = new SqlParams();
  const from = factsFrom(source, table, () => facts(scope, params));
  const kept = [totalsArea(scope, 'f'), 'f.month', ...categories.map((column) => `f.${column}`)];
  const sql = `
    SELECT ${totalsArea(scope, 'f')} AS area_id, to_char(f.month, 'YYYY-MM-DD') AS month,
           ${[...categories.map((column) => `f.${column}`), ...counts.map((column) => (keyed.includes(column) ? keyedSum('f', column) : `sum(f.${column})::int AS ${column}`))].join(', ')}
      FROM ${from} f
     ${where(factConditions(scope, 'f', params, source))}
     GROUP BY ${kept.join(', ')}`;
  return { sql, params: params.values };
}
