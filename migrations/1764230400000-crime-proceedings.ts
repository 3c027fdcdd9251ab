import type { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

// Repeated here rather than imported: a migration is a record of the schema as it was.
const COURT_KINDS = ['magistrates', 'crown'];
const HEARING_TYPES = ['first_hearing', 'plea_and_trial_preparation', 'trial', 'sentencing', 'mention', 'appeal'];
const HEARING_STATUSES = ['listed', 'adjourned', 'vacated', 'heard'];

/**
 * What happens on a crime after it is reported, shared by every journey on it: the
 * courts of each area, the defendants, and the hearings the court lists. Investigation
 * decisions, outcomes and witness care build on these tables in their own migrations.
 */
export class CrimeProceedings1764230400000 implements MigrationInterface {
  name = 'CrimeProceedings1764230400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE courts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT courts_area_fk REFERENCES areas (id),
        code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9-]*$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CONSTRAINT courts_kind_check CHECK (kind IN (${list(COURT_KINDS)})),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE UNIQUE INDEX courts_area_code_key ON courts (area_id, code)`);
    // The court list of the two areas the service starts in; others are added as areas join.
    await db.query(`
      INSERT INTO courts (area_id, code, name, kind)
      SELECT a.id, c.code, c.name, c.kind
        FROM (VALUES
          ('cleveland', 'teesside-magistrates', 'Teesside Magistrates'' Court', 'magistrates'),
          ('cleveland', 'teesside-crown', 'Teesside Crown Court', 'crown'),
          ('durham', 'newton-aycliffe-magistrates', 'Newton Aycliffe Magistrates'' Court', 'magistrates'),
          ('durham', 'durham-crown', 'Durham Crown Court', 'crown')
        ) AS c (area_code, code, name, kind)
        JOIN areas a ON a.code = c.area_code`);

    // Pseudonymous defendant ids (DEF-000123) let reports and the timeline name a defendant without a name.
    await db.query(`CREATE SEQUENCE defendant_reference_seq`);
    await db.query(`
      CREATE TABLE defendants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT defendants_area_fk REFERENCES areas (id),
        crime_id uuid NOT NULL CONSTRAINT defendants_crime_fk REFERENCES crimes (id),
        reference text NOT NULL CONSTRAINT defendants_reference_key UNIQUE
          DEFAULT 'DEF-' || lpad(nextval('defendant_reference_seq')::text, 6, '0'),
        given_name text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
        family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
        date_of_birth date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX defendants_crime_idx ON defendants (crime_id)`);

    await db.query(`
      CREATE TABLE hearings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT hearings_area_fk REFERENCES areas (id),
        crime_id uuid NOT NULL CONSTRAINT hearings_crime_fk REFERENCES crimes (id),
        court_id uuid NOT NULL CONSTRAINT hearings_court_fk REFERENCES courts (id),
        type text NOT NULL CONSTRAINT hearings_type_check CHECK (type IN (${list(HEARING_TYPES)})),
        listed_for timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'listed' CONSTRAINT hearings_status_check CHECK (status IN (${list(HEARING_STATUSES)})),
        -- The Code's "hearing version": up by one each time the court lists, moves, adjourns
        -- or vacates it, so telling a witness of version 2 never meets the duty of version 3.
        listing_version integer NOT NULL DEFAULT 1 CHECK (listing_version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX hearings_crime_idx ON hearings (crime_id)`);
    // The witness care officer's queue: hearings in the next working days, per area.
    await db.query(`CREATE INDEX hearings_area_listed_for_idx ON hearings (area_id, listed_for) WHERE status = 'listed'`);

    await db.query(`
      CREATE TABLE hearing_defendants (
        hearing_id uuid NOT NULL CONSTRAINT hearing_defendants_hearing_fk REFERENCES hearings (id) ON DELETE CASCADE,
        defendant_id uuid NOT NULL CONSTRAINT hearing_defendants_defendant_fk REFERENCES defendants (id),
        CONSTRAINT hearing_defendants_pkey PRIMARY KEY (hearing_id, defendant_id)
      )`);
    await db.query(`CREATE INDEX hearing_defendants_defendant_idx ON hearing_defendants (defendant_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE hearing_defendants`);
    await db.query(`DROP TABLE hearings`);
    await db.query(`DROP TABLE defendants`);
    await db.query(`DROP SEQUENCE defendant_reference_seq`);
    await db.query(`DROP TABLE courts`);
  }
}
