import type { MigrationInterface, QueryRunner } from 'typeorm';

const OFFENCE_CATEGORIES = [
  'homicide_bereaved', 'domestic_abuse', 'hate_crime', 'terrorism', 'sexual_offence', 'human_trafficking',
  'attempted_murder', 'kidnap_false_imprisonment', 'arson_endangering_life', 'gbh_with_intent',
  'violence_without_injury', 'violence_with_injury', 'robbery', 'burglary', 'theft', 'criminal_damage', 'fraud',
  'stalking_harassment', 'public_order', 'other',
];

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * Victim journeys: crimes, journeys and their append-only timeline, Victims' Code duties,
 * referrals (with idempotency and bulk CSV imports), consent to share, the support work
 * (contacts, needs assessment, cope-and-recover, support plan, onward referrals), and the
 * outbox that carries side effects to the worker.
 */
export class Journeys1763971200000 implements MigrationInterface {
  name = 'Journeys1763971200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE people ADD COLUMN disability text`);
    await db.query(`ALTER TABLE people ADD COLUMN vulnerability_flags text[] NOT NULL DEFAULT '{}'`);
    // Referral intake matches a person by name and date of birth among a crime's journeys.
    await db.query(`CREATE INDEX people_match_idx ON people (area_id, lower(family_name), lower(given_name), date_of_birth)`);

    await db.query(`
      CREATE TABLE crimes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT crimes_area_fk REFERENCES areas (id),
        crime_reference text NOT NULL CHECK (crime_reference = upper(crime_reference) AND length(crime_reference) BETWEEN 1 AND 40),
        police_force_id uuid CONSTRAINT crimes_police_force_fk REFERENCES organisations (id),
        offence_category text NOT NULL CONSTRAINT crimes_offence_category_check CHECK (offence_category IN (${list(OFFENCE_CATEGORIES)})),
        offence_date date,
        reported_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE UNIQUE INDEX crimes_reference_key ON crimes (area_id, crime_reference)`);

    // Human references (VJ-2026-000123): a sequence never blocks concurrent intake; gaps are harmless.
    await db.query(`CREATE SEQUENCE journey_reference_seq`);
    await db.query(`
      CREATE TABLE journeys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT journeys_area_fk REFERENCES areas (id),
        reference text NOT NULL CONSTRAINT journeys_reference_key UNIQUE,
        person_id uuid NOT NULL CONSTRAINT journeys_person_fk REFERENCES people (id),
        crime_id uuid NOT NULL CONSTRAINT journeys_crime_fk REFERENCES crimes (id),
        role text NOT NULL CONSTRAINT journeys_role_check CHECK (role IN ('victim', 'witness')),
        stage text NOT NULL CONSTRAINT journeys_stage_check CHECK (stage IN (
          'referred', 'contacted', 'assessed', 'in_support', 'witness_care', 'court', 'closed')),
        lead_worker_id uuid CONSTRAINT journeys_lead_worker_fk REFERENCES users (id),
        lead_organisation_id uuid CONSTRAINT journeys_lead_organisation_fk REFERENCES organisations (id),
        referral_consent text NOT NULL CONSTRAINT journeys_referral_consent_check CHECK (referral_consent IN ('automatic', 'explicit')),
        enhanced_categories text[] NOT NULL DEFAULT '{}',
        enhanced_reason text,
        enhanced_decided_by uuid CONSTRAINT journeys_enhanced_decided_by_fk REFERENCES users (id),
        enhanced_since timestamptz,
        opted_out_of text[] NOT NULL DEFAULT '{}',
        information_via text,
        unsuccessful_contact_attempts integer NOT NULL DEFAULT 0,
        first_contacted_at timestamptz,
        unable_to_contact_at timestamptz,
        support_started_at timestamptz,
        closed_at timestamptz,
        closure_reason text CONSTRAINT journeys_closure_reason_check CHECK (closure_reason IN (
          'support_completed', 'declined', 'unable_to_contact', 'moved_area', 'deceased', 'other')),
        closure_note text,
        satisfaction_score smallint CHECK (satisfaction_score BETWEEN 0 AND 10),
        satisfaction_comment text,
        satisfaction_declined boolean,
        referred_at timestamptz NOT NULL,
        last_event_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT journeys_closed_check CHECK ((stage = 'closed') = (closed_at IS NOT NULL AND closure_reason IS NOT NULL))
      )`);
    // A person has at most one open journey per crime: a second referral is linked to it.
    await db.query(`CREATE UNIQUE INDEX journeys_open_person_crime_key ON journeys (person_id, crime_id) WHERE stage <> 'closed'`);
    await db.query(`CREATE INDEX journeys_crime_idx ON journeys (crime_id)`);
    await db.query(`CREATE INDEX journeys_area_stage_idx ON journeys (area_id, stage, referred_at)`);
    await db.query(`CREATE INDEX journeys_lead_worker_idx ON journeys (lead_worker_id, stage)`);
    await db.query(`CREATE INDEX journeys_person_idx ON journeys (person_id)`);

