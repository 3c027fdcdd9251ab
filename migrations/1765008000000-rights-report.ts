import type { MigrationInterface, QueryRunner } from 'typeorm';

// The rollup dimensions of every report (as in the reports migration; a migration is a record, so repeated here).
const ROLLUP_DIMENSIONS = `
        area_id uuid NOT NULL,
        -- The first day of the Europe/London month the figure belongs to.
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        enhanced boolean NOT NULL,
        role text NOT NULL CHECK (role IN ('victim', 'witness')),
        offence_category text NOT NULL,
        -- The journey's lead organisation (the commissioned provider leading it); null while unallocated.
        organisation_id uuid`;

const ORGANISATIONS = `'police', 'victim_care_service', 'witness_care_unit', 'cps', 'court', 'probation', 'rj_service'`;

/**
 * The rights offered report (issue 8, phase 2): rollups of what closed journeys were
 * offered (victim personal statement, restorative justice), of Victim Contact Scheme and
 * restorative justice referrals, and of complaints; and the indexes its plain queries need.
 * Derived data like the other rollups: rebuilt whole by the worker, no foreign keys.
 */
export class RightsReport1765008000000 implements MigrationInterface {
  name = 'RightsReport1765008000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE report_rights_journey_rollup (${ROLLUP_DIMENSIONS},
        closed integer NOT NULL,
        vps_offered integer NOT NULL,
        vps_made integer NOT NULL,
        rj_offered integer NOT NULL,
        rj_interested integer NOT NULL,
        -- By the outcome of the journey's latest referral to the restorative justice service.
        rj_direct_conference integer NOT NULL,
        rj_indirect_shuttle integer NOT NULL,
        rj_letter integer NOT NULL,
        rj_not_suitable integer NOT NULL,
        rj_offender_declined integer NOT NULL,
        rj_victim_withdrew integer NOT NULL,
        rj_pending integer NOT NULL
      )`);
    await db.query(`CREATE INDEX report_rights_journey_rollup_area_month_idx ON report_rights_journey_rollup (area_id, month)`);

    await db.query(`
      CREATE TABLE report_vcs_referral_rollup (${ROLLUP_DIMENSIONS},
        basis text NOT NULL CONSTRAINT report_vcs_referral_rollup_basis_check CHECK (basis IN ('eligible_victim', 'bereaved_relative', 'discretionary')),
        -- The victim's choice when probation reached them, or not yet reached.
        contact text NOT NULL CONSTRAINT report_vcs_referral_rollup_contact_check CHECK (contact IN ('joined', 'declined', 'undecided', 'not_contacted')),
        referrals integer NOT NULL
      )`);
    await db.query(`CREATE INDEX report_vcs_referral_rollup_area_month_idx ON report_vcs_referral_rollup (area_id, month)`);

    await db.query(`
      CREATE TABLE report_rj_referral_rollup (${ROLLUP_DIMENSIONS},
        outcome text NOT NULL CONSTRAINT report_rj_referral_rollup_outcome_check CHECK (outcome IN (
          'pending', 'direct_conference', 'indirect_shuttle', 'letter', 'not_suitable', 'offender_declined', 'victim_withdrew')),
        referrals integer NOT NULL
      )`);
    await db.query(`CREATE INDEX report_rj_referral_rollup_area_month_idx ON report_rj_referral_rollup (area_id, month)`);

    await db.query(`
      CREATE TABLE report_complaint_rollup (${ROLLUP_DIMENSIONS},
        against text NOT NULL CONSTRAINT report_complaint_rollup_against_check CHECK (against IN (${ORGANISATIONS})),
        acknowledged boolean NOT NULL,
        -- Null until the organisation responded.
        finding text CONSTRAINT report_complaint_rollup_finding_check CHECK (finding IN ('upheld', 'partly_upheld', 'not_upheld')),
        -- Null unless escalated.
        escalated_to text CONSTRAINT report_complaint_rollup_escalated_to_check CHECK (escalated_to IN ('next_stage', 'ombudsman')),
        complaints integer NOT NULL
      )`);
    await db.query(`CREATE INDEX report_complaint_rollup_area_month_idx ON report_complaint_rollup (area_id, month)`);

    // The plain queries take each source by area and the instant that places it in a month.
    await db.query(`CREATE INDEX vcs_referrals_area_referred_idx ON vcs_referrals (area_id, referred_at)`);
    await db.query(`CREATE INDEX rj_referrals_area_referred_idx ON rj_referrals (area_id, referred_at)`);
    await db.query(`CREATE INDEX complaints_area_received_idx ON complaints (area_id, received_at)`);
    // Whether a closed journey's statement was offered and made: one probe per journey into a
    // small index, instead of walking the journey's whole timeline (journey_events_timeline_idx).
    await db.query(`CREATE INDEX journey_events_vps_idx ON journey_events (journey_id, type) WHERE type IN ('vps.offered', 'vps.made')`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of ['journey_events_vps_idx', 'complaints_area_received_idx', 'rj_referrals_area_referred_idx', 'vcs_referrals_area_referred_idx']) {
      await db.query(`DROP INDEX ${index}`);
    }
    for (const table of ['report_complaint_rollup', 'report_rj_referral_rollup', 'report_vcs_referral_rollup', 'report_rights_journey_rollup']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
