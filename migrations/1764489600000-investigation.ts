import type { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

// Repeated here rather than imported: a migration is a record of the schema as it was.
const POLICE_DECISION_KINDS = [
  'no_investigation', 'investigation_closed', 'suspect_arrested', 'interviewed_under_caution', 'released_nfa',
  'released_on_bail', 'released_under_investigation', 'bail_conditions_changed', 'charged', 'out_of_court_disposal',
];
const CPS_DECISION_KINDS = ['not_to_charge', 'discontinue', 'alter_charges'];
const DEFENDANT_STATUSES = ['suspect', 'charged'];
const INFORMED_METHODS = ['phone', 'letter', 'email', 'text_message', 'in_person', 'video_call', 'via_named_person'];
const VRR_STATUSES = ['requested', 'acknowledged', 'decided'];
const VRR_OUTCOMES = ['upheld', 'not_upheld'];

/**
 * The investigation of a crime: police and CPS decisions (with the defendants each
 * concerns), the victim being told of each decision on their journey, and the victim's
 * requests for a police Victims' Right to Review.
 */
export class Investigation1764489600000 implements MigrationInterface {
  name = 'Investigation1764489600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE defendants
      ADD COLUMN status text NOT NULL DEFAULT 'suspect' CONSTRAINT defendants_status_check CHECK (status IN (${list(DEFENDANT_STATUSES)})),
      ADD COLUMN charged_at timestamptz,
      ADD CONSTRAINT defendants_charged_at_check CHECK ((status = 'charged') = (charged_at IS NOT NULL))`);

    for (const { table, kinds } of [
      { table: 'police_decisions', kinds: POLICE_DECISION_KINDS },
      { table: 'cps_decisions', kinds: CPS_DECISION_KINDS },
    ]) {
      await db.query(`
        CREATE TABLE ${table} (
          id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          area_id uuid NOT NULL CONSTRAINT ${table}_area_fk REFERENCES areas (id),
          crime_id uuid NOT NULL CONSTRAINT ${table}_crime_fk REFERENCES crimes (id),
          kind text NOT NULL CONSTRAINT ${table}_kind_check CHECK (kind IN (${list(kinds)})),
          decided_at timestamptz NOT NULL,
          recorded_by uuid NOT NULL CONSTRAINT ${table}_recorded_by_fk REFERENCES users (id),
          created_at timestamptz NOT NULL DEFAULT now(),
          updated_at timestamptz NOT NULL DEFAULT now(),
          version integer NOT NULL DEFAULT 1
        )`);
      await db.query(`CREATE INDEX ${table}_crime_idx ON ${table} (crime_id, decided_at)`);
    }
    await db.query(`
      CREATE TABLE police_decision_defendants (
        decision_id uuid NOT NULL CONSTRAINT police_decision_defendants_decision_fk REFERENCES police_decisions (id) ON DELETE CASCADE,
        defendant_id uuid NOT NULL CONSTRAINT police_decision_defendants_defendant_fk REFERENCES defendants (id),
        CONSTRAINT police_decision_defendants_pkey PRIMARY KEY (decision_id, defendant_id)
      )`);
    await db.query(`CREATE INDEX police_decision_defendants_defendant_idx ON police_decision_defendants (defendant_id)`);
    await db.query(`
      CREATE TABLE cps_decision_defendants (
        decision_id uuid NOT NULL CONSTRAINT cps_decision_defendants_decision_fk REFERENCES cps_decisions (id) ON DELETE CASCADE,
        defendant_id uuid NOT NULL CONSTRAINT cps_decision_defendants_defendant_fk REFERENCES defendants (id),
        CONSTRAINT cps_decision_defendants_pkey PRIMARY KEY (decision_id, defendant_id)
      )`);
    await db.query(`CREATE INDEX cps_decision_defendants_defendant_idx ON cps_decision_defendants (defendant_id)`);

    // One row per journey told of a decision: the victim.informed event that met the duty, and how they were told.
    await db.query(`
      CREATE TABLE decision_notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT decision_notices_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT decision_notices_journey_fk REFERENCES journeys (id),
        police_decision_id uuid CONSTRAINT decision_notices_police_decision_fk REFERENCES police_decisions (id),
        cps_decision_id uuid CONSTRAINT decision_notices_cps_decision_fk REFERENCES cps_decisions (id),
        informed_at timestamptz NOT NULL,
        method text NOT NULL CONSTRAINT decision_notices_method_check CHECK (method IN (${list(INFORMED_METHODS)})),
        event_id uuid NOT NULL CONSTRAINT decision_notices_event_fk REFERENCES journey_events (id),
        recorded_by uuid NOT NULL CONSTRAINT decision_notices_recorded_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT decision_notices_one_decision_check CHECK (num_nonnulls(police_decision_id, cps_decision_id) = 1)
      )`);
    await db.query(`CREATE UNIQUE INDEX decision_notices_journey_police_key ON decision_notices (journey_id, police_decision_id) WHERE police_decision_id IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX decision_notices_journey_cps_key ON decision_notices (journey_id, cps_decision_id) WHERE cps_decision_id IS NOT NULL`);
    await db.query(`CREATE INDEX decision_notices_police_decision_idx ON decision_notices (police_decision_id) WHERE police_decision_id IS NOT NULL`);
    await db.query(`CREATE INDEX decision_notices_cps_decision_idx ON decision_notices (cps_decision_id) WHERE cps_decision_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE vrr_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT vrr_requests_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT vrr_requests_journey_fk REFERENCES journeys (id),
        police_decision_id uuid NOT NULL CONSTRAINT vrr_requests_police_decision_fk REFERENCES police_decisions (id),
        requested_at timestamptz NOT NULL,
        -- Asked after the scheme's window (3 months from being told) closed: the police may
        -- still review in exceptional circumstances, so the request is kept and flagged.
        late boolean NOT NULL,
        window_closes_at timestamptz,
        status text NOT NULL DEFAULT 'requested' CONSTRAINT vrr_requests_status_check CHECK (status IN (${list(VRR_STATUSES)})),
        acknowledged_at timestamptz,
        decided_at timestamptz,
        outcome text CONSTRAINT vrr_requests_outcome_check CHECK (outcome IN (${list(VRR_OUTCOMES)})),
        recorded_by uuid NOT NULL CONSTRAINT vrr_requests_recorded_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT vrr_requests_decided_check CHECK ((status = 'decided') = (decided_at IS NOT NULL AND outcome IS NOT NULL)),
        CONSTRAINT vrr_requests_acknowledged_check CHECK (status <> 'acknowledged' OR acknowledged_at IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX vrr_requests_journey_decision_key ON vrr_requests (journey_id, police_decision_id)`);
    await db.query(`CREATE INDEX vrr_requests_police_decision_idx ON vrr_requests (police_decision_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE vrr_requests`);
    await db.query(`DROP TABLE decision_notices`);
    await db.query(`DROP TABLE cps_decision_defendants`);
    await db.query(`DROP TABLE police_decision_defendants`);
    await db.query(`DROP TABLE cps_decisions`);
    await db.query(`DROP TABLE police_decisions`);
    await db.query(`ALTER TABLE defendants DROP CONSTRAINT defendants_charged_at_check, DROP COLUMN charged_at, DROP COLUMN status`);
  }
}
