import type { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

// Repeated here rather than imported: a migration is a record of the schema as it was.
const NEED_AREAS = ['childcare', 'travel', 'disability', 'language', 'intimidation', 'special_measures', 'pre_trial_visit', 'expenses'];
const NEED_LEVELS = ['low', 'medium', 'high'];
const NEED_ACTIONS = ['information_given', 'arranged', 'referred_to_support', 'application_to_court', 'booking_needed', 'to_review', 'none_needed'];
const SPECIAL_MEASURES = [
  'screens', 'live_link', 'evidence_in_private', 'removal_of_wigs_and_gowns', 'video_recorded_evidence_in_chief',
  'pre_recorded_cross_examination', 'intermediary', 'aids_to_communication',
];
const SPECIAL_MEASURE_STATUSES = ['requested', 'applied_for', 'granted', 'refused'];
const REFUSAL_REASONS = ['not_eligible', 'not_likely_to_improve_evidence', 'application_out_of_time', 'facilities_unavailable', 'defendant_objection_upheld', 'other'];
const PRE_TRIAL_VISIT_STATUSES = ['offered', 'taken', 'declined'];
const WARNING_METHODS = ['phone', 'letter', 'email', 'in_person', 'via_named_person'];
const ATTENDANCE_OUTCOMES = ['attended', 'failed_to_attend', 'excused', 'not_required'];
const NON_ATTENDANCE_REASONS = ['illness', 'childcare', 'intimidation', 'transport', 'not_warned', 'work_commitments', 'unwilling', 'forgot', 'unknown', 'other'];
const FOLLOW_UP_NOTES = ['witness_contacted', 'rewarned', 'support_arranged', 'cps_informed', 'summons_requested', 'unable_to_contact', 'no_further_action'];

/**
 * The witness care unit's work on a journey after charge: the witness care case, the
 * Witness Charter needs assessment, special measures, the pre-trial visit, interpreters,
 * warning the witness for each listing of a hearing and their attendance on the day.
 */
export class WitnessCare1764748800000 implements MigrationInterface {
  name = 'WitnessCare1764748800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE witness_care_cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT witness_care_cases_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT witness_care_cases_journey_fk REFERENCES journeys (id),
        opened_at timestamptz NOT NULL,
        opened_by uuid NOT NULL CONSTRAINT witness_care_cases_opened_by_fk REFERENCES users (id),
        -- null: not yet known whether the witness will give evidence
        giving_evidence boolean,
        officer_id uuid CONSTRAINT witness_care_cases_officer_fk REFERENCES users (id),
        pre_trial_visit_status text CONSTRAINT witness_care_cases_pre_trial_visit_check CHECK (pre_trial_visit_status IN (${list(PRE_TRIAL_VISIT_STATUSES)})),
        pre_trial_visit_offered_at timestamptz,
        pre_trial_visit_taken_at timestamptz,
        pre_trial_visit_declined_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT witness_care_cases_journey_key UNIQUE (journey_id)
      )`);
    await db.query(`CREATE INDEX witness_care_cases_officer_idx ON witness_care_cases (officer_id)`);
    await db.query(`CREATE INDEX witness_care_cases_area_idx ON witness_care_cases (area_id)`);

    await db.query(`
      CREATE TABLE witness_needs_assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT witness_needs_assessments_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT witness_needs_assessments_journey_fk REFERENCES journeys (id),
        case_id uuid NOT NULL CONSTRAINT witness_needs_assessments_case_fk REFERENCES witness_care_cases (id),
        assessed_at timestamptz NOT NULL,
        assessed_by uuid NOT NULL CONSTRAINT witness_needs_assessments_assessed_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX witness_needs_assessments_journey_idx ON witness_needs_assessments (journey_id, assessed_at)`);

    await db.query(`
      CREATE TABLE witness_needs (
        assessment_id uuid NOT NULL CONSTRAINT witness_needs_assessment_fk REFERENCES witness_needs_assessments (id) ON DELETE CASCADE,
        area text NOT NULL CONSTRAINT witness_needs_area_check CHECK (area IN (${list(NEED_AREAS)})),
        needed boolean NOT NULL,
        level text CONSTRAINT witness_needs_level_check CHECK (level IN (${list(NEED_LEVELS)})),
        action text CONSTRAINT witness_needs_action_check CHECK (action IN (${list(NEED_ACTIONS)})),
        CONSTRAINT witness_needs_pkey PRIMARY KEY (assessment_id, area),
        CONSTRAINT witness_needs_level_when_needed_check CHECK (needed OR level IS NULL)
      )`);

    await db.query(`
      CREATE TABLE special_measures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT special_measures_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT special_measures_journey_fk REFERENCES journeys (id),
        hearing_id uuid CONSTRAINT special_measures_hearing_fk REFERENCES hearings (id),
        measure text NOT NULL CONSTRAINT special_measures_measure_check CHECK (measure IN (${list(SPECIAL_MEASURES)})),
        status text NOT NULL CONSTRAINT special_measures_status_check CHECK (status IN (${list(SPECIAL_MEASURE_STATUSES)})),
        requested_at timestamptz NOT NULL,
        applied_for_at timestamptz,
        decided_at timestamptz,
        refusal_reason text CONSTRAINT special_measures_refusal_reason_check CHECK (refusal_reason IN (${list(REFUSAL_REASONS)})),
        created_by uuid NOT NULL CONSTRAINT special_measures_created_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT special_measures_refusal_reason_when_refused_check CHECK ((status = 'refused') = (refusal_reason IS NOT NULL)),
        CONSTRAINT special_measures_decided_at_check CHECK ((status IN ('granted', 'refused')) = (decided_at IS NOT NULL))
      )`);
    // One live request per measure per witness; a refused measure may be asked for again.
    await db.query(`CREATE UNIQUE INDEX special_measures_live_key ON special_measures (journey_id, measure) WHERE status <> 'refused'`);
    await db.query(`CREATE INDEX special_measures_outstanding_idx ON special_measures (journey_id) WHERE status IN ('requested', 'applied_for')`);

    await db.query(`
      CREATE TABLE interpreter_bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT interpreter_bookings_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT interpreter_bookings_journey_fk REFERENCES journeys (id),
        hearing_id uuid NOT NULL CONSTRAINT interpreter_bookings_hearing_fk REFERENCES hearings (id),
        language text NOT NULL CONSTRAINT interpreter_bookings_language_check CHECK (language ~ '^[a-z]{2,3}$'),
        booked_at timestamptz NOT NULL,
        booked_by uuid NOT NULL CONSTRAINT interpreter_bookings_booked_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT interpreter_bookings_key UNIQUE (journey_id, hearing_id, language)
      )`);

    await db.query(`
      CREATE TABLE witness_warnings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT witness_warnings_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT witness_warnings_journey_fk REFERENCES journeys (id),
        hearing_id uuid NOT NULL CONSTRAINT witness_warnings_hearing_fk REFERENCES hearings (id),
        -- the hearing's listing_version warned for: a moved hearing needs a new warning
        listing_version integer NOT NULL CHECK (listing_version >= 1),
        warned_at timestamptz NOT NULL,
        method text NOT NULL CONSTRAINT witness_warnings_method_check CHECK (method IN (${list(WARNING_METHODS)})),
        warned_by uuid NOT NULL CONSTRAINT witness_warnings_warned_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT witness_warnings_key UNIQUE (journey_id, hearing_id, listing_version)
      )`);
    await db.query(`CREATE INDEX witness_warnings_hearing_idx ON witness_warnings (hearing_id)`);

    await db.query(`
      CREATE TABLE witness_attendances (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT witness_attendances_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT witness_attendances_journey_fk REFERENCES journeys (id),
        hearing_id uuid NOT NULL CONSTRAINT witness_attendances_hearing_fk REFERENCES hearings (id),
        outcome text NOT NULL CONSTRAINT witness_attendances_outcome_check CHECK (outcome IN (${list(ATTENDANCE_OUTCOMES)})),
        reason text CONSTRAINT witness_attendances_reason_check CHECK (reason IN (${list(NON_ATTENDANCE_REASONS)})),
        recorded_by uuid NOT NULL CONSTRAINT witness_attendances_recorded_by_fk REFERENCES users (id),
        follow_up_status text CONSTRAINT witness_attendances_follow_up_check CHECK (follow_up_status IN ('open', 'resolved')),
        follow_up_resolved_at timestamptz,
        follow_up_note text CONSTRAINT witness_attendances_follow_up_note_check CHECK (follow_up_note IN (${list(FOLLOW_UP_NOTES)})),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT witness_attendances_key UNIQUE (journey_id, hearing_id),
        CONSTRAINT witness_attendances_reason_when_failed_check CHECK ((outcome = 'failed_to_attend') = (reason IS NOT NULL)),
        CONSTRAINT witness_attendances_follow_up_resolved_check CHECK ((follow_up_status = 'resolved') = (follow_up_resolved_at IS NOT NULL AND follow_up_note IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX witness_attendances_open_follow_up_idx ON witness_attendances (area_id) WHERE follow_up_status = 'open'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE witness_attendances`);
    await db.query(`DROP TABLE witness_warnings`);
    await db.query(`DROP TABLE interpreter_bookings`);
    await db.query(`DROP TABLE special_measures`);
    await db.query(`DROP TABLE witness_needs`);
    await db.query(`DROP TABLE witness_needs_assessments`);
    await db.query(`DROP TABLE witness_care_cases`);
  }
}
