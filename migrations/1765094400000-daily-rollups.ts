import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The monthly rollups, as they stand when this runs, and whether their rows hold GROUP BY CUBE's `collapsed` bits. */
const ROLLUPS = [
  { table: 'report_duty_rollup', collapsed: true },
  { table: 'report_referral_rollup', collapsed: false },
  { table: 'report_outcome_rollup', collapsed: false },
  { table: 'report_outcome_domain_rollup', collapsed: false },
  { table: 'report_trial_rollup', collapsed: true },
  { table: 'report_witness_attendance_rollup', collapsed: false },
  { table: 'report_special_measure_rollup', collapsed: false },
  { table: 'report_pre_trial_visit_rollup', collapsed: false },
  { table: 'report_rights_journey_rollup', collapsed: false },
  { table: 'report_vcs_referral_rollup', collapsed: false },
  { table: 'report_rj_referral_rollup', collapsed: false },
  { table: 'report_complaint_rollup', collapsed: false },
] as const;

/**
 * Daily rollups (issue 8): a period that starts or ends inside a month read its part
 * months from the source tables, seconds at national scale. Each monthly rollup gets a
 * twin with a row per London day instead of per month; the worker fills it from the same
 * fact query and then makes the monthly rows by summing it, so the two always agree.
 *
 * A twin has the monthly table's columns and checks, with `day` (the London date the
 * facts fell on) and `month` computed from it. The duty twin holds the finest rows
 * (collapsed 0), summed as read for a filtered request, and the rows summed over every
 * filter dimension (collapsed 15) for an unfiltered one; the trial twin keeps all its CUBE
 * rows, since a trial's count DISTINCT over its crime's journeys cannot be summed over them.
 */
export class DailyRollups1765094400000 implements MigrationInterface {
  name = 'DailyRollups1765094400000';

  async up(db: QueryRunner): Promise<void> {
    for (const { table, collapsed } of ROLLUPS) {
      const daily = `${table}_daily`;
      await db.query(`CREATE TABLE ${daily} (LIKE ${table} INCLUDING CONSTRAINTS)`);
      await db.query(`
        ALTER TABLE ${daily}
          DROP COLUMN month,
          ADD COLUMN day date NOT NULL,
          ADD COLUMN month date NOT NULL GENERATED ALWAYS AS (day - (extract(day FROM day)::integer - 1)) STORED`);
      await db.query(`CREATE INDEX ${daily}_area_day_idx ON ${daily} (${collapsed ? 'collapsed, ' : ''}area_id, day)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const { table } of [...ROLLUPS].reverse()) await db.query(`DROP TABLE ${table}_daily`);
  }
}
