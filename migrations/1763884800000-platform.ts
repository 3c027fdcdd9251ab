import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The platform: areas, organisations, users and sessions, the append-only audit log, and
 * people (the first area-owned personal data).
 */
export class Platform1763884800000 implements MigrationInterface {
  name = 'Platform1763884800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE areas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT areas_code_key UNIQUE CHECK (code ~ '^[a-z][a-z0-9_-]*$'),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`INSERT INTO areas (code, name) VALUES ('cleveland', 'Cleveland'), ('durham', 'Durham')`);

    await db.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CONSTRAINT organisations_kind_check CHECK (kind IN (
          'police_force', 'victim_care_service', 'witness_care_unit', 'cps', 'court',
          'probation', 'rj_hub', 'support_provider', 'pcc_office')),
        team_email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name))`);

    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        display_name text NOT NULL,
        organisation_id uuid NOT NULL CONSTRAINT users_organisation_fk REFERENCES organisations (id),
        roles text[] NOT NULL CONSTRAINT users_roles_check CHECK (
          cardinality(roles) > 0 AND roles <@ ARRAY['caseworker', 'witness_care_officer', 'supervisor',
            'commissioner', 'admin', 'auditor', 'partner_system']::text[]),
        password_hash text,
        must_change_password boolean NOT NULL DEFAULT false,
        sessions_valid_after timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz,
        last_login_at timestamptz,
        api_key_prefix text CONSTRAINT users_api_key_prefix_key UNIQUE,
        api_key_hash text,
        supervisor_id uuid CONSTRAINT users_supervisor_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT users_credentials_check CHECK (password_hash IS NOT NULL OR api_key_hash IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);

    await db.query(`
      CREATE TABLE user_areas (
        user_id uuid NOT NULL CONSTRAINT user_areas_user_fk REFERENCES users (id) ON DELETE CASCADE,
        area_id uuid NOT NULL CONSTRAINT user_areas_area_fk REFERENCES areas (id),
        CONSTRAINT user_areas_pkey PRIMARY KEY (user_id, area_id)
      )`);

    await db.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL CONSTRAINT refresh_tokens_user_fk REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL CONSTRAINT refresh_tokens_token_hash_key UNIQUE,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);
    await db.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await db.query(`CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at)`);

    await db.query(`
      CREATE TABLE audit_log (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_user_id uuid,
        actor_role text,
        actor_organisation_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        area_id uuid,
        request_id text,
        reason text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL CONSTRAINT audit_log_hash_key UNIQUE
      )`);
    await db.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at)`);
    await db.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, at)`);
    // Append-only. The role running migrations owns the table and is the role the app uses
    // in the simple set-up, so privileges are revoked from it too, and a trigger refuses
    // UPDATE, DELETE and TRUNCATE whoever asks (short of a superuser disabling triggers).
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC`);
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM CURRENT_USER`);
    await db.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await db.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);

    await db.query(`
      CREATE TABLE people (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT people_area_fk REFERENCES areas (id),
        given_name text NOT NULL,
        family_name text NOT NULL,
        date_of_birth date,
        email text,
        phone text,
        address_line1 text,
        address_line2 text,
        town text,
        postcode text,
        preferred_contact_method text CONSTRAINT people_contact_method_check
          CHECK (preferred_contact_method IN ('phone', 'text', 'email', 'letter', 'visit')),
        preferred_contact_times text,
        safe_to_leave_messages boolean NOT NULL DEFAULT false,
        language text,
        interpreter_needed boolean NOT NULL DEFAULT false,
        communication_needs text,
        created_by uuid CONSTRAINT people_created_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX people_area_idx ON people (area_id, family_name)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE people`);
    await db.query(`DROP TABLE audit_log`);
    await db.query(`DROP FUNCTION audit_log_refuse_change()`);
    await db.query(`DROP TABLE refresh_tokens`);
    await db.query(`DROP TABLE user_areas`);
    await db.query(`DROP TABLE users`);
    await db.query(`DROP TABLE organisations`);
    await db.query(`DROP TABLE areas`);
  }
}
