import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DUTY_COLUMNS, type DutyLateRow, type DutyOwnerTotalsRow, type DutySelection, type DutyTotalsRow, dutyLateDaysQuery, dutyOwnerTotalsQuery, dutyTotalsQuery } from './facts/duty-facts.js';
import { type FactScope, type FactSource, sourceConditions, where } from './facts/fact-scope.js';
import { type ClosedJourneyDomainTotalsRow, type ClosedJourneyTotalsRow, closedJourneyDomainTotalsQuery, closedJourneyTotalsQuery } from './facts/closed-journey-facts.js';
import { type ReferralTotalsRow, referralTotalsQuery } from './facts/referral-facts.js';
import {
  type ComplaintTotalsRow,
  complaintTotalsQuery,
  type RightsJourneyTotalsRow,
  rightsJourneyTotalsQuery,
  type RjReferralTotalsRow,
  rjReferralTotalsQuery,
  type VcsReferralTotalsRow,
  vcsReferralTotalsQuery,
} from './facts/rights-facts.js';
import { SqlParams } from './facts/sql-params.js';
import type { ReturnArea } from './quarterly-return.report.js';
import type { OrganisationKind } from '../identity/organisation-kinds.js';
import {
  type PreTrialVisitTotalsRow,
  preTrialVisitTotalsQuery,
  type SpecialMeasureTotalsRow,
  specialMeasureTotalsQuery,
  type TrialTotalsRow,
  trialTotalsQuery,
  type WitnessAttendanceTotalsRow,
  witnessAttendanceTotalsQuery,
} from './facts/witness-trial-facts.js';

/** The rollups' refresh: its instant, when it was made and which it is (a read without parameters). */
export const ROLLUP_STATE_SQL = `SELECT as_at, refreshed_at, xmin::text AS version FROM report_rollup_state`;

/** The refresh from ROLLUP_STATE_SQL's rows; null before the first. */
export function rollupStateOf(rows: ReadonlyArray<Record<string, unknown>>): RollupState | null {
  const [row] = rows as ReadonlyArray<{ as_at: Date | string; refreshed_at: Date | string; version: string }>;
  return row ? { asAt: new Date(row.as_at), refreshedAt: new Date(row.refreshed_at), version: row.version } : null;
}

export interface RollupState {
  asAt: Date;
  refreshedAt: Date;
  /**
   * Which refresh: the transaction that wrote the state row (its xmin), the same one that
   * wrote the rollups. Differs between any two refreshes, even at the same clock time.
   */
  version: string;
}

export interface BreachRow {
  journey_id: string;
  area_id: string;
  reference: string;
  person_id: string;
  rule_id: string;
  code_right: number;
  owner: string;
  due_at: Date;
  met_at: Date | null;
  status: 'breached' | 'met_late';
  working_days_late: number;
}

/**
 * The reports' reads: read-only SQL over the rollups or, for the plain queries, the tables
 * the journeys and support modules own and write through their commands.
 */
@Injectable()
export class ReportsRepository {
  dutyTotals(tx: EntityManager, scope: FactScope, source: FactSource, selection: DutySelection = {}): Promise<DutyTotalsRow[]> {
    const { sql, params } = dutyTotalsQuery(scope, source, selection);
    return tx.query(sql, params);
  }

  /** The same duties by area and owner: what the breakdown by owing organisation resolves. */
  dutyOwnerTotals(tx: EntityManager, scope: FactScope, source: FactSource, selection: DutySelection = {}): Promise<DutyOwnerTotalsRow[]> {
    const { sql, params } = dutyOwnerTotalsQuery(scope, source, selection);
    return tx.query(sql, params);
  }

  /** Their late duties by month, rule and working days late: the compliance report's medians and 90th percentiles. */
  dutyLateDays(tx: EntityManager, scope: FactScope, source: FactSource, selection: DutySelection = {}): Promise<DutyLateRow[]> {
    const { sql, params } = dutyLateDaysQuery(scope, source, selection);
    return tx.query(sql, params);
  }

  referralTotals(tx: EntityManager, scope: FactScope, source: FactSource, split = false): Promise<ReferralTotalsRow[]> {
    const { sql, params } = referralTotalsQuery(scope, source, split);
    return tx.query(sql, params);
  }

  closedJourneyTotals(tx: EntityManager, scope: FactScope, source: FactSource): Promise<ClosedJourneyTotalsRow[]> {
    const { sql, params } = closedJourneyTotalsQuery(scope, source);
    return tx.query(sql, params);
  }

  closedJourneyDomainTotals(tx: EntityManager, scope: FactScope, source: FactSource): Promise<ClosedJourneyDomainTotalsRow[]> {
    const { sql, params } = closedJourneyDomainTotalsQuery(scope, source);
    return tx.query(sql, params);
  }

  // The witness and trial report

  trialTotals(tx: EntityManager, scope: FactScope, source: FactSource): Promise<TrialTotalsRow[]> {
    const { sql, params } = trialTotalsQuery(scope, source);
    return tx.query(sql, params);
  }

  witnessAttendanceTotals(tx: EntityManager, scope: FactScope, source: FactSource): Promise<WitnessAttendanceTotalsRow[]> {
    const { sql, params } = witnessAttendanceTotalsQuery(scope, source);
    return tx.query(sql, params);
  }

