import type { RjOutcome } from '../../after-outcome/after-outcome-vocabulary.js';
import { type FactScope, type FactSource, factTotalsQuery, keyedCount, JOURNEY_DIMENSIONS, journeyColumns, londonMonth, sourceConditions, where } from './fact-scope.js';
import { SqlParams } from './sql-params.js';

/**
 * The facts of the rights offered report: what the journeys closed in a period were
 * offered over their whole course, and the Victim Contact Scheme referrals, restorative
 * justice referrals and complaints of the period. Each is joined to its journey for the
 * filter dimensions; none reads a complaint's summary or any other free text.
 */

export const RIGHTS_JOURNEY_ROLLUP = 'report_rights_journey_rollup';
export const VCS_REFERRAL_ROLLUP = 'report_vcs_referral_rollup';
export const RJ_REFERRAL_ROLLUP = 'report_rj_referral_rollup';
export const COMPLAINT_ROLLUP = 'report_complaint_rollup';

const DIMENSION_COLUMNS = ['area_id', 'month', 'enhanced', 'role', 'offence_category', 'organisation_id'] as const;

/** What the restorative justice service made of a referral: rj_referrals.outcome. */
export const RJ_REFERRAL_OUTCOMES = ['direct_conference', 'indirect_shuttle', 'letter', 'not_suitable', 'offender_declined', 'victim_withdrew', 'pending'] as const satisfies readonly RjOutcome[];
export type RjReferralOutcome = (typeof RJ_REFERRAL_OUTCOMES)[number];
/** The outcomes in which the victim took part in restorative justice. */
export const RJ_TOOK_PART: readonly RjReferralOutcome[] = ['direct_conference', 'indirect_shuttle', 'letter'];

/** A closed journey's latest referral outcome, as a count column of the journey facts. */
const rjOutcomeColumn = (outcome: RjReferralOutcome) => `rj_${outcome}`;

export const RIGHTS_JOURNEY_COUNT_COLUMNS = [
  'closed', 'vps_offered', 'vps_made', 'rj_offered', 'rj_interested', ...RJ_REFERRAL_OUTCOMES.map(rjOutcomeColumn),
] as const;
export const RIGHTS_JOURNEY_FACT_COLUMNS = [...DIMENSION_COLUMNS, ...RIGHTS_JOURNEY_COUNT_COLUMNS];
export const VCS_REFERRAL_FACT_COLUMNS = [...DIMENSION_COLUMNS, 'basis', 'contact', 'referrals'];
export const RJ_REFERRAL_FACT_COLUMNS = [...DIMENSION_COLUMNS, 'outcome', 'referrals'];
export const COMPLAINT_FACT_COLUMNS = [...DIMENSION_COLUMNS, 'against', 'acknowledged', 'finding', 'escalated_to', 'complaints'];


// What each closed journey was offered: one row per journey (vps, rj, referral) or none.
// A period's journeys probe the indexes one journey at a time...
const EACH_JOURNEY_RIGHTS = `
          LEFT JOIN LATERAL (
            SELECT bool_or(e.type = 'vps.offered') AS offered, bool_or(e.type = 'vps.made') AS made
              FROM journey_events e WHERE e.journey_id = j.id AND e.type IN ('vps.offered', 'vps.made')) vps ON true
          LEFT JOIN LATERAL (
            SELECT count(*) > 0 AS offered, bool_or(o.response = 'interested') AS interested
              FROM rj_offers o WHERE o.journey_id = j.id) rj ON true
          LEFT JOIN LATERAL (
            SELECT x.outcome FROM rj_referrals x WHERE x.journey_id = j.id ORDER BY x.referred_at DESC, x.created_at DESC, x.id DESC LIMIT 1) referral ON true`;
// ...while the rollup refresh (all journeys, all time) groups each source once and hash-joins
// it: the same answer, several times faster than a million probes of each index.
const EVERY_JOURNEY_RIGHTS = `
          LEFT JOIN (
            SELECT e.journey_id, bool_or(e.type = 'vps.offered') AS offered, bool_or(e.type = 'vps.made') AS made
              FROM journey_events e WHERE e.type IN ('vps.offered', 'vps.made') GROUP BY e.journey_id) vps ON vps.journey_id = j.id
          LEFT JOIN (
            SELECT o.journey_id, true AS offered, bool_or(o.response = 'interested') AS interested
              FROM rj_offers o GROUP BY o.journey_id) rj ON rj.journey_id = j.id
          LEFT JOIN (
            SELECT DISTINCT ON (x.journey_id) x.journey_id, x.outcome
              FROM rj_referrals x ORDER BY x.journey_id, x.referred_at DESC, x.created_at DESC, x.id DESC) referral ON referral.journey_id = j.id`;

/**
 * Journeys closed, by the London month of closure and every filter dimension: how many,
 * and how many had, at any time on the journey (before or after closure, up to as-at),
 * a victim personal statement offered (a `vps.offered` event) and made (`vps.made`),
 * restorative justice offered (an rj_offers row) and an offer answered `interested`, and
 * by the outcome of their latest referral to the RJ service (none: not referred). For a
 * period each is one index probe per journey (journey_events_vps_idx, index-only;
 * rj_offers_journey_idx; rj_referrals_journey_idx); for all time, one pass over each source.
 */
