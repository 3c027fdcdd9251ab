import { KEY_RANGE } from '../disclosure/cell-key.js';
import { keyedCount, keyedSum, type DimensionFilters, type FactScope, type FactSource, type ScopedColumns, factConditions, JOURNEY_DIMENSIONS, journeyColumns, factsFrom, londonMonth, sourceConditions, where, totalsArea, factTotalsQuery } from './fact-scope.js';
import { SqlParams } from './sql-params.js';

export const TRIAL_ROLLUP = 'report_trial_rollup';
export const WITNESS_ATTENDANCE_ROLLUP = 'report_witness_attendance_rollup';
export const SPECIAL_MEASURE_ROLLUP = 'report_special_measure_rollup';
export const PRE_TRIAL_VISIT_ROLLUP = 'report_pre_trial_visit_rollup';

export const TRIAL_FACT_COLUMNS = [
  'area_id', 'month', 'offence_category', 'enhanced', 'role', 'organisation_id', 'effectiveness', 'effectiveness_reason', 'trials', 'collapsed',
] as const;
export const WITNESS_ATTENDANCE_FACT_COLUMNS = [
  'area_id', 'month', 'enhanced', 'role', 'offence_category', 'organisation_id', 'outcome', 'reason', 'warned', 'attendances',
] as const;
export const SPECIAL_MEASURE_FACT_COLUMNS = [
  'area_id', 'month', 'enhanced', 'role', 'offence_category', 'organisation_id', 'measure', 'status', 'refusal_reason', 'measures',
] as const;
export const PRE_TRIAL_VISIT_FACT_COLUMNS = ['area_id', 'month', 'enhanced', 'role', 'offence_category', 'organisation_id', 'status', 'visits'] as const;

/** GROUPING() bits of the journey dimensions of a trial, as report_trial_rollup.collapsed holds them. */
const TRIAL_COLLAPSE_BITS = { enhanced: 4, role: 2, organisationId: 1 } as const;

/** The trial rollup rows a request reads: the journey dimensions it filters on kept, the others summed over. */
export function trialCollapsedFor(filters: DimensionFilters): number {
  return (Object.keys(TRIAL_COLLAPSE_BITS) as Array<keyof typeof TRIAL_COLLAPSE_BITS>)
    .filter((dimension) => filters[dimension] === undefined)
    .reduce((mask, dimension) => mask | TRIAL_COLLAPSE_BITS[dimension], 0);
}

const TRIALS = `h.type = 'trial' AND h.effectiveness IS NOT NULL`;

/** Trials by the hearing's area and the London month heard; offence category is the crime's. */
const TRIAL_COLUMNS: Pick<ScopedColumns, 'area' | 'instant' | 'offenceCategory'> = { area: 'h.area_id', instant: 'h.heard_at', offenceCategory: 'c.offence_category' };

/**
 * The trial rollup: trials heard (effectiveness recorded), by the hearing's area, the London
 * month heard, the crime's offence category, effectiveness and reason, and each combination
 * of the journey dimensions of the crime's journeys (CUBE): a trial counts once in a row when
 * at least one journey of its crime has that row's values (count DISTINCT), so a row whose
 * `collapsed` bits sum over a dimension counts each trial once whatever its journeys.
 */
export function trialRollupSql(scope: FactScope, params: SqlParams): string {
  return `
    SELECT h.area_id, ${londonMonth('h.heard_at', scope)} AS month, c.offence_category,
           jd.enhanced, jd.role, jd.organisation_id, h.effectiveness, h.effectiveness_reason,
           count(DISTINCT h.id)::int AS trials,
           GROUPING(jd.enhanced, jd.role, jd.organisation_id) AS collapsed,
           -- Each hearing's key once, however many of its crime's journeys match: a distinct
           -- number per hearing (48 bits of its id) above its key, summed DISTINCT.
           (sum(DISTINCT ((('x' || substr(replace(h.id::text, '-', ''), 1, 12))::bit(48)::bigint::numeric) * ${KEY_RANGE} + h.record_key)) % ${KEY_RANGE})::int AS trials_key
      FROM hearings h
      JOIN crimes c ON c.id = h.crime_id
      LEFT JOIN (SELECT DISTINCT j.crime_id, cardinality(j.enhanced_categories) > 0 AS enhanced, j.role, j.lead_organisation_id AS organisation_id
                   FROM journeys j) jd ON jd.crime_id = h.crime_id
     ${where([TRIALS, ...trialSourceConditions(scope, params)])}
     GROUP BY h.area_id, ${londonMonth('h.heard_at', scope)}, c.offence_category, h.effectiveness, h.effectiveness_reason, CUBE (jd.enhanced, jd.role, jd.organisation_id)`;
}

