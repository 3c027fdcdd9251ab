import { DOMAIN_CHANGE_SQL, frameworkDomainsSql, overallChangeSql, overallImprovedSql } from './cope-recover-sql.js';
import { type FactScope, type FactSource, factTotalsQuery, keyedCount, JOURNEY_DIMENSIONS, journeyColumns, londonMonth, sourceConditions, where } from './fact-scope.js';
import { SqlParams } from './sql-params.js';

// The rollup tables keep the names they were created with (the report's URL is still /reports/outcomes).
export const CLOSED_JOURNEY_ROLLUP = 'report_outcome_rollup';
export const CLOSED_JOURNEY_DOMAIN_ROLLUP = 'report_outcome_domain_rollup';

export const CLOSED_JOURNEY_FACT_COLUMNS = [
  'area_id', 'month', 'enhanced', 'role', 'offence_category', 'organisation_id', 'closure_reason', 'framework_version',
  'end_measure', 'satisfaction', 'closed', 'improved', 'overall_change_sum', 'satisfaction_score_sum',
] as const;

export const CLOSED_JOURNEY_DOMAIN_FACT_COLUMNS = [
  'area_id', 'month', 'enhanced', 'role', 'offence_category', 'organisation_id', 'framework_version', 'domain',
  'compared', 'improved', 'change_sum',
] as const;

/** The counts of people (keyed); the other summed columns are sums of scores. */
export const CLOSED_JOURNEY_COUNTS = ['closed', 'improved'];
export const CLOSED_JOURNEY_DOMAIN_COUNTS = ['compared', 'improved'];

const CLOSED_JOURNEYS = journeyColumns('j.area_id', 'j.closed_at');

// The measures current at closure: a reopened journey's earlier end measure is superseded.
const MEASURES = `
      LEFT JOIN cope_recover_measures s ON s.journey_id = j.id AND s.point = 'start' AND s.superseded_at IS NULL
      LEFT JOIN cope_recover_measures e ON e.journey_id = j.id AND e.point = 'end' AND e.superseded_at IS NULL`;

/** A closed journey's area, London month (or day) of closure and filter dimensions. */
function dimensions(scope: FactScope): string {
  return `j.area_id, ${londonMonth('j.closed_at', scope)} AS month, ${JOURNEY_DIMENSIONS}`;
}

/**
 * Journeys closed, by the London month of closure, every filter dimension, closure reason,
 * the framework of the start measure (none: support never began with one), what was
 * recorded at the end (the end scores, the reason there are none, or nothing) and at the
 * satisfaction question. Compared (start and end scores both given): how many improved
 * overall, and the sum of their overall changes for the mean.
 */
export function closedJourneyFactsSql(scope: FactScope, params: SqlParams): string {
  return `
    SELECT ${dimensions(scope)}, j.closure_reason, s.framework_version,
           CASE WHEN e.id IS NULL THEN 'none' WHEN e.answers IS NOT NULL THEN 'answered' ELSE e.missing_reason END AS end_measure,
           CASE WHEN j.satisfaction_declined THEN 'declined' WHEN j.satisfaction_score IS NOT NULL THEN 'answered' ELSE 'none' END AS satisfaction,
           ${keyedCount('j', 'closed')},
           ${keyedCount('j', 'improved', 'scored.improved')},
           coalesce(sum(scored.overall_change), 0)::int AS overall_change_sum,
           coalesce(sum(j.satisfaction_score), 0)::int AS satisfaction_score_sum
      FROM journeys j
      JOIN crimes c ON c.id = j.crime_id ${MEASURES}
      LEFT JOIN LATERAL (SELECT ${overallChangeSql()} AS overall_change, ${overallImprovedSql()} AS improved
                          WHERE s.answers IS NOT NULL AND e.answers IS NOT NULL) scored ON true
     ${where([`j.stage = 'closed'`, ...sourceConditions(scope, CLOSED_JOURNEYS, params)])}
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;
}

/** For each framework domain of the compared journeys (start and end scores both given): how many improved, and the sum of the changes. */
export function closedJourneyDomainFactsSql(scope: FactScope, params: SqlParams): string {
  return `
    SELECT ${dimensions(scope)}, s.framework_version, fd.domain,
           ${keyedCount('j', 'compared')},
           ${keyedCount('j', 'improved', `${DOMAIN_CHANGE_SQL} >= fd.improved_at`)},
           sum(${DOMAIN_CHANGE_SQL})::int AS change_sum
      FROM journeys j
      JOIN crimes c ON c.id = j.crime_id ${MEASURES}
      JOIN ${frameworkDomainsSql()} ON fd.framework_version = s.framework_version
     ${where([`j.stage = 'closed'`, `s.answers IS NOT NULL`, `e.answers IS NOT NULL`, ...sourceConditions(scope, CLOSED_JOURNEYS, params)])}
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
}

export interface ClosedJourneyTotalsRow {
  area_id: string | null;
  month: string;
  closure_reason: string;
  framework_version: string | null;
  end_measure: string;
  satisfaction: string;
  closed: number;
  improved: number;
  overall_change_sum: number;
  satisfaction_score_sum: number;
}

export interface ClosedJourneyDomainTotalsRow {
  area_id: string | null;
  month: string;
  framework_version: string;
  domain: string;
  compared: number;
  improved: number;
  change_sum: number;
}

export function closedJourneyTotalsQuery(scope: FactScope, source: FactSource): { sql: string; params: unknown[] } {
  return factTotalsQuery(scope, source, CLOSED_JOURNEY_ROLLUP, closedJourneyFactsSql, ['closure_reason', 'framework_version', 'end_measure', 'satisfaction'], [
    'closed', 'improved', 'overall_change_sum', 'satisfaction_score_sum',
  ], CLOSED_JOURNEY_COUNTS);
}

export function closedJourneyDomainTotalsQuery(scope: FactScope, source: FactSource): { sql: string; params: unknown[] } {
  return factTotalsQuery(scope, source, CLOSED_JOURNEY_DOMAIN_ROLLUP, closedJourneyDomainFactsSql, ['framework_version', 'domain'], ['compared', 'improved', 'change_sum'], CLOSED_JOURNEY_DOMAIN_COUNTS);
}
