import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After the outcome: restorative justice offers and referrals to the RJ hub, referrals to
 * probation's Victim Contact Scheme, complaints, and witness expense claims. Victim
 * personal statements, compensation information and property returns are facts on the
 * timeline (journey_events) and need no table. Free text is kept to a complaint's short
 * summary; the statement and the complaint themselves stay with the victim and the
 * organisation.
 */
export class AfterOutcome1764662400000 implements MigrationInterface {
  name = 'AfterOutcome1764662400000';

  async up(db: QueryRunner): Promise<void> {
    const organisations = `'police', 'victim_care_service', 'witness_care_unit', 'cps', 'court', 'probation', 'rj_service'`;

    await db.query(`
      CREATE TABLE rj_offers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT rj_offers_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT rj_offers_journey_fk REFERENCES journeys (id),
        event_id uuid NOT NULL CONSTRAINT rj_offers_event_fk REFERENCES journey_events (id),
        stage text NOT NULL CONSTRAINT rj_offers_stage_check CHECK (stage IN ('pre_charge', 'pre_sentence', 'post_sentence')),
        offered_at timestamptz NOT NULL,
        offered_by text NOT NULL CONSTRAINT rj_offers_offered_by_check CHECK (offered_by IN (${organisations})),
        response text NOT NULL CONSTRAINT rj_offers_response_check CHECK (response IN ('interested', 'not_now', 'declined')),
        created_by uuid NOT NULL CONSTRAINT rj_offers_created_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX rj_offers_journey_idx ON rj_offers (journey_id, offered_at)`);

    await db.query(`
      CREATE TABLE rj_referrals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT rj_referrals_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT rj_referrals_journey_fk REFERENCES journeys (id),
        rj_offer_id uuid NOT NULL CONSTRAINT rj_referrals_offer_fk REFERENCES rj_offers (id),
        provider text,
        consent_recorded_at timestamptz NOT NULL,
        referred_at timestamptz NOT NULL,
        outcome text NOT NULL CONSTRAINT rj_referrals_outcome_check CHECK (outcome IN (
          'pending', 'direct_conference', 'indirect_shuttle', 'letter', 'not_suitable', 'offender_declined', 'victim_withdrew')),
        outcome_at timestamptz,
        created_by uuid NOT NULL CONSTRAINT rj_referrals_created_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT rj_referrals_consent_first_check CHECK (consent_recorded_at <= referred_at),
        CONSTRAINT rj_referrals_outcome_at_check CHECK ((outcome = 'pending') = (outcome_at IS NULL))
      )`);
    await db.query(`CREATE INDEX rj_referrals_journey_idx ON rj_referrals (journey_id)`);
    // One referral with the hub at a time: a second while the first is pending is a mistake.
    await db.query(`CREATE UNIQUE INDEX rj_referrals_one_pending_idx ON rj_referrals (journey_id) WHERE outcome = 'pending'`);

    await db.query(`
      CREATE TABLE vcs_referrals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT vcs_referrals_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT vcs_referrals_journey_fk REFERENCES journeys (id),
        outcome_id text NOT NULL,
        sentence_event_id uuid NOT NULL CONSTRAINT vcs_referrals_sentence_event_fk REFERENCES journey_events (id),
        basis text NOT NULL CONSTRAINT vcs_referrals_basis_check CHECK (basis IN ('eligible_victim', 'bereaved_relative', 'discretionary')),
        referred_at timestamptz NOT NULL,
        status text NOT NULL CONSTRAINT vcs_referrals_status_check CHECK (status IN ('referred', 'contacted')),
        contacted_at timestamptz,
        victim_choice text CONSTRAINT vcs_referrals_victim_choice_check CHECK (victim_choice IN ('joined', 'declined', 'undecided')),
        created_by uuid NOT NULL CONSTRAINT vcs_referrals_created_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT vcs_referrals_contact_check CHECK ((status = 'contacted') = (contacted_at IS NOT NULL AND victim_choice IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX vcs_referrals_outcome_idx ON vcs_referrals (journey_id, outcome_id)`);

    await db.query(`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT complaints_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT complaints_journey_fk REFERENCES journeys (id),
        against text NOT NULL CONSTRAINT complaints_against_check CHECK (against IN (${organisations})),
        received_at timestamptz NOT NULL,
        received_via text CONSTRAINT complaints_received_via_check CHECK (received_via IN ('phone', 'letter', 'email', 'in_person', 'text', 'online')),
        rights_concerned smallint[] NOT NULL DEFAULT '{}',
        summary text CONSTRAINT complaints_summary_length_check CHECK (char_length(summary) <= 500),
        status text NOT NULL CONSTRAINT complaints_status_check CHECK (status IN ('received', 'acknowledged', 'responded', 'escalated')),
        acknowledged_at timestamptz,
        responded_at timestamptz,
        finding text CONSTRAINT complaints_finding_check CHECK (finding IN ('upheld', 'partly_upheld', 'not_upheld')),
        escalated_to text CONSTRAINT complaints_escalated_to_check CHECK (escalated_to IN ('next_stage', 'ombudsman')),
        escalated_at timestamptz,
        created_by uuid NOT NULL CONSTRAINT complaints_created_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT complaints_rights_check CHECK (rights_concerned <@ ARRAY[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]::smallint[]),
        CONSTRAINT complaints_response_check CHECK ((responded_at IS NULL) = (finding IS NULL)),
        CONSTRAINT complaints_escalation_check CHECK ((escalated_at IS NULL) = (escalated_to IS NULL))
      )`);
    await db.query(`CREATE INDEX complaints_journey_idx ON complaints (journey_id, received_at)`);
    await db.query(`CREATE INDEX complaints_open_idx ON complaints (area_id, against) WHERE status IN ('received', 'acknowledged')`);

    await db.query(`
      CREATE TABLE expense_claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT expense_claims_area_fk REFERENCES areas (id),
        journey_id uuid NOT NULL CONSTRAINT expense_claims_journey_fk REFERENCES journeys (id),
        received_at timestamptz NOT NULL,
        amount_claimed_pence integer CONSTRAINT expense_claims_amount_claimed_check CHECK (amount_claimed_pence >= 0),
        status text NOT NULL CONSTRAINT expense_claims_status_check CHECK (status IN ('received', 'paid', 'refused')),
        decided_at timestamptz,
        amount_paid_pence integer CONSTRAINT expense_claims_amount_paid_check CHECK (amount_paid_pence >= 0),
        refusal_reason text CONSTRAINT expense_claims_refusal_reason_check CHECK (refusal_reason IN ('out_of_time', 'not_eligible', 'no_evidence', 'other')),
        created_by uuid NOT NULL CONSTRAINT expense_claims_created_by_fk REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT expense_claims_decision_check CHECK (
          (status = 'received' AND decided_at IS NULL AND amount_paid_pence IS NULL AND refusal_reason IS NULL)
          OR (status = 'paid' AND decided_at IS NOT NULL AND amount_paid_pence IS NOT NULL AND refusal_reason IS NULL)
          OR (status = 'refused' AND decided_at IS NOT NULL AND amount_paid_pence IS NULL AND refusal_reason IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX expense_claims_journey_idx ON expense_claims (journey_id, received_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['expense_claims', 'complaints', 'vcs_referrals', 'rj_referrals', 'rj_offers']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
