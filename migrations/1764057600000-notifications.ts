import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification emails, recorded so each is sent exactly once: the unique dedupe key is
 * what a second run of a reminder job (BullMQ is at-least-once) finds before sending.
 * Rows carry ids, the recipient's address and the subject; never the body.
 */
export class Notifications1764057600000 implements MigrationInterface {
  name = 'Notifications1764057600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key text NOT NULL CONSTRAINT notifications_dedupe_key UNIQUE
          CONSTRAINT notifications_dedupe_key_check CHECK (length(dedupe_key) BETWEEN 1 AND 300),
        kind text NOT NULL CONSTRAINT notifications_kind_check CHECK (kind IN ('duty_due_soon', 'duty_breached', 'daily_digest')),
        duty_id uuid CONSTRAINT notifications_duty_fk REFERENCES duties (id),
        journey_id uuid CONSTRAINT notifications_journey_fk REFERENCES journeys (id),
        area_id uuid CONSTRAINT notifications_area_fk REFERENCES areas (id),
        recipient_user_id uuid CONSTRAINT notifications_recipient_user_fk REFERENCES users (id),
        recipient_email text NOT NULL,
        subject text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CONSTRAINT notifications_attempts_check CHECK (attempts >= 0),
        -- The error's class and SMTP response code only: a server's message may quote the address or the content.
        last_error text,
        message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        failed_at timestamptz,
        CONSTRAINT notifications_sent_check CHECK ((status = 'sent') = (sent_at IS NOT NULL AND message_id IS NOT NULL)),
        CONSTRAINT notifications_failed_check CHECK (status <> 'failed' OR failed_at IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX notifications_journey_idx ON notifications (journey_id, created_at DESC) WHERE journey_id IS NOT NULL`);
    await db.query(`CREATE INDEX notifications_recipient_idx ON notifications (recipient_user_id, created_at DESC) WHERE recipient_user_id IS NOT NULL`);
    await db.query(`CREATE INDEX notifications_failed_idx ON notifications (failed_at DESC) WHERE status = 'failed'`);
    await db.query(`CREATE INDEX notifications_duty_idx ON notifications (duty_id) WHERE duty_id IS NOT NULL`);

    // For the breach step (issue 6, not built yet): when the breach of a duty was recorded as a
    // journey event and escalated, so the sweeper records each breach once. Nothing uses it yet.
    await db.query(`ALTER TABLE duties ADD COLUMN breach_recorded_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE duties DROP COLUMN breach_recorded_at`);
    await db.query(`DROP TABLE notifications`);
  }
}