  specialMeasureTotals(tx: EntityManager, scope: FactScope, source: FactSource): Promise<SpecialMeasureTotalsRow[]> {
    const { sql, params } = specialMeasureTotalsQuery(scope, source);
    return tx.query(sql, params);
  }

  preTrialVisitTotals(tx: EntityManager, scope: FactScope, source: FactSource): Promise<PreTrialVisitTotalsRow[]> {
    const { sql, params } = preTrialVisitTotalsQuery(scope, source);
    return tx.query(sql, params);
  }

  // The rights offered report
  rightsJourneyTotals(tx: EntityManager, scope: FactScope, source: FactSource): Promise<RightsJourneyTotalsRow[]> {
    const { sql, params } = rightsJourneyTotalsQuery(scope, source);
    return tx.query(sql, params);
  }

  vcsReferralTotals(tx: EntityManager, scope: FactScope, source: FactSource): Promise<VcsReferralTotalsRow[]> {
    const { sql, params } = vcsReferralTotalsQuery(scope, source);
    return tx.query(sql, params);
  }

  rjReferralTotals(tx: EntityManager, scope: FactScope, source: FactSource): Promise<RjReferralTotalsRow[]> {
    const { sql, params } = rjReferralTotalsQuery(scope, source);
    return tx.query(sql, params);
  }

  complaintTotals(tx: EntityManager, scope: FactScope, source: FactSource): Promise<ComplaintTotalsRow[]> {
    const { sql, params } = complaintTotalsQuery(scope, source);
    return tx.query(sql, params);
  }

  /**
   * Duties due in the scope's period that were breached: met late, or still owed past the
   * deadline at as-at; soonest due first. Ordered by the duty alone, so the page is read off
   * duties_area_status_due_idx without sorting every breach of the period.
   */
  async breaches(
    tx: EntityManager,
    scope: FactScope,
    only: { ruleId?: string; right?: number; owners: readonly string[] },
    page: { limit: number; offset: number },
  ): Promise<{ rows: BreachRow[]; total: number }> {
    const params = new SqlParams();
    const asAt = params.once('asAt', scope.asAt, 'timestamptz');
    const conditions = [
      ...sourceConditions(scope, DUTY_COLUMNS, params),
      `d.status IN ('met_late', 'open', 'breached')`,
      `(d.status = 'met_late' OR d.due_at < ${asAt})`,
    ];
    // Only the duties the reader's organisation owes.
    conditions.push(`d.owner = ANY(${params.add(only.owners, 'text[]')})`);
    if (only.ruleId !== undefined) conditions.push(`d.rule_id = ${params.add(only.ruleId, 'text')}`);
    if (only.right !== undefined) conditions.push(`d.code_right = ${params.add(only.right, 'int')}`);
    const journeyFilters = scope.filters.role !== undefined || scope.filters.organisationId !== undefined || scope.filters.offenceCategory !== undefined;
    // Only what the filters need: without journey filters the page and the count are read
    // off duties_breaches_idx alone, in deadline order.
    const matching = `
      FROM duties d
      ${journeyFilters ? 'JOIN journeys j ON j.id = d.journey_id' : ''}
      ${scope.filters.offenceCategory !== undefined ? 'JOIN crimes c ON c.id = j.crime_id' : ''}
     ${where(conditions)}`;
    const countParams = [...params.values];
    const rows: BreachRow[] = await tx.query(
      `WITH page AS (
         SELECT d.id ${matching}
          ORDER BY d.due_at, d.id
          LIMIT ${params.add(page.limit, 'int')} OFFSET ${params.add(page.offset, 'int')})
       SELECT d.journey_id, d.area_id, j.reference, j.person_id, d.rule_id, d.code_right, d.owner, d.due_at, d.met_at,
              CASE WHEN d.status = 'met_late' THEN 'met_late' ELSE 'breached' END AS status,
              CASE WHEN d.status = 'met_late' THEN coalesce(d.working_days_late, 0)
                   ELSE greatest(coalesce(
                     (SELECT working_day_number FROM report_working_days WHERE day = (${asAt} AT TIME ZONE 'Europe/London')::date) -
                     (SELECT working_day_number FROM report_working_days WHERE day = (d.due_at AT TIME ZONE 'Europe/London')::date), 0), 0)
              END AS working_days_late
         FROM page
         JOIN duties d ON d.id = page.id
         JOIN journeys j ON j.id = d.journey_id
        ORDER BY d.due_at, d.id`,
      params.values,
    );
    const [{ count }]: Array<{ count: string }> = await tx.query(`SELECT count(*) ${matching}`, countParams);
    return { rows, total: Number(count) };
  }

  async rollupState(tx: EntityManager): Promise<RollupState | null> {
    return rollupStateOf(await tx.query(ROLLUP_STATE_SQL));
  }

  areas(tx: EntityManager, ids: readonly string[]): Promise<ReturnArea[]> {
    return tx.query(`SELECT id, code, name FROM areas WHERE id = ANY($1::uuid[]) ORDER BY code`, [ids]);
  }

  async organisationKind(tx: EntityManager, id: string): Promise<OrganisationKind | null> {
    const [row]: Array<{ kind: OrganisationKind }> = await tx.query(`SELECT kind FROM organisations WHERE id = $1`, [id]);
    return row?.kind ?? null;
  }

  async organisationExists(tx: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM organisations WHERE id = $1`, [id]);
    return rows.length > 0;
  }
}
