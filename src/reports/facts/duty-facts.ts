import { NEVER_OWED_REASONS } from '../../../libs/victims-code/src/index.js';
import { KEY_RANGE } from '../disclosure/cell-key.js';
import { dailyRollup, keyColumnsOf, keyedCount, keyedSum, type DimensionFilters, type FactScope, type FactSource, type ScopedColumns, factConditions, factsFrom, londonMonth, sourceConditions, where, totalsArea } from './fact-scope.js';
import type { StatusCounts } from '../status-counts.js';
import { SqlParams } from './sql-params.js';
import type { OwnerPairs } from '../owing-organisations.js';

export const DUTY_ROLLUP = 'report_duty_rollup';

/**
 * A duty withdrawn as recorded in error or as a duplicate was never owed: compliance counts
 * it nowhere, not even among the duties due (libs/victims-code leavesCompliance). Any other
 * withdrawn duty was owed until it stopped, and counts as withdrawn.
 */
const OWED_ONCE = `NOT (d.status = 'withdrawn' AND d.withdrawn_reason IN (${NEVER_OWED_REASONS.map((reason) => `'${reason}'`).join(', ')}))`;

/** Where a duty's scoped columns are, with its journey as j and crime as c. */
export const DUTY_COLUMNS: ScopedColumns = {
  area: 'd.area_id',
  instant: 'd.due_at',
  enhanced: 'd.enhanced',
  role: 'j.role',
  offenceCategory: 'c.offence_category',
  organisation: 'j.lead_organisation_id',
};

/** The rollup's columns, in the order the fact query answers them. */
export const DUTY_FACT_COLUMNS = [
  'area_id', 'month', 'enhanced', 'role', 'offence_category', 'organisation_id', 'rule_id', 'rule_set_version', 'code_right', 'owner',
  'working_days_late', 'met', 'met_late', 'breached', 'open', 'withdrawn', 'collapsed',
] as const;

/** The duty rollup's counts, each with its key column. */
export const DUTY_COUNT_COLUMNS = ['met', 'met_late', 'breached', 'open', 'withdrawn'] as const;
const KEY_SUMS = DUTY_COUNT_COLUMNS.map((count) => `(sum(${count}_key) % ${KEY_RANGE})::int`).join(', ');
/** The rollup's columns as written: the fact columns, then the key columns (the CUBE and totals SQL below answer them in this order). */
export const DUTY_ROLLUP_COLUMNS = [...DUTY_FACT_COLUMNS, ...keyColumnsOf(DUTY_COUNT_COLUMNS)];

/** GROUPING() bits of the filter dimensions, as report_duty_rollup.collapsed holds them. */
const COLLAPSE_BITS = { enhanced: 8, role: 4, offenceCategory: 2, organisationId: 1 } as const;

/** The rollup rows a request reads: its filtered dimensions kept, every other one summed over. */
export function collapsedFor(filters: DimensionFilters): number {
  return (Object.keys(COLLAPSE_BITS) as Array<keyof typeof COLLAPSE_BITS>)
    .filter((dimension) => filters[dimension] === undefined)
    .reduce((mask, dimension) => mask | COLLAPSE_BITS[dimension], 0);
}

/**
 * Duties by the London month they fell due, every filter dimension, rule, and working days
 * late, counted by their status as at `scope.asAt`:
 * - met: met on or before the deadline; met late: met after it (late by the working days
 *   recorded when it was met);
 * - breached: still owed and past the deadline at as-at (late by the working days from
 *   the deadline's day to as-at's day, London time);
 * - open: still owed, not yet due; withdrawn: no longer owed (closure, opt-out, superseded).
 * Stored statuses are read "as at": an owed duty past due is breached whether or not the
 * reminders worker has recorded the breach yet. `every` dimension for the rollup; a report's
 * plain query needs only those it filters on (the others come out null, summed over anyway).
 */
export function dutyFactsSql(scope: FactScope, params: SqlParams, dimensions: 'every' | 'filtered' = 'every'): string {
  const asAt = params.once('asAt', scope.asAt, 'timestamptz');
  const owed = `d.status IN ('open', 'breached')`;
  // A report sums over the dimensions it does not filter on: it need not join what gives them.
  const { filters } = scope;
  const crimes = dimensions === 'every' || filters.offenceCategory !== undefined;
  const journeys = crimes || filters.role !== undefined || filters.organisationId !== undefined;
  const role = journeys ? 'j.role' : 'NULL::text';
  const offence = crimes ? 'c.offence_category' : 'NULL::text';
  const organisation = journeys ? 'j.lead_organisation_id' : 'NULL::uuid';
  return `
    SELECT d.area_id, ${londonMonth('d.due_at', scope)} AS month, d.enhanced, ${role} AS role, ${offence} AS offence_category,
           ${organisation} AS organisation_id, d.rule_id, d.rule_set_version, d.code_right, d.owner,
           CASE WHEN d.status = 'met_late' THEN coalesce(d.working_days_late, 0)
                WHEN ${owed} AND d.due_at < ${asAt} THEN greatest(coalesce(now_day.working_day_number - due_day.working_day_number, 0), 0)
                ELSE 0 END AS working_days_late,
           ${keyedCount('d', 'met', `d.status = 'met'`)},
           ${keyedCount('d', 'met_late', `d.status = 'met_late'`)},
           ${keyedCount('d', 'breached', `${owed} AND d.due_at < ${asAt}`)},
           ${keyedCount('d', 'open', `${owed} AND d.due_at >= ${asAt}`)},
           ${keyedCount('d', 'withdrawn', `d.status = 'withdrawn'`)},
           0 AS collapsed
      FROM duties d
      ${journeys ? 'JOIN journeys j ON j.id = d.journey_id' : ''}
      ${crimes ? 'JOIN crimes c ON c.id = j.crime_id' : ''}
      LEFT JOIN report_working_days due_day ON due_day.day = (d.due_at AT TIME ZONE 'Europe/London')::date
      LEFT JOIN report_working_days now_day ON now_day.day = (${asAt} AT TIME ZONE 'Europe/London')::date
     ${where([...sourceConditions(scope, DUTY_COLUMNS, params), OWED_ONCE])}
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`;
}

