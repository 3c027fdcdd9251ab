import { dutyKey, ENHANCED_RIGHTS_CATEGORIES, type EnhancedRightsCategory, type RuleId } from '../../../libs/victims-code/src/index.js';
import { type FactScope, type FactSource, factConditions, keyedCount, keyedSum, JOURNEY_DIMENSIONS, journeyColumns, factsFrom, londonMonth, sourceConditions, where, totalsArea } from './fact-scope.js';
import { SqlParams } from './sql-params.js';

export const REFERRAL_ROLLUP = 'report_referral_rollup';

/** The once-per-journey duties of the referral stage: the prefix of their columns, and their alias in the query. */
export const REFERRAL_DUTIES = [
  { prefix: 'police', ruleId: 'police.refer-to-support', alias: 'pr' },
  { prefix: 'first_contact', ruleId: 'support.first-contact', alias: 'fc' },
  { prefix: 'needs', ruleId: 'support.needs-assessment', alias: 'na' },
] as const satisfies ReadonlyArray<{ prefix: string; ruleId: RuleId; alias: string }>;
export type ReferralDutyPrefix = (typeof REFERRAL_DUTIES)[number]['prefix'];

export const DUTY_STATUS_COLUMNS = ['met', 'met_late', 'breached', 'open', 'withdrawn'] as const;
export type DutyStatusColumn = (typeof DUTY_STATUS_COLUMNS)[number];

/** Journeys referred with enhanced rights on each basis (issue 16: the reports say why a victim is enhanced); a journey may have several. */
export const ENHANCED_BASIS_COLUMNS = ENHANCED_RIGHTS_CATEGORIES.map((category) => `enhanced_${category}` as const);
export type EnhancedBasisColumn = `enhanced_${EnhancedRightsCategory}`;

export const REFERRAL_COUNT_COLUMNS = [
  'referrals', 'contacted', 'unable_to_contact', 'support_started', 'enhanced_journeys', ...ENHANCED_BASIS_COLUMNS,
  ...REFERRAL_DUTIES.flatMap(({ prefix }) => DUTY_STATUS_COLUMNS.map((status) => `${prefix}_${status}`)),
];

export const REFERRAL_FACT_COLUMNS = ['area_id', 'month', 'enhanced', 'role', 'offence_category', 'organisation_id', ...REFERRAL_COUNT_COLUMNS];

/** The status counts of one referral-stage duty, as at as-at (see dutyFactsSql for the statuses). */
function statusCounts(alias: string, prefix: string, asAt: string): string {
  const owed = `${alias}.status IN ('open', 'breached')`;
  // Each counts the duty (its record key), not the journey.
  return [
    keyedCount(alias, `${prefix}_met`, `${alias}.status = 'met'`),
    keyedCount(alias, `${prefix}_met_late`, `${alias}.status = 'met_late'`),
    keyedCount(alias, `${prefix}_breached`, `${owed} AND ${alias}.due_at < ${asAt}`),
    keyedCount(alias, `${prefix}_open`, `${owed} AND ${alias}.due_at >= ${asAt}`),
    keyedCount(alias, `${prefix}_withdrawn`, `${alias}.status = 'withdrawn'`),
  ].join(',\n           ');
}

/**
 * Journeys by the London month they were referred (the cohort), every filter dimension:
 * how many, how many were reached, found unable to contact or began support (so far),
 * and where each referral-stage duty stands as at as-at. Each of these duties is owed
 * once per journey (its subject is the journey), so the joins never repeat a journey.
 */
export function referralFactsSql(scope: FactScope, params: SqlParams): string {
  const asAt = params.once('asAt', scope.asAt, 'timestamptz');
  const joins = REFERRAL_DUTIES.map(
    ({ ruleId, alias }) => `LEFT JOIN duties ${alias} ON ${alias}.journey_id = j.id AND ${alias}.key = '${dutyKey(ruleId, { kind: 'journey' })}'`,
  );
  return `
    SELECT j.area_id, ${londonMonth('j.referred_at', scope)} AS month, ${JOURNEY_DIMENSIONS},
           ${keyedCount('j', 'referrals')},
           ${keyedCount('j', 'contacted', 'j.first_contacted_at IS NOT NULL')},
           ${keyedCount('j', 'unable_to_contact', 'j.unable_to_contact_at IS NOT NULL')},
           ${keyedCount('j', 'support_started', 'j.support_started_at IS NOT NULL')},
           ${keyedCount('j', 'enhanced_journeys', 'cardinality(j.enhanced_categories) > 0')},
           ${ENHANCED_RIGHTS_CATEGORIES.map((category) => keyedCount('j', `enhanced_${category}`, `'${category}' = ANY (j.enhanced_categories)`)).join(',\n           ')},
           ${REFERRAL_DUTIES.map(({ alias, prefix }) => statusCounts(alias, prefix, asAt)).join(',\n           ')}
      FROM journeys j
      JOIN crimes c ON c.id = j.crime_id
      ${joins.join('\n      ')}
     ${where(sourceConditions(scope, journeyColumns('j.area_id', 'j.referred_at'), params))}
     GROUP BY 1, 2, 3, 4, 5, 6`;
}

export type ReferralTotalsRow = { area_id: string | null; month: string; role: string | null; enhanced: boolean | null } & Record<string, number>;

/**
 * Referral facts summed over the filter dimensions: by area and month, and by role and
 * enhanced rights when `split` (the quarterly return counts both); null otherwise.
 */
export function referralTotalsQuery(scope: FactScope, source: FactSource, split = false): { sql: string; params: unknown[] } {
  const params = new SqlParams();
  const from = factsFrom(source, REFERRAL_ROLLUP, () => referralFactsSql(scope, params));
  const splits = split ? 'f.role, f.enhanced' : 'NULL::text AS role, NULL::boolean AS enhanced';
  const sql = `
    SELECT ${totalsArea(scope, 'f')} AS area_id, to_char(f.month, 'YYYY-MM-DD') AS month, ${splits},
           ${REFERRAL_COUNT_COLUMNS.map((column) => keyedSum('f', column)).join(', ')}
      FROM ${from} f
     ${where(factConditions(scope, 'f', params, source))}
     GROUP BY ${totalsArea(scope, 'f')}, f.month${split ? ', f.role, f.enhanced' : ''}`;
  return { sql, params: params.values };
}
