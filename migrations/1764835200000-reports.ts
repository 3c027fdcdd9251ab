import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLLUP_DIMENSIONS = `
        area_id uuid NOT NULL,
        -- The first day of the Europe/London month the figure belongs to.
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        enhanced boolean NOT NULL,
        role text NOT NULL CHECK (role IN ('victim', 'witness')),
        offence_category text NOT NULL,
        -- The journey's lead organisation (the commissioned provider leading it); null while unallocated.
        organisation_id uuid`;

/**
 * Commissioners' reports (issue 8): a working-day calendar so "working days late" is a
 * subtraction in SQL, and rollup tables the worker refreshes from the source tables.
 *
 * Each rollup holds exactly what the report's plain query computes (grouped by area,
 * London month and every filter dimension) as at the instant of its last refresh, so a
 * report over whole months sums a few thousand rows instead of millions of duties. They
 * are derived data: rebuilt whole on every refresh, never edited, no foreign keys (an
 * area or organisation cannot be deleted anyway).
 */
export class Reports1764835200000 implements MigrationInterface {
  name = 'Reports1764835200000';

  async up(db: QueryRunner): Promise<void> {
    // Filled by the application from libs/working-days (England and Wales bank holidays),
    // so a regenerated holiday list reaches it without a migration.
    await db.query(`
      CREATE TABLE report_working_days (
        day date PRIMARY KEY,
        -- Working days from the calendar's first day up to and including this day:
        -- workingDaysBetween(a, b) = number(b's London day) - number(a's London day).
        working_day_number integer NOT NULL CONSTRAINT report_working_days_number_check CHECK (working_day_number >= 0)
      )`);

    await db.query(`
      CREATE TABLE report_rollup_state (
        id boolean PRIMARY KEY DEFAULT true CONSTRAINT report_rollup_state_single_check CHECK (id),
        -- The instant the rollups describe: duties owed and past due by then count as breached.
        as_at timestamptz NOT NULL,
        refreshed_at timestamptz NOT NULL,
        duration_ms integer NOT NULL,
        row_count integer NOT NULL
      )`);

    // Duties are many: the rollup also holds each combination of its filter dimensions summed
    // over the others (GROUP BY CUBE), so an unfiltered report reads the few rows of
    // `collapsed` 15 instead of every offence x organisation x role x enhanced row.
    await db.query(`
      CREATE TABLE report_duty_rollup (
        area_id uuid NOT NULL,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        -- GROUPING(enhanced, role, offence_category, organisation_id): a set bit means that
        -- dimension is summed over (and null) in this row: 8 enhanced, 4 role, 2 offence, 1 organisation.
        collapsed smallint NOT NULL CONSTRAINT report_duty_rollup_collapsed_check CHECK (collapsed BETWEEN 0 AND 15),
        enhanced boolean,
        role text CHECK (role IN ('victim', 'witness')),
        offence_category text,
        organisation_id uuid,
        rule_id text NOT NULL,
        code_right smallint NOT NULL CHECK (code_right BETWEEN 1 AND 12),
        owner text NOT NULL,
        -- Met late: as recorded at discharge; still owed and past due: so far, at as_at; otherwise 0.
        working_days_late integer NOT NULL CHECK (working_days_late >= 0),
        met integer NOT NULL,
        met_late integer NOT NULL,
        breached integer NOT NULL,
        open integer NOT NULL,
        withdrawn integer NOT NULL
      )`);
    await db.query(`CREATE INDEX report_duty_rollup_area_month_idx ON report_duty_rollup (collapsed, area_id, month)`);

    await db.query(`
      CREATE TABLE report_referral_rollup (${ROLLUP_DIMENSIONS},
        referrals integer NOT NULL,
        contacted integer NOT NULL,
        unable_to_contact integer NOT NULL,
        support_started integer NOT NULL,
        police_met integer NOT NULL, police_met_late integer NOT NULL, police_breached integer NOT NULL,
        police_open integer NOT NULL, police_withdrawn integer NOT NULL,
        first_contact_met integer NOT NULL, first_contact_met_late integer NOT NULL, first_contact_breached integer NOT NULL,
        first_contact_open integer NOT NULL, first_contact_withdrawn integer NOT NULL,
        needs_met integer NOT NULL, needs_met_late integer NOT NULL, needs_breached integer NOT NULL,
        needs_open integer NOT NULL, needs_withdrawn integer NOT NULL
      )`);
    await db.query(`CREATE INDEX report_referral_rollup_area_month_idx ON report_referral_rollup (area_id, month)`);

    await db.query(`
      CREATE TABLE report_outcome_rollup (${ROLLUP_DIMENSIONS},
        closure_reason text NOT NULL,
        -- Of the start measure; null when support never began with one.
        framework_version text,
        end_measure text NOT NULL CONSTRAINT report_outcome_rollup_end_measure_check CHECK (end_measure IN (
          'answered', 'declined', 'unable_to_contact', 'deceased', 'moved_area', 'none')),
        satisfaction text NOT NULL CONSTRAINT report_outcome_rollup_satisfaction_check CHECK (satisfaction IN ('answered', 'declined', 'none')),
        closed integer NOT NULL,
        improved integer NOT NULL,
        overall_change_sum integer NOT NULL,
        satisfaction_score_sum integer NOT NULL
      )`);
    await db.query(`CREATE INDEX report_outcome_rollup_area_month_idx ON report_outcome_rollup (area_id, month)`);

    await db.query(`
      CREATE TABLE report_outcome_domain_rollup (${ROLLUP_DIMENSIONS},
        framework_version text NOT NULL,
        domain text NOT NULL,
        compared integer NOT NULL,
        improved integer NOT NULL,
        change_sum integer NOT NULL
      )`);
    await db.query(`CREATE INDEX report_outcome_domain_rollup_area_month_idx ON report_outcome_domain_rollup (area_id, month)`);

    // The plain queries (periods that are not whole months, and every rollup refresh) take
    // journeys by area and the instant they were referred or closed.
    await db.query(`CREATE INDEX journeys_area_referred_idx ON journeys (area_id, referred_at)`);
    await db.query(`CREATE INDEX journeys_area_closed_idx ON journeys (area_id, closed_at) WHERE closed_at IS NOT NULL`);
    // The breach list: a page in deadline order, and its count, read off the index alone
    // (duties lie scattered by journey; a quarter's breaches would otherwise touch thousands
    // of pages). Met-late and owed duties only: a fraction of all duties.
    await db.query(`
      CREATE INDEX duties_breaches_idx ON duties (area_id, due_at, id) INCLUDE (status, rule_id, code_right, enhanced, journey_id)
      WHERE status IN ('met_late', 'open', 'breached')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX duties_breaches_idx`);
    await db.query(`DROP INDEX journeys_area_closed_idx`);
    await db.query(`DROP INDEX journeys_area_referred_idx`);
    for (const table of [
      'report_outcome_domain_rollup', 'report_outcome_rollup', 'report_referral_rollup', 'report_duty_rollup',
      'report_rollup_state', 'report_working_days',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