function trialSourceConditions(scope: FactScope, params: SqlParams): string[] {
  // Only the area, the period and the offence: the journey filters are applied through the crime's journeys.
  const { offenceCategory } = scope.filters;
  return sourceConditions(
    { ...scope, filters: offenceCategory !== undefined ? { offenceCategory } : {} },
    { ...TRIAL_COLUMNS, enhanced: '', role: '', organisation: '' },
    params,
  );
}

/**
 * The plain query of trials for a request: the same counts as the rollup rows its filters
 * read. A trial counts when at least one journey of its crime matches every journey filter.
 */
export function trialFactsSql(scope: FactScope, params: SqlParams): string {
  const { filters } = scope;
  const journeyConditions: string[] = [];
  if (filters.enhanced !== undefined) journeyConditions.push(`(cardinality(j.enhanced_categories) > 0) = ${params.once('enhanced', filters.enhanced, 'boolean')}`);
  if (filters.role !== undefined) journeyConditions.push(`j.role = ${params.once('role', filters.role, 'text')}`);
  if (filters.organisationId !== undefined) journeyConditions.push(`j.lead_organisation_id = ${params.once('organisation', filters.organisationId, 'uuid')}`);
  const matching = journeyConditions.length > 0
    ? [`EXISTS (SELECT 1 FROM journeys j WHERE j.crime_id = h.crime_id AND ${journeyConditions.join(' AND ')})`]
    : [];
  return `
    SELECT h.area_id, ${londonMonth('h.heard_at', scope)} AS month, c.offence_category, h.effectiveness, h.effectiveness_reason,
           ${keyedCount('h', 'trials')}
      FROM hearings h
      JOIN crimes c ON c.id = h.crime_id
     ${where([TRIALS, ...trialSourceConditions(scope, params), ...matching])}
     GROUP BY 1, 2, 3, 4, 5`;
}

export interface TrialTotalsRow {
  area_id: string | null;
  month: string;
  effectiveness: 'effective' | 'cracked' | 'ineffective';
  effectiveness_reason: string | null;
  trials: number;
}

/** Trials summed over the offence categories (or the one asked for): by area, month, effectiveness and reason. */
export function trialTotalsQuery(scope: FactScope, source: FactSource): { sql: string; params: unknown[] } {
  const params = new SqlParams();
  const from = factsFrom(source, TRIAL_ROLLUP, () => trialFactsSql(scope, params));
  // Both rollups hold the CUBE's rows (count DISTINCT does not sum over the journey dimensions).
  const conditions = source !== 'live'
    ? [`f.collapsed = ${params.add(trialCollapsedFor(scope.filters), 'smallint')}`, ...factConditions(scope, 'f', params, source)]
    : factConditions({ ...scope, filters: {} }, 'f', params, source);
  const sql = `
    SELECT ${totalsArea(scope, 'f')} AS area_id, to_char(f.month, 'YYYY-MM-DD') AS month, f.effectiveness, f.effectiveness_reason, ${keyedSum('f', 'trials')}
      FROM ${from} f
     ${where(conditions)}
     GROUP BY ${totalsArea(scope, 'f')}, f.month, f.effectiveness, f.effectiveness_reason`;
  return { sql, params: params.values };
}

/**
 * Witnesses' attendance at hearings (of any type) heard in the period, by the London month
 * the hearing was heard and the witness's journey; failures by reason; and whether the
 * witness was warned for the hearing's final listing version, the one that went ahead.
 * Ranged on the hearings heard (hearings_area_heard_idx), the attendances found by hearing.
 */
