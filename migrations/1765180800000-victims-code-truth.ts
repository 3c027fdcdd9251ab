import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, "Victims' Code truth": every deadline runs from the right moment, for the
 * right victim, under the right Code.
 *
 * - `journey_events.received_at`: the Code counts most information duties from when the
 *   duty-holder *received* the news (right 8: the witness care unit receiving a listing
 *   from the court), not from when it happened (`occurred_at`) nor from when someone keyed
 *   it (`recorded_at`). Null for the duty-holder's own acts. `reason` says why an event
 *   is on a journey other than because it happened to this victim (`late_referral`).
 * - `received_at` beside each court record whose news runs from receipt, so the court's
 *   own views say when the news arrived (an appeal has three steps, an outcome two).
 *   Existing rows keep null: their events' clocks ran from `occurred_at`, as recorded.
 * - `journeys.enhanced_bases`: why a victim is enhanced, one entry per basis
 *   (`{category, reason, source: derived|staff, recordedBy, recordedAt, confirmedBy?,
 *   confirmedAt?}`), derived from the facts or added by staff. The old columns
 *   (`enhanced_categories`, `enhanced_reason`) stay the summary the reports group by.
 * - `duties.withdrawn_by`, `duties.withdrawal_note`: a supervisor's withdrawal of a duty
 *   recorded in error names who and why; the note is free text, so it is kept on the duty
 *   row and never on the timeline or in the audit log.
 * - The rule set a duty was made under becomes a report dimension (`rule_set_version` in
 *   the duty rollups), so compliance can be split by Code once a new one commences.
 * - Data: `support.rj-offer` is right 3's (information about restorative justice), not
 *   right 4's; vc-2020.1 encoded it under right 4 by mistake and was corrected in place
 *   (libs/victims-code README, "Rules of vc-2020.1"). The timescale is unchanged, so the
 *   stored duties are re-labelled rather than re-made, so reports by right agree.
 */
export class VictimsCodeTruth1765180800000 implements MigrationInterface {
  name = 'VictimsCodeTruth1765180800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE journey_events
        ADD COLUMN received_at timestamptz,
        ADD COLUMN reason text CONSTRAINT journey_events_reason_check CHECK (reason IN ('late_referral')),
        -- News cannot arrive before it happens (a duty would run from before its cause).
        ADD CONSTRAINT journey_events_received_after_occurred_check CHECK (received_at IS NULL OR received_at >= occurred_at)`);
    // The data-quality figure (keyed late: recorded_at - received_at, by organisation) reads
    // only events with a receipt, by when they were received.
    await db.query(`CREATE INDEX journey_events_received_idx ON journey_events (area_id, received_at) WHERE received_at IS NOT NULL`);

    await db.query(`ALTER TABLE hearing_listings ADD COLUMN received_at timestamptz`);
    await db.query(`ALTER TABLE court_bail_decisions ADD COLUMN received_at timestamptz`);
    await db.query(`ALTER TABLE court_outcomes ADD COLUMN verdict_received_at timestamptz, ADD COLUMN sentence_received_at timestamptz`);
    await db.query(`
      ALTER TABLE appeals
        ADD COLUMN lodged_received_at timestamptz,
        ADD COLUMN hearing_received_at timestamptz,
        ADD COLUMN decision_received_at timestamptz`);
    await db.query(`ALTER TABLE vrr_requests ADD COLUMN received_at timestamptz`);

    await db.query(`ALTER TABLE journeys ADD COLUMN enhanced_bases jsonb NOT NULL DEFAULT '[]'::jsonb`);
    // Journeys found enhanced before bases were kept: one staff basis per category, so every
    // enhanced journey says why (the reason in words stays in enhanced_reason).
    await db.query(`
      UPDATE journeys j
         SET enhanced_bases = (
           SELECT jsonb_agg(jsonb_build_object('category', category, 'reason', 'staff_finding', 'source', 'staff',
                                               'recordedBy', j.enhanced_decided_by, 'recordedAt', j.enhanced_since))
             FROM unnest(j.enhanced_categories) AS category)
       WHERE cardinality(j.enhanced_categories) > 0`);

    await db.query(`
      ALTER TABLE duties
        ADD COLUMN withdrawn_by uuid CONSTRAINT duties_withdrawn_by_fk REFERENCES users (id),
        ADD COLUMN withdrawal_note text CONSTRAINT duties_withdrawal_note_length_check CHECK (char_length(withdrawal_note) <= 2000)`);

    await db.query(`UPDATE duties SET code_right = 3 WHERE rule_id = 'support.rj-offer' AND code_right = 4`);

    for (const table of ['report_duty_rollup', 'report_duty_rollup_daily']) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN rule_set_version text NOT NULL DEFAULT 'vc-2020.1'`);
      await db.query(`ALTER TABLE ${table} ALTER COLUMN rule_set_version DROP DEFAULT`);
    }
    // Rollups hold what the duties held when refreshed: rebuild them at the next refresh.
    await db.query(`DELETE FROM report_rollup_state`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['report_duty_rollup', 'report_duty_rollup_daily']) {
      await db.query(`ALTER TABLE ${table} DROP COLUMN rule_set_version`);
    }
    await db.query(`DELETE FROM report_rollup_state`);
    await db.query(`UPDATE duties SET code_right = 4 WHERE rule_id = 'support.rj-offer' AND code_right = 3`);
    await db.query(`ALTER TABLE duties DROP COLUMN withdrawal_note, DROP COLUMN withdrawn_by`);
    await db.query(`ALTER TABLE journeys DROP COLUMN enhanced_bases`);
    await db.query(`ALTER TABLE vrr_requests DROP COLUMN received_at`);
    await db.query(`ALTER TABLE appeals DROP COLUMN lodged_received_at, DROP COLUMN hearing_received_at, DROP COLUMN decision_received_at`);
    await db.query(`ALTER TABLE court_outcomes DROP COLUMN verdict_received_at, DROP COLUMN sentence_received_at`);
    await db.query(`ALTER TABLE court_bail_decisions DROP COLUMN received_at`);
    await db.query(`ALTER TABLE hearing_listings DROP COLUMN received_at`);
    await db.query(`DROP INDEX journey_events_received_idx`);
    await db.query(`ALTER TABLE journey_events DROP COLUMN reason, DROP COLUMN received_at`);
  }
}
