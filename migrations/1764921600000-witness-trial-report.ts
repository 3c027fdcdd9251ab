import type { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

// Repeated here rather than imported: a migration is a record of the schema as it was.
const TRIAL_EFFECTIVENESS = ['effective', 'cracked', 'ineffective'];
const ATTENDANCE_OUTCOMES = ['attended', 'failed_to_attend', 'excused', 'not_required'];
const SPECIAL_MEASURE_STATUSES = ['requested', 'applied_for', 'granted', 'refused'];
const PRE_TRIAL_VISIT_STATUSES = ['offered', 'taken', 'declined'];

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
 * The witness and trial report (issue 8, phase 2): rollups of trials by effectiveness and
 * reason, witnesses' attendance at hearings, special measures and pre-trial visits, and
 * the source indexes their plain queries range over.
 *
 * A trial belongs to a crime, not a journey: its journey filters mean "a trial in a case
 * with at least one journey matching them". The trial rollup therefore holds, for each
 * combination of the journey dimensions (GROUP BY CUBE), the number of distinct trials
 * with such a journey; `collapsed` says which dimensions are summed over, so a request
 * reads the rows of one collapsed value and never counts a trial twice.
 */
export class WitnessTrialReport1764921600000 implements MigrationInterface {
  name = 'WitnessTrialReport1764921600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE report_trial_rollup (
        area_id uuid NOT NULL,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        offence_category text NOT NULL,
        -- GROUPING(enhanced, role, organisation_id): a set bit means that journey dimension is
        -- summed over (and null) in this row: 4 enhanced, 2 role, 1 organisation.
        collapsed smallint NOT NULL CONSTRAINT report_trial_rollup_collapsed_check CHECK (collapsed BETWEEN 0 AND 7),
        enhanced boolean,
        role text CHECK (role IN ('victim', 'witness')),
        organisation_id uuid,
        effectiveness text NOT NULL CONSTRAINT report_trial_rollup_effectiveness_check CHECK (effectiveness IN (${list(TRIAL_EFFECTIVENESS)})),
        -- Null for an effective trial.
        effectiveness_reason text,
        trials integer NOT NULL
      )`);
    await db.query(`CREATE INDEX report_trial_rollup_area_month_idx ON report_trial_rollup (collapsed, area_id, month)`);

    await db.query(`
      CREATE TABLE report_witness_attendance_rollup (${ROLLUP_DIMENSIONS},
        outcome text NOT NULL CONSTRAINT report_witness_attendance_rollup_outcome_check CHECK (outcome IN (${list(ATTENDANCE_OUTCOMES)})),
        -- Why a witness failed to attend; null otherwise.
        reason text,
        -- Warned for the hearing's final listing version (the one that went ahead).
        warned boolean NOT NULL,
        attendances integer NOT NULL
      )`);
    await db.query(`CREATE INDEX report_witness_attendance_rollup_area_month_idx ON report_witness_attendance_rollup (area_id, month)`);

    await db.query(`
      CREATE TABLE report_special_measure_rollup (${ROLLUP_DIMENSIONS},
        measure text NOT NULL,
        status text NOT NULL CONSTRAINT report_special_measure_rollup_status_check CHECK (status IN (${list(SPECIAL_MEASURE_STATUSES)})),
        refusal_reason text,
        measures integer NOT NULL
      )`);
    await db.query(`CREATE INDEX report_special_measure_rollup_area_month_idx ON report_special_measure_rollup (area_id, month)`);

    await db.query(`
      CREATE TABLE report_pre_trial_visit_rollup (${ROLLUP_DIMENSIONS},
        status text NOT NULL CONSTRAINT report_pre_trial_visit_rollup_status_check CHECK (status IN (${list(PRE_TRIAL_VISIT_STATUSES)})),
        visits integer NOT NULL
      )`);
    await db.query(`CREATE INDEX report_pre_trial_visit_rollup_area_month_idx ON report_pre_trial_visit_rollup (area_id, month)`);

    // The plain queries: hearings of any type heard in a period (attendance), special measures
    // by the instant requested, visits by the instant offered; attendances by hearing.
    // Trials already have hearings_area_effectiveness_idx.
    await db.query(`CREATE INDEX hearings_area_heard_idx ON hearings (area_id, heard_at) WHERE heard_at IS NOT NULL`);
    await db.query(`CREATE INDEX witness_attendances_hearing_idx ON witness_attendances (hearing_id)`);
    await db.query(`CREATE INDEX special_measures_area_requested_idx ON special_measures (area_id, requested_at)`);
    await db.query(`
      CREATE INDEX witness_care_cases_area_visit_offered_idx ON witness_care_cases (area_id, pre_trial_visit_offered_at)
      WHERE pre_trial_visit_offered_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX witness_care_cases_area_visit_offered_idx`);
    await db.query(`DROP INDEX special_measures_area_requested_idx`);
    await db.query(`DROP INDEX witness_attendances_hearing_idx`);
    await db.query(`DROP INDEX hearings_area_heard_idx`);
    for (const table of ['report_pre_trial_visit_rollup', 'report_special_measure_rollup', 'report_witness_attendance_rollup', 'report_trial_rollup']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
