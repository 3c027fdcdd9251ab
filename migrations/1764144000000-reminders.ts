import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the reminder sweeper's breach query, run every minute. duties_open_due_idx
 * covers every owed duty, so "due before the horizon, breach not yet recorded" would walk
 * all overdue owed duties on each sweep; these keep it to the breaches still to record,
 * and to the recently recorded ones whose escalation may still be owed.
 */
export class Reminders1764144000000 implements MigrationInterface {
  name = 'Reminders1764144000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX duties_breach_unrecorded_idx ON duties (due_at) WHERE status IN ('open', 'breached') AND breach_recorded_at IS NULL`);
    await db.query(`CREATE INDEX duties_breach_recorded_idx ON duties (breach_recorded_at) WHERE breach_recorded_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX duties_breach_recorded_idx`);
    await db.query(`DROP INDEX duties_breach_unrecorded_idx`);
  }
}