/**
 * The rollup's other rows, from its finest ones (collapsed 0, the fact query's own rows):
 * every combination of the filter dimensions with the rest summed over. Sums of sums, so
 * exactly what the fact query would give, at a fraction of the cost of grouping the duties again.
 */
export const DUTY_ROLLUP_CUBE_SQL = `
    SELECT area_id, month, enhanced, role, offence_category, organisation_id, rule_id, rule_set_version, code_right, owner, working_days_late,
           sum(met)::int, sum(met_late)::int, sum(breached)::int, sum(open)::int, sum(withdrawn)::int,
           GROUPING(enhanced, role, offence_category, organisation_id), ${KEY_SUMS}
      FROM ${DUTY_ROLLUP}
     WHERE collapsed = 0
     GROUP BY area_id, month, rule_id, rule_set_version, code_right, owner, working_days_late, CUBE (enhanced, role, offence_category, organisation_id)
    HAVING GROUPING(enhanced, role, offence_category, organisation_id) > 0
     ORDER BY GROUPING(enhanced, role, offence_category, organisation_id), area_id, month`;

/** Every filter dimension summed over: the rows an unfiltered request reads. */
const ALL_COLLAPSED = 15;

/** Every filter dimension and working days late (bit 16) summed over: where an unfiltered request's duties stand. */
const STATUS_COLLAPSED = ALL_COLLAPSED | 16;

/**
 * The monthly rollup's rows summed over every filter dimension and working days late too
 * (collapsed 31), from those summed over the filter dimensions (collapsed 15): where an
 * unfiltered request's duties stand, by area, month, rule and owner, read row for row
 * rather than summed over a row for each day late at every request.
 */
export const DUTY_ROLLUP_STATUS_SQL = `
    SELECT area_id, month, NULL::boolean, NULL::text, NULL::text, NULL::uuid, rule_id, rule_set_version, code_right, owner, 0,
           sum(met)::int, sum(met_late)::int, sum(breached)::int, sum(open)::int, sum(withdrawn)::int, ${STATUS_COLLAPSED}, ${KEY_SUMS}
      FROM ${DUTY_ROLLUP}
     WHERE collapsed = ${ALL_COLLAPSED}
     GROUP BY area_id, month, rule_id, rule_set_version, code_right, owner
     ORDER BY area_id, month`;

/**
 * The daily rollup's other rows, from its finest ones: every filter dimension summed over
 * (collapsed 15), so an unfiltered request for the days of a part month reads a few rows
 * per area and day; a filtered one sums the finest rows of those days.
 */
export const DUTY_DAILY_ROLLUP_TOTALS_SQL = `
    SELECT area_id, day, NULL::boolean, NULL::text, NULL::text, NULL::uuid, rule_id, rule_set_version, code_right, owner, working_days_late,
           sum(met)::int, sum(met_late)::int, sum(breached)::int, sum(open)::int, sum(withdrawn)::int, ${ALL_COLLAPSED}, ${KEY_SUMS}
      FROM ${dailyRollup(DUTY_ROLLUP)}
     WHERE collapsed = 0
     GROUP BY area_id, day, rule_id, rule_set_version, code_right, owner, working_days_late
     ORDER BY area_id, day`;

export interface DutyTotalsRow {
  area_id: string | null;
  month: string;
  rule_id: string;
  code_right: number;
  owner: string;
  working_days_late: number;
  met: number;
  met_late: number;
  breached: number;
  open: number;
  withdrawn: number;
}

/** Duty facts kept apart by area and owner (no lateness): what the breakdown by owing organisation resolves. */
export interface DutyOwnerTotalsRow extends Omit<DutyTotalsRow, 'area_id' | 'working_days_late'> {
  area_id: string;
}

/** Late duties (met late, or breached so far) by month, rule and working days late: what a report's medians and 90th percentiles are read from. */
export interface DutyLateRow {
  month: string;
  rule_id: string;
  code_right: number;
  working_days_late: number;
  /** How many duties: met late, plus breached. */
  late: number;
}

