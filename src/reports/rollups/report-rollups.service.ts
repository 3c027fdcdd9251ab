import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../app/clock.js';
import { TransactionRunner } from '../../database/transaction.js';
import { KEY_RANGE } from '../disclosure/cell-key.js';
import { DUTY_COUNT_COLUMNS, DUTY_DAILY_ROLLUP_TOTALS_SQL, DUTY_FACT_COLUMNS, DUTY_ROLLUP, DUTY_ROLLUP_CUBE_SQL, DUTY_ROLLUP_STATUS_SQL, dutyFactsSql } from '../facts/duty-facts.js';
import { dailyRollup, type FactScope, keyColumnsOf } from '../facts/fact-scope.js';
import {
  CLOSED_JOURNEY_COUNTS,
  CLOSED_JOURNEY_DOMAIN_COUNTS,
  CLOSED_JOURNEY_DOMAIN_FACT_COLUMNS,
  CLOSED_JOURNEY_DOMAIN_ROLLUP,
  CLOSED_JOURNEY_FACT_COLUMNS,
  CLOSED_JOURNEY_ROLLUP,
  closedJourneyDomainFactsSql,
  closedJourneyFactsSql,
} from '../facts/closed-journey-facts.js';
import { REFERRAL_COUNT_COLUMNS, REFERRAL_FACT_COLUMNS, REFERRAL_ROLLUP, referralFactsSql } from '../facts/referral-facts.js';
import {
  COMPLAINT_FACT_COLUMNS,
  COMPLAINT_ROLLUP,
  complaintFactsSql,
  RIGHTS_JOURNEY_COUNT_COLUMNS,
  RIGHTS_JOURNEY_FACT_COLUMNS,
  RIGHTS_JOURNEY_ROLLUP,
  rightsJourneyFactsSql,
  RJ_REFERRAL_FACT_COLUMNS,
  RJ_REFERRAL_ROLLUP,
  rjReferralFactsSql,
  VCS_REFERRAL_FACT_COLUMNS,
  VCS_REFERRAL_ROLLUP,
  vcsReferralFactsSql,
} from '../facts/rights-facts.js';
import { SqlParams } from '../facts/sql-params.js';
import {
  PRE_TRIAL_VISIT_FACT_COLUMNS,
  PRE_TRIAL_VISIT_ROLLUP,
  preTrialVisitFactsSql,
  SPECIAL_MEASURE_FACT_COLUMNS,
  SPECIAL_MEASURE_ROLLUP,
  specialMeasureFactsSql,
  TRIAL_FACT_COLUMNS,
  TRIAL_ROLLUP,
  trialRollupSql,
  WITNESS_ATTENDANCE_FACT_COLUMNS,
  WITNESS_ATTENDANCE_ROLLUP,
  witnessAttendanceFactsSql,
} from '../facts/witness-trial-facts.js';
import { ReportWorkingDays } from '../report-working-days.js';

/** Held while a refresh runs, so two workers never rebuild at once. */
const REFRESH_LOCK = 724_808;

/**
 * Each rollup: its table, the fact query's columns in order, which of them are counts (the
 * rest say what a row counts), the fact query, and SQL that adds more rows from its monthly
 * rows. Every count sums over days: a fact falls on one London day, so its month's count is
 * the sum of its days' (trials' count DISTINCT included: a hearing is heard on one day).
 */
const ROLLUPS: ReadonlyArray<{
  table: string;
  columns: readonly string[];
  counts: readonly string[];
  /** The counts of records, each with a `<count>_key` column (the others are sums of scores); all the counts unless said. */
  keyed?: readonly string[];
  facts: (scope: FactScope, params: SqlParams) => string;
  /** More monthly rows, from the monthly rows, each SQL in turn (a later one may read an earlier one's rows). */
  then?: readonly string[];
  /** More daily rows, from the daily rows, once the monthly ones are made. */
  thenDaily?: string;
}> = [
  {
    table: DUTY_ROLLUP,
    columns: DUTY_FACT_COLUMNS,
    counts: DUTY_COUNT_COLUMNS,
    facts: dutyFactsSql,
    then: [DUTY_ROLLUP_CUBE_SQL, DUTY_ROLLUP_STATUS_SQL],
    thenDaily: DUTY_DAILY_ROLLUP_TOTALS_SQL,
  },
  { table: REFERRAL_ROLLUP, columns: REFERRAL_FACT_COLUMNS, counts: REFERRAL_COUNT_COLUMNS, facts: referralFactsSql },
  { table: CLOSED_JOURNEY_ROLLUP, columns: CLOSED_JOURNEY_FACT_COLUMNS, counts: ['closed', 'improved', 'overall_change_sum', 'satisfaction_score_sum'], keyed: CLOSED_JOURNEY_COUNTS, facts: closedJourneyFactsSql },
  { table: CLOSED_JOURNEY_DOMAIN_ROLLUP, columns: CLOSED_JOURNEY_DOMAIN_FACT_COLUMNS, counts: ['compared', 'improved', 'change_sum'], keyed: CLOSED_JOURNEY_DOMAIN_COUNTS, facts: closedJourneyDomainFactsSql },
  // Witness and trial report
  { table: TRIAL_ROLLUP, columns: TRIAL_FACT_COLUMNS, counts: ['trials'], facts: trialRollupSql },
  { table: WITNESS_ATTENDANCE_ROLLUP, columns: WITNESS_ATTENDANCE_FACT_COLUMNS, counts: ['attendances'], facts: witnessAttendanceFactsSql },
  { table: SPECIAL_MEASURE_ROLLUP, columns: SPECIAL_MEASURE_FACT_COLUMNS, counts: ['measures'], facts: specialMeasureFactsSql },
  { table: PRE_TRIAL_VISIT_ROLLUP, columns: PRE_TRIAL_VISIT_FACT_COLUMNS, counts: ['visits'], facts: preTrialVisitFactsSql },
  // Rights offered.
  { table: RIGHTS_JOURNEY_ROLLUP, columns: RIGHTS_JOURNEY_FACT_COLUMNS, counts: RIGHTS_JOURNEY_COUNT_COLUMNS, facts: rightsJourneyFactsSql },
  { table: VCS_REFERRAL_ROLLUP, columns: VCS_REFERRAL_FACT_COLUMNS, counts: ['referrals'], facts: vcsReferralFactsSql },
  { table: RJ_REFERRAL_ROLLUP, columns: RJ_REFERRAL_FACT_COLUMNS, counts: ['referrals'], facts: rjReferralFactsSql },
  { table: COMPLAINT_ROLLUP, columns: COMPLAINT_FACT_COLUMNS, counts: ['complaints'], facts: complaintFactsSql },
];

