import type { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

// Repeated here rather than imported: a migration is a record of the schema as it was.
const LISTING_CHANGES = ['listed', 'moved', 'adjourned', 'vacated'];
const HEARING_STATUSES = ['listed', 'adjourned', 'vacated', 'heard'];
const ADJOURNMENT_REASONS = [
  'awaiting_reports', 'further_evidence_needed', 'prosecution_not_ready', 'defence_not_ready', 'defendant_absent',
  'defendant_unwell', 'witness_absent', 'no_court_time', 'judicial_availability', 'interpreter_unavailable', 'other',
];
const VACATION_REASONS = ['guilty_plea_entered', 'case_discontinued', 'hearing_no_longer_needed', 'listed_in_error', 'combined_with_another_hearing', 'other'];
const TRIAL_EFFECTIVENESS = ['effective', 'cracked', 'ineffective'];
const EFFECTIVENESS_REASONS = [
  'guilty_plea_on_the_day', 'guilty_plea_to_alternative_charge', 'defendant_bound_over', 'prosecution_offered_no_evidence',
  'prosecution_public_interest', 'prosecution_witness_withdrew', 'prosecution_witness_absent', 'prosecution_not_ready',
  'prosecution_advocate_unavailable', 'defence_witness_absent', 'defendant_absent', 'defendant_unwell', 'defence_not_ready',
  'defence_advocate_unavailable', 'defendant_in_custody_not_produced', 'no_court_time', 'judicial_availability',
  'interpreter_unavailable', 'special_measures_not_in_place', 'equipment_failure',
];
const PLEAS = ['guilty', 'not_guilty', 'no_plea'];
const BAIL_DECISION_KINDS = ['bail_granted', 'bail_conditions_changed', 'remanded_in_custody'];
const VERDICTS = ['guilty', 'not_guilty'];
const DISPOSALS = [
  'immediate_custody', 'detention_and_training_order', 'suspended_sentence', 'community_order', 'youth_rehabilitation_order',
  'referral_order', 'fine', 'conditional_discharge', 'absolute_discharge', 'hospital_order', 'hospital_order_with_restriction',
];
const APPELLANTS = ['defendant', 'prosecution'];
const APPEAL_GROUNDS = ['conviction', 'sentence'];
const APPEAL_RESULTS = ['allowed', 'dismissed', 'varied', 'abandoned'];
const INFORMED_SUBJECTS = ['hearing', 'bail', 'outcome', 'appeal'];
const INFORMED_STAGES = ['verdict', 'sentence', 'lodged', 'hearing_listed', 'decided'];
const INFORMING_METHODS = ['phone', 'in_person', 'letter', 'email', 'text_message', 'video_call', 'through_named_person'];

/**
 * The court's side of a crime: what happened to each hearing (its versions, pleas and the
 * trial's effectiveness), bail decisions, verdicts and sentences per defendant, appeals,
 * and each time a victim or witness was told of one of them.
 */
export class Court1764576000000 implements MigrationInterface {
  name = 'Court1764576000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE hearings
        ADD COLUMN adjourned_at timestamptz,
        ADD COLUMN adjournment_reason text CONSTRAINT hearings_adjournment_reason_check CHECK (adjournment_reason IN (${list(ADJOURNMENT_REASONS)})),
        ADD COLUMN vacated_at timestamptz,
        ADD COLUMN vacation_reason text CONSTRAINT hearings_vacation_reason_check CHECK (vacation_reason IN (${list(VACATION_REASONS)})),
        ADD COLUMN heard_at timestamptz,
        ADD COLUMN effectiveness text CONSTRAINT hearings_effectiveness_check CHECK (effectiveness IN (${list(TRIAL_EFFECTIVENESS)})),
        ADD COLUMN effectiveness_reason text CONSTRAINT hearings_effectiveness_reason_check CHECK (effectiveness_reason IN (${list(EFFECTIVENESS_REASONS)})),
        ADD COLUMN created_by uuid CONSTRAINT hearings_created_by_fk REFERENCES users (id),
        ADD CONSTRAINT hearings_heard_at_check CHECK (status <> 'heard' OR heard_at IS NOT NULL),
        ADD CONSTRAINT hearings_vacated_check CHECK (status <> 'vacated' OR vacation_reason IS NOT NULL),
        -- Only trials are effective, cracked or ineffective; a trial that did not go ahead says why.
        ADD CONSTRAINT hearings_effectiveness_trial_check CHECK (effectiveness IS NULL OR type = 'trial'),
        ADD CONSTRAINT hearings_effectiveness_reason_given_check CHECK (
          (effectiveness IS NULL AND effectiveness_reason IS NULL)
          OR (effectiveness = 'effective' AND effectiveness_reason IS NULL)
          OR (effectiveness IN ('cracked', 'ineffective') AND effectiveness_reason IS NOT NULL))`);
    // Reports: trials by effectiveness and reason, per area and month heard.
    await db.query(`CREATE INDEX hearings_area_effectiveness_idx ON hearings (area_id, heard_at) WHERE effectiveness IS NOT NULL`);

    // Every version of a hearing as the court gave it: what a witness told of version 2 was told.
    await db.query(`
      CREATE TABLE hearing_listings (
        hearing_id uuid NOT NULL CONSTRAINT hearing_listings_hearing_fk REFERENCES hearings (id) ON DELETE CASCADE,
        listing_version integer NOT NULL CHECK (listing_version >= 1),
        change text NOT NULL CONSTRAINT hearing_listings_change_check CHECK (change IN (${list(LISTING_CHANGES)})),
        status text NOT NULL CONSTRAINT hearing_listings_status_check CHECK (status IN (${list(HEARING_STATUSES)})),
        court_id uuid NOT NULL CONSTRAINT hearing_listings_court_fk REFERENCES courts (id),
        -- No time when the court adjourned without a new date, or vacated the hearing.
        listed_for timestamptz,
        reason text,
        occurred_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL CONSTRAINT hearing_listings_recorded_by_fk REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT hearing_listings_pkey PRIMARY KEY (hearing_id, listing_version),
        CONSTRAINT hearing_listings_listed_for_check CHECK (status <> 'listed' OR listed_for IS NOT NULL)
      )`);

    await db.query(`
      CREATE TABLE hearing_pleas (
        hearing_id uuid NOT NULL,
        defendant_id uuid NOT NULL,
        plea text NOT NULL CONSTRAINT hearing_pleas_plea_check CHECK (plea IN (${list(PLEAS)})),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT hearing_pleas_pkey PRIMARY KEY (hearing_id, defendant_id),
        -- A plea is entered by a defendant the hearing was listed for.
        CONSTRAINT hearing_pleas_hearing_defendant_fk FOREIGN KEY (hearing_id, defendant_id)
          REFERENCES hearing_defendants (hearing_id, defendant_id) ON DELETE CASCADE
      )`);

    await db.query(`
      CREATE TABLE court_bail_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT court_bail_decisions_area_fk REFERENCES areas (id),
        crime_id uuid NOT NULL CONSTRAINT court_bail_decisions_crime_fk REFERENCES crimes (id),
        defendant_id uuid NOT NULL CONSTRAINT court_bail_decisions_defendant_fk REFERENCES defendants (id),
        kind text NOT NULL CONSTRAINT court_bail_decisions_kind_check CHECK (kind IN (${list(BAIL_DECISION_KINDS)})),
        decided_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL CONSTRAINT court_bail_decisions_recorded_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX court_bail_decisions_crime_idx ON court_bail_decisions (crime_id, decided_at)`);

    await db.query(`
      CREATE TABLE court_outcomes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT court_outcomes_area_fk REFERENCES areas (id),
        crime_id uuid NOT NULL CONSTRAINT court_outcomes_crime_fk REFERENCES crimes (id),
        defendant_id uuid NOT NULL CONSTRAINT court_outcomes_defendant_fk REFERENCES defendants (id),
        hearing_id uuid CONSTRAINT court_outcomes_hearing_fk REFERENCES hearings (id),
        verdict text NOT NULL CONSTRAINT court_outcomes_verdict_check CHECK (verdict IN (${list(VERDICTS)})),
        verdict_at timestamptz NOT NULL,
        sentenced_at timestamptz,
        disposal text CONSTRAINT court_outcomes_disposal_check CHECK (disposal IN (${list(DISPOSALS)})),
        custodial_months integer CHECK (custodial_months BETWEEN 0 AND 1200),
        offence_violent_or_sexual boolean,
        recorded_by uuid NOT NULL CONSTRAINT court_outcomes_recorded_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT court_outcomes_sentence_whole_check CHECK (
          (sentenced_at IS NULL AND disposal IS NULL AND custodial_months IS NULL AND offence_violent_or_sexual IS NULL)
          OR (sentenced_at IS NOT NULL AND disposal IS NOT NULL AND custodial_months IS NOT NULL AND offence_violent_or_sexual IS NOT NULL)),
        CONSTRAINT court_outcomes_sentence_after_conviction_check CHECK (disposal IS NULL OR verdict = 'guilty')
      )`);
    // One verdict per defendant: a second would open a second outcome duty for the same news.
    await db.query(`CREATE UNIQUE INDEX court_outcomes_defendant_key ON court_outcomes (defendant_id)`);
    await db.query(`CREATE INDEX court_outcomes_crime_idx ON court_outcomes (crime_id)`);

    await db.query(`
      CREATE TABLE appeals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT appeals_area_fk REFERENCES areas (id),
        crime_id uuid NOT NULL CONSTRAINT appeals_crime_fk REFERENCES crimes (id),
        outcome_id uuid NOT NULL CONSTRAINT appeals_outcome_fk REFERENCES court_outcomes (id),
        appellant text NOT NULL CONSTRAINT appeals_appellant_check CHECK (appellant IN (${list(APPELLANTS)})),
        ground text NOT NULL CONSTRAINT appeals_ground_check CHECK (ground IN (${list(APPEAL_GROUNDS)})),
        lodged_at timestamptz NOT NULL,
        hearing_court_id uuid CONSTRAINT appeals_hearing_court_fk REFERENCES courts (id),
        hearing_listed_for timestamptz,
        hearing_listed_at timestamptz,
        decided_at timestamptz,
        result text CONSTRAINT appeals_result_check CHECK (result IN (${list(APPEAL_RESULTS)})),
        recorded_by uuid NOT NULL CONSTRAINT appeals_recorded_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT appeals_hearing_whole_check CHECK ((hearing_court_id IS NULL) = (hearing_listed_for IS NULL) AND (hearing_listed_for IS NULL) = (hearing_listed_at IS NULL)),
        CONSTRAINT appeals_decision_whole_check CHECK ((decided_at IS NULL) = (result IS NULL))
      )`);
    await db.query(`CREATE INDEX appeals_crime_idx ON appeals (crime_id)`);
    await db.query(`CREATE INDEX appeals_outcome_idx ON appeals (outcome_id)`);

    // Each time a victim or witness was told of a hearing version, a bail decision, an outcome or an appeal step.
    await db.query(`
      CREATE TABLE court_informings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT court_informings_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT court_informings_journey_fk REFERENCES journeys (id),
        subject text NOT NULL CONSTRAINT court_informings_subject_check CHECK (subject IN (${list(INFORMED_SUBJECTS)})),
        subject_id uuid NOT NULL,
        hearing_version integer CHECK (hearing_version >= 1),
        stage text CONSTRAINT court_informings_stage_check CHECK (stage IN (${list(INFORMED_STAGES)})),
        informed_at timestamptz NOT NULL,
        method text NOT NULL CONSTRAINT court_informings_method_check CHECK (method IN (${list(INFORMING_METHODS)})),
        event_id uuid NOT NULL CONSTRAINT court_informings_event_fk REFERENCES journey_events (id),
        recorded_by uuid NOT NULL CONSTRAINT court_informings_recorded_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT court_informings_hearing_version_given_check CHECK ((subject = 'hearing') = (hearing_version IS NOT NULL)),
        CONSTRAINT court_informings_stage_given_check CHECK ((subject IN ('outcome', 'appeal')) = (stage IS NOT NULL))
      )`);
    // Telling the same news twice is refused rather than recorded twice.
    await db.query(`
      CREATE UNIQUE INDEX court_informings_once_key
        ON court_informings (journey_id, subject, subject_id, coalesce(hearing_version, 0), coalesce(stage, ''))`);
    await db.query(`CREATE INDEX court_informings_subject_idx ON court_informings (subject_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE court_informings`);
    await db.query(`DROP TABLE appeals`);
    await db.query(`DROP TABLE court_outcomes`);
    await db.query(`DROP TABLE court_bail_decisions`);
    await db.query(`DROP TABLE hearing_pleas`);
    await db.query(`DROP TABLE hearing_listings`);
    await db.query(`DROP INDEX hearings_area_effectiveness_idx`);
    await db.query(`
      ALTER TABLE hearings
        DROP CONSTRAINT hearings_effectiveness_reason_given_check,
        DROP CONSTRAINT hearings_effectiveness_trial_check,
        DROP CONSTRAINT hearings_vacated_check,
        DROP CONSTRAINT hearings_heard_at_check,
        DROP COLUMN created_by,
        DROP COLUMN effectiveness_reason,
        DROP COLUMN effectiveness,
        DROP COLUMN heard_at,
        DROP COLUMN vacation_reason,
        DROP COLUMN vacated_at,
        DROP COLUMN adjournment_reason,
        DROP COLUMN adjourned_at`);
  }
}
