import type { MigrationInterface, QueryRunner } from 'typeorm';

const OWNER_KINDS = `'police', 'victim_care_service', 'witness_care_unit', 'cps', 'court', 'probation', 'rj_service'`;

/**
 * The organisations directory (issue 19): per area and duty owner kind (the rules engine's
 * `DutyOwner`; a complaint's subject is one of them), the organisation that owes such duties
 * there and the team mailbox its reminders go to when nobody in it is in the service.
 *
 * - One entry per (area, owner kind): a duty's owner and its journey's area name exactly one
 *   organisation, so routing never guesses. `team_mailbox` overrides the organisation's own
 *   `team_email` for this area (a provider serving two areas may keep a mailbox per area).
 * - `users.away_until` and `users.deputy_id`: a person away (on leave, off sick) until an
 *   instant is skipped by reminders, which go to their deputy instead.
 * - `notifications.kind` gains `reminder_unroutable`: the operator alert to an area's admins
 *   when a duty has nobody to be reminded to.
 * - `reminder_alerts`: a reminder that could not go to anyone (its code, e.g. `no-recipient`),
 *   open until a later run of that reminder reaches someone or the duty is no longer owed.
 *   Open alerts are the worker health's warning, so no duty is silently left unreminded.
 *   `generation` counts the runs that found nobody: the sweep plans the next run under a job
 *   id of that generation at `retry_at`, so a completed job of the same duty never blocks it.
 */
export class Organisations1765440000000 implements MigrationInterface {
  name = 'Organisations1765440000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organisation_directory (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT organisation_directory_area_fk REFERENCES areas (id),
        owner_kind text NOT NULL CONSTRAINT organisation_directory_owner_kind_check CHECK (owner_kind IN (${OWNER_KINDS})),
        organisation_id uuid NOT NULL CONSTRAINT organisation_directory_organisation_fk REFERENCES organisations (id),
        team_mailbox text CONSTRAINT organisation_directory_team_mailbox_check CHECK (team_mailbox = lower(team_mailbox)),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT organisation_directory_area_owner_key UNIQUE (area_id, owner_kind)
      )`);
    // "Which areas and kinds does this organisation serve" (reports by named organisation).
    await db.query(`CREATE INDEX organisation_directory_organisation_idx ON organisation_directory (organisation_id)`);

    await db.query(`ALTER TABLE users ADD COLUMN away_until timestamptz`);
    await db.query(`ALTER TABLE users ADD COLUMN deputy_id uuid CONSTRAINT users_deputy_fk REFERENCES users (id)`);
    await db.query(`ALTER TABLE users ADD CONSTRAINT users_deputy_not_self_check CHECK (deputy_id IS NULL OR deputy_id <> id)`);
    // A team's members in an organisation: the routing reads users by organisation.
    await db.query(`CREATE INDEX users_organisation_idx ON users (organisation_id)`);

    await db.query(`
      CREATE TABLE reminder_alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        duty_id uuid NOT NULL CONSTRAINT reminder_alerts_duty_fk REFERENCES duties (id) ON DELETE CASCADE,
        area_id uuid NOT NULL CONSTRAINT reminder_alerts_area_fk REFERENCES areas (id),
        reminder_kind text NOT NULL CONSTRAINT reminder_alerts_reminder_kind_check CHECK (reminder_kind IN ('due-soon', 'breach')),
        code text NOT NULL,
        raised_at timestamptz NOT NULL,
        generation integer NOT NULL DEFAULT 1,
        retry_at timestamptz NOT NULL,
        resolved_at timestamptz,
        CONSTRAINT reminder_alerts_duty_kind_key UNIQUE (duty_id, reminder_kind)
      )`);
    // The health warning counts open alerts.
    await db.query(`CREATE INDEX reminder_alerts_open_idx ON reminder_alerts (raised_at) WHERE resolved_at IS NULL`);

    await db.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await db.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('duty_due_soon', 'duty_breached', 'daily_digest', 'reminder_unroutable'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM notifications WHERE kind = 'reminder_unroutable'`);
    await db.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await db.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('duty_due_soon', 'duty_breached', 'daily_digest'))`);
    await db.query(`DROP TABLE reminder_alerts`);
    await db.query(`DROP INDEX users_organisation_idx`);
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_deputy_not_self_check`);
    await db.query(`ALTER TABLE users DROP COLUMN deputy_id, DROP COLUMN away_until`);
    await db.query(`DROP TABLE organisation_directory`);
  }
}
