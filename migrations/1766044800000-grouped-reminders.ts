import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One email per person per moment (issue 19). Reminders stay recorded one row per duty, kind
 * and recipient (the record that this duty was reminded to this person, which sweeps,
 * re-sends and the admin list read), and are now planned before they are sent:
 *
 * - `moment_at`: the moment a planned reminder belongs to (08:00 London for due-soon, the
 *   deadline for a breach, or the catch-up moment of a duty planned late). The worker sends
 *   each person's pending rows of one kind together, as one email listing the duties; every
 *   row of that email carries its Message-ID.
 * - `duty_missed`: at the deadline, whoever was reminded is told the deadline passed (the
 *   supervisor's escalation stays `duty_breached`).
 * - `cancelled`: a planned row whose duty was met (or re-dated) before its email went; it is
 *   left out of the email and never sent.
 * - `notifications_pending_moment_idx`: the worker's and the sweep's "what is planned and
 *   not sent?" read.
 */
export class GroupedReminders1766044800000 implements MigrationInterface {
  name = 'GroupedReminders1766044800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notifications ADD COLUMN moment_at timestamptz`);
    await db.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await db.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('duty_due_soon', 'duty_missed', 'duty_breached', 'daily_digest', 'reminder_unroutable', 'uls_reminder'))`);
    await db.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await db.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sent', 'failed', 'cancelled'))`);
    await db.query(`CREATE INDEX notifications_pending_moment_idx ON notifications (moment_at) WHERE status = 'pending' AND moment_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX notifications_pending_moment_idx`);
    await db.query(`DELETE FROM notifications WHERE kind = 'duty_missed'`);
    await db.query(`UPDATE notifications SET status = 'failed', failed_at = coalesce(failed_at, updated_at) WHERE status = 'cancelled'`);
    await db.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await db.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sent', 'failed'))`);
    await db.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await db.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('duty_due_soon', 'duty_breached', 'daily_digest', 'reminder_unroutable', 'uls_reminder'))`);
    await db.query(`ALTER TABLE notifications DROP COLUMN moment_at`);
  }
}