    await db.query(`
      CREATE TABLE journey_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        journey_id uuid NOT NULL CONSTRAINT journey_events_journey_fk REFERENCES journeys (id),
        area_id uuid NOT NULL CONSTRAINT journey_events_area_fk REFERENCES areas (id),
        type text NOT NULL CHECK (type ~ '^[a-z][a-z-]*(\\.[a-z][a-z-]*)+$'),
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        actor_user_id uuid,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await db.query(`CREATE INDEX journey_events_timeline_idx ON journey_events (journey_id, occurred_at DESC, seq DESC)`);

    await db.query(`
      CREATE TABLE duties (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL CONSTRAINT duties_journey_fk REFERENCES journeys (id),
        area_id uuid NOT NULL CONSTRAINT duties_area_fk REFERENCES areas (id),
        key text NOT NULL,
        rule_id text NOT NULL,
        rule_set_version text NOT NULL,
        code_right smallint NOT NULL CHECK (code_right BETWEEN 1 AND 12),
        owner text NOT NULL,
        subject jsonb NOT NULL,
        opened_at timestamptz NOT NULL,
        opened_by_event_id uuid NOT NULL CONSTRAINT duties_opened_by_fk REFERENCES journey_events (id),
        due_at timestamptz NOT NULL,
        enhanced boolean NOT NULL,
        status text NOT NULL CONSTRAINT duties_status_check CHECK (status IN ('open', 'met', 'met_late', 'breached', 'withdrawn')),
        met_at timestamptz,
        discharged_by_event_id uuid CONSTRAINT duties_discharged_by_fk REFERENCES journey_events (id),
        working_days_late integer,
        withdrawn_reason text,
        withdrawn_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE UNIQUE INDEX duties_journey_key ON duties (journey_id, key)`);
    await db.query(`CREATE INDEX duties_open_due_idx ON duties (due_at) WHERE status IN ('open', 'breached')`);
    await db.query(`CREATE INDEX duties_area_status_due_idx ON duties (area_id, status, due_at)`);

    // Side effects requested by a command, drained to BullMQ by the worker (never done in the request).
    await db.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        aggregate_id uuid,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await db.query(`CREATE INDEX outbox_pending_idx ON outbox (available_at, id) WHERE dispatched_at IS NULL`);

    await db.query(`
      CREATE TABLE referrals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT referrals_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT referrals_journey_fk REFERENCES journeys (id),
        outcome text NOT NULL CONSTRAINT referrals_outcome_check CHECK (outcome IN ('created', 'linked')),
        channel text NOT NULL CONSTRAINT referrals_channel_check CHECK (channel IN ('api', 'csv')),
        import_id uuid,
        import_line integer,
        external_reference text,
        referred_by_organisation_id uuid NOT NULL CONSTRAINT referrals_organisation_fk REFERENCES organisations (id),
        received_by uuid NOT NULL CONSTRAINT referrals_received_by_fk REFERENCES users (id),
        received_at timestamptz NOT NULL,
        consent_basis text NOT NULL CONSTRAINT referrals_consent_basis_check CHECK (consent_basis IN ('automatic', 'explicit')),
        consent_recorded_by text,
        consent_recorded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX referrals_journey_idx ON referrals (journey_id)`);
    await db.query(`CREATE INDEX referrals_import_idx ON referrals (import_id) WHERE import_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE sharing_consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT sharing_consents_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT sharing_consents_journey_fk REFERENCES journeys (id),
        agency text NOT NULL,
        purpose text NOT NULL,
        given boolean NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL CONSTRAINT sharing_consents_recorded_by_fk REFERENCES users (id),
        withdrawn_at timestamptz,
        withdrawn_by uuid CONSTRAINT sharing_consents_withdrawn_by_fk REFERENCES users (id),
        withdrawal_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX sharing_consents_journey_idx ON sharing_consents (journey_id)`);

    // Idempotency-Key (RELIABILITY.md): the first answer is kept and replayed for the same key and body.
    await db.query(`
      CREATE TABLE idempotency_records (
        client_id uuid NOT NULL,
        key text NOT NULL,
        operation text NOT NULL,
        request_hash text NOT NULL,
        -- Null while the first request is being processed (its transaction holds the row).
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT idempotency_records_pkey PRIMARY KEY (client_id, key)
      )`);
    await db.query(`CREATE INDEX idempotency_records_created_idx ON idempotency_records (created_at)`);

    await db.query(`
      CREATE TABLE referral_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_by uuid NOT NULL CONSTRAINT referral_imports_created_by_fk REFERENCES users (id),
        organisation_id uuid NOT NULL CONSTRAINT referral_imports_organisation_fk REFERENCES organisations (id),
        actor_roles text[] NOT NULL,
        actor_area_ids uuid[] NOT NULL,
        file_name text,
        mode text NOT NULL CONSTRAINT referral_imports_mode_check CHECK (mode IN ('all_or_nothing', 'import_valid_rows')),
        status text NOT NULL CONSTRAINT referral_imports_status_check CHECK (status IN (
          'queued', 'validating', 'importing', 'completed', 'rejected', 'failed')),
        content text,
        total_rows integer,
        validated_rows integer NOT NULL DEFAULT 0,
        imported_rows integer NOT NULL DEFAULT 0,
        linked_rows integer NOT NULL DEFAULT 0,
        rejected_rows integer NOT NULL DEFAULT 0,
        attempts integer NOT NULL DEFAULT 0,
        failure text,
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX referral_imports_status_idx ON referral_imports (status, created_at)`);
    await db.query(`
      CREATE TABLE referral_import_problems (
        import_id uuid NOT NULL CONSTRAINT referral_import_problems_import_fk REFERENCES referral_imports (id) ON DELETE CASCADE,
        line integer NOT NULL,
        column_name text NOT NULL,
        message text NOT NULL
      )`);
    await db.query(`CREATE INDEX referral_import_problems_idx ON referral_import_problems (import_id, line)`);

    await db.query(`
      CREATE TABLE contact_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT contact_attempts_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT contact_attempts_journey_fk REFERENCES journeys (id),
        method text NOT NULL CONSTRAINT contact_attempts_method_check CHECK (method IN ('phone', 'letter', 'email', 'visit', 'text')),
        outcome text NOT NULL CONSTRAINT contact_attempts_outcome_check CHECK (outcome IN (
          'contacted', 'no_answer', 'left_message', 'wrong_details', 'sent', 'refused')),
        attempted_at timestamptz NOT NULL,
        next_attempt_at timestamptz,
        notes text,
        recorded_by uuid NOT NULL CONSTRAINT contact_attempts_recorded_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX contact_attempts_journey_idx ON contact_attempts (journey_id, attempted_at)`);
    await db.query(`CREATE INDEX contact_attempts_next_idx ON contact_attempts (next_attempt_at) WHERE next_attempt_at IS NOT NULL`);

    await db.query(`
      CREATE TABLE needs_assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT needs_assessments_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT needs_assessments_journey_fk REFERENCES journeys (id),
        completed_at timestamptz NOT NULL,
        assessed_by uuid NOT NULL CONSTRAINT needs_assessments_assessed_by_fk REFERENCES users (id),
        decision text NOT NULL CONSTRAINT needs_assessments_decision_check CHECK (decision IN ('accepted', 'declined', 'signposted')),
        signposted_to text,
        notes text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX needs_assessments_journey_idx ON needs_assessments (journey_id, completed_at)`);
    await db.query(`
      CREATE TABLE assessed_needs (
        assessment_id uuid NOT NULL CONSTRAINT assessed_needs_assessment_fk REFERENCES needs_assessments (id),
        area_id uuid NOT NULL CONSTRAINT assessed_needs_area_fk REFERENCES areas (id),
        need_area text NOT NULL CONSTRAINT assessed_needs_area_check CHECK (need_area IN (
          'health_wellbeing', 'mental_emotional', 'safety_security', 'housing', 'finance_benefits',
          'employment_education', 'family_relationships', 'substance_misuse', 'disability_access',
          'criminal_justice_information', 'communication_language')),
        level text NOT NULL CONSTRAINT assessed_needs_level_check CHECK (level IN ('none', 'low', 'medium', 'high')),
        notes text,
        CONSTRAINT assessed_needs_pkey PRIMARY KEY (assessment_id, need_area)
      )`);

    await db.query(`
      CREATE TABLE cope_recover_measures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT cope_recover_measures_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT cope_recover_measures_journey_fk REFERENCES journeys (id),
        point text NOT NULL CONSTRAINT cope_recover_measures_point_check CHECK (point IN ('start', 'end')),
        framework_version text NOT NULL,
        answers jsonb,
        missing_reason text CONSTRAINT cope_recover_measures_missing_reason_check CHECK (missing_reason IN (
          'declined', 'unable_to_contact', 'deceased', 'moved_area')),
        taken_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL CONSTRAINT cope_recover_measures_recorded_by_fk REFERENCES users (id),
        superseded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cope_recover_measures_answer_check CHECK ((answers IS NULL) <> (missing_reason IS NULL)),
        CONSTRAINT cope_recover_measures_start_answered_check CHECK (point = 'end' OR answers IS NOT NULL)
      )`);
    // One current measure per point; a reopened journey's earlier end measure is kept, superseded.
    await db.query(`CREATE UNIQUE INDEX cope_recover_measures_current_key ON cope_recover_measures (journey_id, point) WHERE superseded_at IS NULL`);

    await db.query(`
      CREATE TABLE support_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT support_actions_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT support_actions_journey_fk REFERENCES journeys (id),
        description text NOT NULL,
        owner_user_id uuid CONSTRAINT support_actions_owner_user_fk REFERENCES users (id),
        owner_organisation_id uuid CONSTRAINT support_actions_owner_organisation_fk REFERENCES organisations (id),
        due_on date NOT NULL,
        status text NOT NULL CONSTRAINT support_actions_status_check CHECK (status IN ('open', 'done', 'cancelled')),
        completed_at timestamptz,
        created_by uuid NOT NULL CONSTRAINT support_actions_created_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT support_actions_owner_check CHECK (owner_user_id IS NOT NULL OR owner_organisation_id IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX support_actions_journey_idx ON support_actions (journey_id)`);
    await db.query(`CREATE INDEX support_actions_due_idx ON support_actions (area_id, due_on) WHERE status = 'open'`);

    await db.query(`
      CREATE TABLE onward_referrals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT onward_referrals_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT onward_referrals_journey_fk REFERENCES journeys (id),
        service text NOT NULL CONSTRAINT onward_referrals_service_check CHECK (service IN (
          'isva', 'idva', 'mental_health', 'housing', 'drug_alcohol', 'advocacy', 'other')),
        provider text NOT NULL,
        consent_recorded_at timestamptz NOT NULL,
        referred_at timestamptz NOT NULL,
        outcome text NOT NULL CONSTRAINT onward_referrals_outcome_check CHECK (outcome IN (
          'pending', 'accepted', 'declined_by_service', 'declined_by_victim', 'no_response')),
        outcome_at timestamptz,
        notes text,
        created_by uuid NOT NULL CONSTRAINT onward_referrals_created_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX onward_referrals_journey_idx ON onward_referrals (journey_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'onward_referrals', 'support_actions', 'cope_recover_measures', 'assessed_needs', 'needs_assessments',
      'contact_attempts', 'referral_import_problems', 'referral_imports', 'idempotency_records', 'sharing_consents',
      'referrals', 'outbox', 'duties', 'journey_events', 'journeys', 'crimes',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`DROP SEQUENCE journey_reference_seq`);
    await db.query(`DROP INDEX people_match_idx`);
    await db.query(`ALTER TABLE people DROP COLUMN vulnerability_flags`);
    await db.query(`ALTER TABLE people DROP COLUMN disability`);
  }
}
