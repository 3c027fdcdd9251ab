import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose rows the commissioners' reports count: each row is one counted record. */
const COUNTED_TABLES = [
  'duties', 'journeys', 'hearings', 'witness_attendances', 'special_measures', 'witness_care_cases', 'vcs_referrals', 'rj_referrals', 'complaints',
] as const;

const DUTY_STATUSES = ['met', 'met_late', 'breached', 'open', 'withdrawn'];

/** Each rollup's count columns, as they stand when this runs: each gets a `<count>_key` beside it. */
const ROLLUP_COUNTS: ReadonlyArray<{ table: string; counts: readonly string[] }> = [
  { table: 'report_duty_rollup', counts: DUTY_STATUSES },
  {
    table: 'report_referral_rollup',
    counts: ['referrals', 'contacted', 'unable_to_contact', 'support_started', ...['police', 'first_contact', 'needs'].flatMap((prefix) => DUTY_STATUSES.map((status) => `${prefix}_${status}`))],
  },
  { table: 'report_outcome_rollup', counts: ['closed', 'improved'] },
  { table: 'report_outcome_domain_rollup', counts: ['compared', 'improved'] },
  { table: 'report_trial_rollup', counts: ['trials'] },
  { table: 'report_witness_attendance_rollup', counts: ['attendances'] },
  { table: 'report_special_measure_rollup', counts: ['measures'] },
  { table: 'report_pre_trial_visit_rollup', counts: ['visits'] },
  {
    table: 'report_rights_journey_rollup',
    counts: ['closed', 'vps_offered', 'vps_made', 'rj_offered', 'rj_interested', ...['direct_conference', 'indirect_shuttle', 'letter', 'not_suitable', 'offender_declined', 'victim_withdrew', 'pending'].map((outcome) => `rj_${outcome}`)],
  },
  { table: 'report_vcs_referral_rollup', counts: ['referrals'] },
  { table: 'report_rj_referral_rollup', counts: ['referrals'] },
  { table: 'report_complaint_rollup', counts: ['complaints'] },
];

/**
 * Record keys for the cell key method (issue 21; docs/reports.md "Disclosure control").
 *
 * Every counted record gets a fixed random key, 0-255, drawn once when the row is written
 * (the column's default) and never changed: the existing rows are backfilled by the
 * volatile default as the column is added. A report cell's key is the sum of its records'
 * keys modulo 256, so the same records always give the same cell key, and so the same
 * perturbation, however the question was put.
 *
 * Each rollup count gets a `<count>_key` column: the sum of its records' keys modulo 256.
 * Sums of those are sums of keys (modulo 256), so a report read from the rollups gets the
 * same cell keys as one read from the tables.
 */
export class RecordKeys1765353600000 implements MigrationInterface {
  name = 'RecordKeys1765353600000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of COUNTED_TABLES) {
      await db.query(`
        ALTER TABLE ${table}
          ADD COLUMN record_key smallint NOT NULL DEFAULT floor(random() * 256)::smallint
          CONSTRAINT ${table}_record_key_range CHECK (record_key BETWEEN 0 AND 255)`);
    }
    for (const { table, counts } of ROLLUP_COUNTS) {
      for (const rollup of [table, `${table}_daily`]) {
        await db.query(`ALTER TABLE ${rollup} ${counts.map((count) => `ADD COLUMN ${count}_key smallint NOT NULL DEFAULT 0`).join(', ')}`);
      }
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const { table, counts } of [...ROLLUP_COUNTS].reverse()) {
      for (const rollup of [`${table}_daily`, table]) {
        await db.query(`ALTER TABLE ${rollup} ${counts.map((count) => `DROP COLUMN ${count}_key`).join(', ')}`);
      }
    }
    for (const table of [...COUNTED_TABLES].reverse()) await db.query(`ALTER TABLE ${table} DROP COLUMN record_key`);
  }
}