export type RefreshOutcome = { refreshed: true; asAt: Date; rows: number; durationMs: number } | { refreshed: false; reason: 'another-refresh-running' };

/**
 * Rebuilds the report rollups: each is the report's own fact query over every area and
 * all time, as at one instant, stored whole. One transaction: readers keep the previous
 * rollups (and their instant) until it commits, and never see a half-built one.
 */
@Injectable()
export class ReportRollups {
  private readonly logger = new Logger(ReportRollups.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly workingDays: ReportWorkingDays,
    private readonly clock: Clock,
  ) {}

  async refresh(): Promise<RefreshOutcome> {
    await this.workingDays.ensure();
    const started = Date.now();
    const outcome = await this.transactions.run(async (tx): Promise<RefreshOutcome> => {
      const [{ locked }]: Array<{ locked: boolean }> = await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [REFRESH_LOCK]);
      if (!locked) return { refreshed: false, reason: 'another-refresh-running' };
      // Large hash aggregates over every duty, for this transaction only: more memory, and
      // longer than the pool's 30-second statement timeout at national scale.
      await tx.query(`SET LOCAL work_mem = '256MB'`);
      await tx.query(`SET LOCAL statement_timeout = '30min'`);
      const asAt = this.clock.now();
      const rows = await this.rebuild(tx, { areaIds: null, period: null, asAt, filters: {} });
      const durationMs = Date.now() - started;
      await tx.query(
        `INSERT INTO report_rollup_state (id, as_at, refreshed_at, duration_ms, row_count) VALUES (true, $1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET as_at = EXCLUDED.as_at, refreshed_at = EXCLUDED.refreshed_at,
           duration_ms = EXCLUDED.duration_ms, row_count = EXCLUDED.row_count`,
        [asAt, this.clock.now(), durationMs, rows],
      );
      return { refreshed: true, asAt, rows, durationMs };
    });
    if (!outcome.refreshed) return outcome;
    // Every row was replaced: clear the old ones, mark the new ones visible (index-only reads)
    // and refresh the planner's statistics now, rather than when autovacuum comes round.
    const vacuumStarted = Date.now();
    await this.transactions.maintenance(async (connection) => {
      for (const { table } of ROLLUPS) await connection.query(`VACUUM (ANALYZE) ${table}, ${dailyRollup(table)}`);
    });
    this.logger.log({ rows: outcome.rows, durationMs: outcome.durationMs, vacuumMs: Date.now() - vacuumStarted }, 'report rollups refreshed');
    return outcome;
  }

  /**
   * Each rollup's daily rows from its fact query by London day, then its monthly rows as
   * their sums (the source tables are read once), then any further monthly and daily rows.
   */
  private async rebuild(tx: EntityManager, scope: FactScope): Promise<number> {
    let rows = 0;
    for (const { table, columns: factColumns, counts, keyed = counts, facts, then, thenDaily } of ROLLUPS) {
      // The key columns last: the duty rollup's CUBE and totals SQL answer them there.
      const keys = keyColumnsOf(keyed);
      const columns = [...factColumns, ...keys];
      const daily = dailyRollup(table);
      // DELETE, not TRUNCATE: TRUNCATE would lock readers out until commit.
      await tx.query(`DELETE FROM ${daily}`);
      await tx.query(`DELETE FROM ${table}`);
      const params = new SqlParams();
      const dayColumns = columns.map((column) => (column === 'month' ? 'day' : column));
      // Written in the order they are read (their index's), so a request's rows lie on few pages.
      const order = `${columns.includes('collapsed') ? 'collapsed, ' : ''}area_id, month`;
      await tx.query(
        `INSERT INTO ${daily} (${dayColumns.join(', ')}) SELECT ${columns.join(', ')} FROM (${facts({ ...scope, grain: 'day' }, params)}) facts ORDER BY ${order}`,
        params.values,
      );
      const kept = factColumns.filter((column) => !counts.includes(column));
      const summed = columns.map((column) => (counts.includes(column) ? `sum(${column})::int` : keys.includes(column) ? `(sum(${column}) % ${KEY_RANGE})::int` : column));
      await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${summed.join(', ')} FROM ${daily} GROUP BY ${kept.join(', ')} ORDER BY ${order}`);
      for (const more of then ?? []) await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) ${more}`);
      if (thenDaily) await tx.query(`INSERT INTO ${daily} (${dayColumns.join(', ')}) ${thenDaily}`);
      const [{ count }]: Array<{ count: number }> = await tx.query(`SELECT ((SELECT count(*) FROM ${table}) + (SELECT count(*) FROM ${daily}))::int AS count`);
      rows += count;
    }
    return rows;
  }
}
