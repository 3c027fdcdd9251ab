import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A level of the monthly duty rollup summed over working days late too (issue 20):
 * `collapsed` 31, every filter dimension (15) and days late (16) summed over, so where an
 * unfiltered request's duties stand is read row for row, by area, month, rule and owner,
 * instead of summed at each request over a row for every day late. The compliance report
 * reads it beside the days late of its late duties (still at collapsed 15).
 *
 * The rows are made here from the rollup as it stands, so the reports read them before the
 * next refresh makes them again.
 */
export class DutyStatusRollup1766131200000 implements MigrationInterface {
  name = 'DutyStatusRollup1766131200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE report_duty_rollup DROP CONSTRAINT report_duty_rollup_collapsed_check`);
    await db.query(`ALTER TABLE report_duty_rollup ADD CONSTRAINT report_duty_rollup_collapsed_check CHECK (collapsed BETWEEN 0 AND 15 OR collapsed = 31)`);
    await db.query(`
      INSERT INTO report_duty_rollup (area_id, month, enhanced, role, offence_category, organisation_id, rule_id, rule_set_version, code_right, owner,
                                      working_days_late, met, met_late, breached, open, withdrawn, collapsed,
                                      met_key, met_late_key, breached_key, open_key, withdrawn_key)
      SELECT area_id, month, NULL, NULL, NULL, NULL, rule_id, rule_set_version, code_right, owner, 0,
             sum(met)::int, sum(met_late)::int, sum(breached)::int, sum(open)::int, sum(withdrawn)::int, 31,
             (sum(met_key) % 256)::int, (sum(met_late_key) % 256)::int, (sum(breached_key) % 256)::int, (sum(open_key) % 256)::int, (sum(withdrawn_key) % 256)::int
        FROM report_duty_rollup
       WHERE collapsed = 15
       GROUP BY area_id, month, rule_id, rule_set_version, code_right, owner
       ORDER BY area_id, month`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM report_duty_rollup WHERE collapsed = 31`);
    await db.query(`ALTER TABLE report_duty_rollup DROP CONSTRAINT report_duty_rollup_collapsed_check`);
    await db.query(`ALTER TABLE report_duty_rollup ADD CONSTRAINT report_duty_rollup_collapsed_check CHECK (collapsed BETWEEN 0 AND 15)`);
  }
}