export function rightsJourneyFactsSql(scope: FactScope, params: SqlParams): string {
  return `
    SELECT r.area_id, r.month, r.enhanced, r.role, r.offence_category, r.organisation_id,
           ${keyedCount('r', 'closed')},
           ${keyedCount('r', 'vps_offered', 'r.vps_offered')},
           ${keyedCount('r', 'vps_made', 'r.vps_made')},
           ${keyedCount('r', 'rj_offered', 'r.rj_offered')},
           ${keyedCount('r', 'rj_interested', 'r.rj_interested')},
           ${RJ_REFERRAL_OUTCOMES.map((outcome) => keyedCount('r', rjOutcomeColumn(outcome), `r.rj_outcome = '${outcome}'`)).join(',\n           ')}
      FROM (
        SELECT j.area_id, ${londonMonth('j.closed_at', scope)} AS month, ${JOURNEY_DIMENSIONS}, j.record_key,
               vps.offered AS vps_offered, vps.made AS vps_made, rj.offered AS rj_offered, rj.interested AS rj_interested, referral.outcome AS rj_outcome
          FROM journeys j
          JOIN crimes c ON c.id = j.crime_id
          ${scope.period === null ? EVERY_JOURNEY_RIGHTS : EACH_JOURNEY_RIGHTS}
         ${where([`j.stage = 'closed'`, ...sourceConditions(scope, journeyColumns('j.area_id', 'j.closed_at'), params)])}
      ) r
     GROUP BY 1, 2, 3, 4, 5, 6`;
}

/** Victim Contact Scheme referrals by the London month they were made, basis, and the victim's choice when probation reached them (not_contacted: not yet). */
export function vcsReferralFactsSql(scope: FactScope, params: SqlParams): string {
  return `
    SELECT v.area_id, ${londonMonth('v.referred_at', scope)} AS month, ${JOURNEY_DIMENSIONS},
           v.basis, coalesce(v.victim_choice, 'not_contacted') AS contact, ${keyedCount('v', 'referrals')}
      FROM vcs_referrals v
      JOIN journeys j ON j.id = v.journey_id
      JOIN crimes c ON c.id = j.crime_id
     ${where(sourceConditions(scope, journeyColumns('v.area_id', 'v.referred_at'), params))}
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
}

/** Referrals to the restorative justice service by the London month they were made, and their outcome as at as-at. */
export function rjReferralFactsSql(scope: FactScope, params: SqlParams): string {
  return `
    SELECT x.area_id, ${londonMonth('x.referred_at', scope)} AS month, ${JOURNEY_DIMENSIONS}, x.outcome, ${keyedCount('x', 'referrals')}
      FROM rj_referrals x
      JOIN journeys j ON j.id = x.journey_id
      JOIN crimes c ON c.id = j.crime_id
     ${where(sourceConditions(scope, journeyColumns('x.area_id', 'x.referred_at'), params))}
     GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}

/**
 * Complaints by the London month they were received, the organisation complained about,
 * and where they stand as at as-at: acknowledged or not, the finding of the response
 * (null: none yet), and where they were escalated (null: not).
 */
export function complaintFactsSql(scope: FactScope, params: SqlParams): string {
  return `
    SELECT k.area_id, ${londonMonth('k.received_at', scope)} AS month, ${JOURNEY_DIMENSIONS},
           k.against, k.acknowledged_at IS NOT NULL AS acknowledged, k.finding, k.escalated_to, ${keyedCount('k', 'complaints')}
      FROM complaints k
      JOIN journeys j ON j.id = k.journey_id
      JOIN crimes c ON c.id = j.crime_id
     ${where(sourceConditions(scope, journeyColumns('k.area_id', 'k.received_at'), params))}
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;
}

export type RightsJourneyTotalsRow = { area_id: string | null; month: string } & Record<(typeof RIGHTS_JOURNEY_COUNT_COLUMNS)[number], number>;

export interface VcsReferralTotalsRow {
  area_id: string | null;
  month: string;
  basis: string;
  contact: string;
  referrals: number;
}

export interface RjReferralTotalsRow {
  area_id: string | null;
  month: string;
  outcome: string;
  referrals: number;
}

export interface ComplaintTotalsRow {
  area_id: string | null;
  month: string;
  against: string;
  acknowledged: boolean;
  finding: string | null;
  escalated_to: string | null;
  complaints: number;
}

export function rightsJourneyTotalsQuery(scope: FactScope, source: FactSource): { sql: string; params: unknown[] } {
  return factTotalsQuery(scope, source, RIGHTS_JOURNEY_ROLLUP, rightsJourneyFactsSql, [], RIGHTS_JOURNEY_COUNT_COLUMNS);
}

export function vcsReferralTotalsQuery(scope: FactScope, source: FactSource): { sql: string; params: unknown[] } {
  return factTotalsQuery(scope, source, VCS_REFERRAL_ROLLUP, vcsReferralFactsSql, ['basis', 'contact'], ['referrals']);
}

export function rjReferralTotalsQuery(scope: FactScope, source: FactSource): { sql: string; params: unknown[] } {
  return factTotalsQuery(scope, source, RJ_REFERRAL_ROLLUP, rjReferralFactsSql, ['outcome'], ['referrals']);
}

export function complaintTotalsQuery(scope: FactScope, source: FactSource): { sql: string; params: unknown[] } {
  return factTotalsQuery(scope, source, COMPLAINT_ROLLUP, complaintFactsSql, ['against', 'acknowledged', 'finding', 'escalated_to'], ['complaints']);
}