/** Where a row's duties stand. */
export function statusCountsOf(row: Pick<DutyTotalsRow, 'met' | 'met_late' | 'breached' | 'open' | 'withdrawn'>): StatusCounts {
  return { met: row.met, metLate: row.met_late, breached: row.breached, open: row.open, withdrawn: row.withdrawn };
}

/** Which duties a compliance read counts besides the scope: one rule set's, and those owed by one organisation's (area, owner) pairs. */
export interface DutySelection {
  ruleSet?: string;
  owing?: OwnerPairs;
}

/**
 * The duty fact rows a report reads (rollup, daily rollup or the fact query), with the
 * scope's and the selection's conditions. `overLateness`: the read sums over working days
 * late, so an unfiltered one may read the monthly rollup's level summed over them already.
 */
function dutyFactRows(scope: FactScope, source: FactSource, selection: DutySelection, params: SqlParams, overLateness = false): { from: string; conditions: string[] } {
  const from = factsFrom(source, DUTY_ROLLUP, () => dutyFactsSql(scope, params, 'filtered'));
  const conditions = factConditions(scope, 'f', params, source);
  // Compliance under one Code: the duties made under that rule set (each records its own).
  if (selection.ruleSet !== undefined) conditions.push(`f.rule_set_version = ${params.add(selection.ruleSet, 'text')}`);
  // The duties one organisation owes: the (area, owner kind) pairs the directory names it for.
  if (selection.owing !== undefined) {
    conditions.push(`(f.area_id, f.owner) IN (SELECT * FROM unnest(${params.add(selection.owing.areaIds, 'uuid[]')}, ${params.add(selection.owing.owners, 'text[]')}))`);
  }
  // The monthly rollup holds every combination; the daily one the finest rows, and the fully summed ones.
  const collapsed = collapsedFor(scope.filters);
  if (source === 'rollup') {
    const level = overLateness && collapsed === ALL_COLLAPSED ? STATUS_COLLAPSED : collapsed;
    conditions.unshift(`f.collapsed = ${params.add(level, 'smallint')}`);
  }
  if (source === 'daily') conditions.unshift(`f.collapsed = ${params.add(collapsed === ALL_COLLAPSED ? ALL_COLLAPSED : 0, 'smallint')}`);
  return { from, conditions };
}

/** Duty facts summed over the dimensions the scope filters on: by area, month, rule and lateness. */
export function dutyTotalsQuery(scope: FactScope, source: FactSource, selection: DutySelection = {}): { sql: string; params: unknown[] } {
  const params = new SqlParams();
  const { from, conditions } = dutyFactRows(scope, source, selection, params);
  const sql = `
    SELECT ${totalsArea(scope, 'f')} AS area_id, to_char(f.month, 'YYYY-MM-DD') AS month, f.rule_id, f.code_right, f.owner, f.working_days_late,
           ${DUTY_COUNT_COLUMNS.map((count) => keyedSum('f', count)).join(', ')}
      FROM ${from} f
     ${where(conditions)}
     GROUP BY ${totalsArea(scope, 'f')}, f.month, f.rule_id, f.code_right, f.owner, f.working_days_late`;
  return { sql, params: params.values };
}

/**
 * The late duties of the same selection by month, rule and working days late, summed over
 * areas and owners: only the rows with a late duty, and no key columns (a median or 90th
 * percentile is computed from these, shown only over a protected base, and is never
 * perturbed itself). With dutyOwnerTotalsQuery, all that the compliance report reads.
 */
export function dutyLateDaysQuery(scope: FactScope, source: FactSource, selection: DutySelection = {}): { sql: string; params: unknown[] } {
  const params = new SqlParams();
  const { from, conditions } = dutyFactRows(scope, source, selection, params);
  const sql = `
    SELECT to_char(f.month, 'YYYY-MM-DD') AS month, f.rule_id, f.code_right, f.working_days_late, (sum(f.met_late) + sum(f.breached))::int AS late
      FROM ${from} f
     ${where([...conditions, '(f.met_late > 0 OR f.breached > 0)'])}
     GROUP BY f.month, f.rule_id, f.code_right, f.working_days_late`;
  return { sql, params: params.values };
}

/**
 * The same duties by area, month, rule and owner, summed over lateness: the rows the
 * breakdown by owing organisation resolves, (area, owner) by (area, owner). Kept apart
 * from the totals above so those stay summed over the areas (a national read keeps its
 * few rows), and without lateness so these are few too (areas x months x rules).
 */
export function dutyOwnerTotalsQuery(scope: FactScope, source: FactSource, selection: DutySelection = {}): { sql: string; params: unknown[] } {
  const params = new SqlParams();
  const { from, conditions } = dutyFactRows(scope, source, selection, params, true);
  const sql = `
    SELECT f.area_id, to_char(f.month, 'YYYY-MM-DD') AS month, f.rule_id, f.code_right, f.owner,
           ${DUTY_COUNT_COLUMNS.map((count) => keyedSum('f', count)).join(', ')}
      FROM ${from} f
     ${where(conditions)}
     GROUP BY f.area_id, f.month, f.rule_id, f.code_right, f.owner`;
  return { sql, params: params.values };
}