export function witnessAttendanceFactsSql(scope: FactScope, params: SqlParams): string {
  return `
    SELECT wa.area_id, ${londonMonth('h.heard_at', scope)} AS month, ${JOURNEY_DIMENSIONS},
           wa.outcome, wa.reason,
           EXISTS (SELECT 1 FROM witness_warnings w
                    WHERE w.journey_id = wa.journey_id AND w.hearing_id = wa.hearing_id AND w.listing_version = h.listing_version) AS warned,
           ${keyedCount('wa', 'attendances')}
      FROM hearings h
      JOIN witness_attendances wa ON wa.hearing_id = h.id
      JOIN journeys j ON j.id = wa.journey_id
      JOIN crimes c ON c.id = j.crime_id
     ${where(['h.heard_at IS NOT NULL', ...sourceConditions(scope, journeyColumns('h.area_id', 'h.heard_at'), params)])}
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;
}

/** Special measures by the London month they were requested, the witness's journey, measure, status and refusal reason. */
export function specialMeasureFactsSql(scope: FactScope, params: SqlParams): string {
  return `
    SELECT sm.area_id, ${londonMonth('sm.requested_at', scope)} AS month, ${JOURNEY_DIMENSIONS},
           sm.measure, sm.status, sm.refusal_reason, ${keyedCount('sm', 'measures')}
      FROM special_measures sm
      JOIN journeys j ON j.id = sm.journey_id
      JOIN crimes c ON c.id = j.crime_id
     ${where(sourceConditions(scope, journeyColumns('sm.area_id', 'sm.requested_at'), params))}
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;
}

/** Witness care cases by the London month their pre-trial visit was (last) offered, and where the visit stands. */
export function preTrialVisitFactsSql(scope: FactScope, params: SqlParams): string {
  return `
    SELECT wc.area_id, ${londonMonth('wc.pre_trial_visit_offered_at', scope)} AS month, ${JOURNEY_DIMENSIONS},
           wc.pre_trial_visit_status AS status, ${keyedCount('wc', 'visits')}
      FROM witness_care_cases wc
      JOIN journeys j ON j.id = wc.journey_id
      JOIN crimes c ON c.id = j.crime_id
     ${where(['wc.pre_trial_visit_offered_at IS NOT NULL', ...sourceConditions(scope, journeyColumns('wc.area_id', 'wc.pre_trial_visit_offered_at'), params)])}
     GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}

export interface WitnessAttendanceTotalsRow {
  area_id: string | null;
  month: string;
  outcome: 'attended' | 'failed_to_attend' | 'excused' | 'not_required';
  reason: string | null;
  warned: boolean;
  attendances: number;
}

export interface SpecialMeasureTotalsRow {
  area_id: string | null;
  month: string;
  measure: string;
  status: 'requested' | 'applied_for' | 'granted' | 'refused';
  refusal_reason: string | null;
  measures: number;
}

export interface PreTrialVisitTotalsRow {
  area_id: string | null;
  month: string;
  status: 'offered' | 'taken' | 'declined';
  visits: number;
}

export function witnessAttendanceTotalsQuery(scope: FactScope, source: FactSource): { sql: string; params: unknown[] } {
  return factTotalsQuery(scope, source, WITNESS_ATTENDANCE_ROLLUP, witnessAttendanceFactsSql, ['outcome', 'reason', 'warned'], ['attendances']);
}

export function specialMeasureTotalsQuery(scope: FactScope, source: FactSource): { sql: string; params: unknown[] } {
  return factTotalsQuery(scope, source, SPECIAL_MEASURE_ROLLUP, specialMeasureFactsSql, ['measure', 'status', 'refusal_reason'], ['measures']);
}

export function preTrialVisitTotalsQuery(scope: FactScope, source: FactSource): { sql: string; params: unknown[] } {
  return factTotalsQuery(scope, source, PRE_TRIAL_VISIT_ROLLUP, preTrialVisitFactsSql, ['status'], ['visits']);
}
