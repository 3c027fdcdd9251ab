import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Unduly Lenient Sentence reminder (issue 16): the witness care unit is reminded before
 * a victim's ULS window closes (28 calendar days from sentence, never extended) while the
 * victim has not been told of the sentence. It is about a sentence, not a duty, so:
 *
 * - `notifications.kind` gains `uls_reminder`, and `notifications.outcome_id` names the
 *   sentence (the outcome id a `court.sentence` event carries; text, as events carry it).
 *   `notifications_uls_reminder_key` makes one (journey, outcome) one ULS reminder per
 *   recipient, whatever the dedupe key says, and is the index the sweep asks "already
 *   reminded?" of.
 * - `reminder_alerts` also holds the ULS reminder's no-recipient alert, keyed by (journey,
 *   outcome) instead of a duty: `duty_id` becomes nullable, and each row names one or the
 *   other (`reminder_alerts_subject_check`).
 * - `journey_events_uls_sweep_idx`: the sweep reads, every minute, the sentences of the last
 *   29 days and the corrections that may have re-timed one; without it that read walks the
 *   whole timeline table.
 */
export class UlsReminders1765958400000 implements MigrationInterface {
  name = 'UlsReminders1765958400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notifications ADD COLUMN outcome_id text`);
    await db.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await db.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('duty_due_soon', 'duty_breached', 'daily_digest', 'reminder_unroutable', 'uls_reminder'))`);
    await db.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_uls_reminder_check
      CHECK (kind <> 'uls_reminder' OR (journey_id IS NOT NULL AND outcome_id IS NOT NULL AND duty_id IS NULL))`);
    await db.query(`CREATE UNIQUE INDEX notifications_uls_reminder_key ON notifications (journey_id, outcome_id, recipient_email) WHERE kind = 'uls_reminder'`);

    await db.query(`ALTER TABLE reminder_alerts ALTER COLUMN duty_id DROP NOT NULL`);
    await db.query(`ALTER TABLE reminder_alerts ADD COLUMN journey_id uuid CONSTRAINT reminder_alerts_journey_fk REFERENCES journeys (id) ON DELETE CASCADE, ADD COLUMN outcome_id text`);
    await db.query(`ALTER TABLE reminder_alerts DROP CONSTRAINT reminder_alerts_reminder_kind_check`);
    await db.query(`ALTER TABLE reminder_alerts ADD CONSTRAINT reminder_alerts_reminder_kind_check CHECK (reminder_kind IN ('due-soon', 'breach', 'uls'))`);
    await db.query(`ALTER TABLE reminder_alerts ADD CONSTRAINT reminder_alerts_subject_check CHECK (
      CASE WHEN reminder_kind = 'uls' THEN duty_id IS NULL AND journey_id IS NOT NULL AND outcome_id IS NOT NULL
           ELSE duty_id IS NOT NULL AND journey_id IS NULL AND outcome_id IS NULL END)`);
    await db.query(`CREATE UNIQUE INDEX reminder_alerts_uls_key ON reminder_alerts (journey_id, outcome_id) WHERE reminder_kind = 'uls'`);

    await db.query(`CREATE INDEX journey_events_uls_sweep_idx ON journey_events (occurred_at) WHERE type IN ('court.sentence', 'record.corrected')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX journey_events_uls_sweep_idx`);

    await db.query(`DELETE FROM reminder_alerts WHERE reminder_kind = 'uls'`);
    await db.query(`DROP INDEX reminder_alerts_uls_key`);
    await db.query(`ALTER TABLE reminder_alerts DROP CONSTRAINT reminder_alerts_subject_check`);
    await db.query(`ALTER TABLE reminder_alerts DROP CONSTRAINT reminder_alerts_reminder_kind_check`);
    await db.query(`ALTER TABLE reminder_alerts ADD CONSTRAINT reminder_alerts_reminder_kind_check CHECK (reminder_kind IN ('due-soon', 'breach'))`);
    await db.query(`ALTER TABLE reminder_alerts DROP COLUMN outcome_id, DROP COLUMN journey_id`);
    await db.query(`ALTER TABLE reminder_alerts ALTER COLUMN duty_id SET NOT NULL`);

    await db.query(`DELETE FROM notifications WHERE kind = 'uls_reminder' OR (kind = 'reminder_unroutable' AND duty_id IS NULL)`);
    await db.query(`DROP INDEX notifications_uls_reminder_key`);
    await db.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_uls_reminder_check`);
    await db.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await db.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('duty_due_soon', 'duty_breached', 'daily_digest', 'reminder_unroutable'))`);
    await db.query(`ALTER TABLE notifications DROP COLUMN outcome_id`);
  }
}
