import type { EntityManager } from 'typeorm';
import type { SyntheticRows } from './synthetic-journeys.js';

/** Each table's columns with the Postgres type their values are bound as, in the generator's row order. */
const TABLES: ReadonlyArray<{ table: keyof Omit<SyntheticRows, 'unreferenced' | 'unreferencedDefendants'>; name: string; columns: ReadonlyArray<readonly [string, string]> }> = [
  { table: 'people', name: 'people', columns: [['id', 'uuid'], ['area_id', 'uuid'], ['given_name', 'text'], ['family_name', 'text'], ['date_of_birth', 'date'], ['preferred_contact_method', 'text'], ['vulnerability_flags', 'text[]'], ['created_by', 'uuid'], ['created_at', 'timestamptz']] },
  { table: 'crimes', name: 'crimes', columns: [['id', 'uuid'], ['area_id', 'uuid'], ['crime_reference', 'text'], ['police_force_id', 'uuid'], ['offence_category', 'text'], ['offence_date', 'date'], ['reported_at', 'timestamptz'], ['created_at', 'timestamptz']] },
  {
    table: 'journeys',
    name: 'journeys',
    columns: [
      ['id', 'uuid'], ['area_id', 'uuid'], ['reference', 'text'], ['person_id', 'uuid'], ['crime_id', 'uuid'], ['role', 'text'], ['stage', 'text'],
      ['lead_worker_id', 'uuid'], ['lead_organisation_id', 'uuid'], ['referral_consent', 'text'], ['enhanced_categories', 'text[]'],
      ['enhanced_decided_by', 'uuid'], ['enhanced_since', 'timestamptz'], ['opted_out_of', 'text[]'], ['unsuccessful_contact_attempts', 'integer'],
      ['first_contacted_at', 'timestamptz'], ['unable_to_contact_at', 'timestamptz'], ['support_started_at', 'timestamptz'], ['closed_at', 'timestamptz'],
      ['closure_reason', 'text'], ['satisfaction_score', 'smallint'], ['satisfaction_declined', 'boolean'], ['referred_at', 'timestamptz'],
      ['last_event_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['version', 'integer'],
    ],
  },
  { table: 'referrals', name: 'referrals', columns: [['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['outcome', 'text'], ['channel', 'text'], ['referred_by_organisation_id', 'uuid'], ['received_by', 'uuid'], ['received_at', 'timestamptz'], ['consent_basis', 'text'], ['created_at', 'timestamptz']] },
  { table: 'events', name: 'journey_events', columns: [['id', 'uuid'], ['journey_id', 'uuid'], ['area_id', 'uuid'], ['type', 'text'], ['occurred_at', 'timestamptz'], ['recorded_at', 'timestamptz'], ['actor_user_id', 'uuid'], ['payload', 'jsonb']] },
  {
    table: 'duties',
    name: 'duties',
    columns: [
      ['id', 'uuid'], ['journey_id', 'uuid'], ['area_id', 'uuid'], ['key', 'text'], ['rule_id', 'text'], ['rule_set_version', 'text'], ['code_right', 'smallint'],
      ['owner', 'text'], ['subject', 'jsonb'], ['opened_at', 'timestamptz'], ['opened_by_event_id', 'uuid'], ['due_at', 'timestamptz'], ['enhanced', 'boolean'],
      ['status', 'text'], ['met_at', 'timestamptz'], ['discharged_by_event_id', 'uuid'], ['working_days_late', 'integer'], ['withdrawn_reason', 'text'],
      ['withdrawn_at', 'timestamptz'], ['breach_recorded_at', 'timestamptz'], ['created_at', 'timestamptz'],
    ],
  },
  { table: 'contactAttempts', name: 'contact_attempts', columns: [['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['method', 'text'], ['outcome', 'text'], ['attempted_at', 'timestamptz'], ['next_attempt_at', 'timestamptz'], ['notes', 'text'], ['recorded_by', 'uuid'], ['created_at', 'timestamptz']] },
  { table: 'needsAssessments', name: 'needs_assessments', columns: [['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['completed_at', 'timestamptz'], ['assessed_by', 'uuid'], ['decision', 'text'], ['signposted_to', 'text'], ['notes', 'text'], ['created_at', 'timestamptz']] },
  { table: 'assessedNeeds', name: 'assessed_needs', columns: [['assessment_id', 'uuid'], ['area_id', 'uuid'], ['need_area', 'text'], ['level', 'text']] },
  { table: 'measures', name: 'cope_recover_measures', columns: [['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['point', 'text'], ['framework_version', 'text'], ['answers', 'jsonb'], ['missing_reason', 'text'], ['taken_at', 'timestamptz'], ['recorded_by', 'uuid'], ['superseded_at', 'timestamptz'], ['created_at', 'timestamptz']] },
  { table: 'defendants', name: 'defendants', columns: [['id', 'uuid'], ['area_id', 'uuid'], ['crime_id', 'uuid'], ['given_name', 'text'], ['family_name', 'text'], ['date_of_birth', 'date'], ['status', 'text'], ['charged_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['reference', 'text']] },
  { table: 'policeDecisions', name: 'police_decisions', columns: [['id', 'uuid'], ['area_id', 'uuid'], ['crime_id', 'uuid'], ['kind', 'text'], ['decided_at', 'timestamptz'], ['recorded_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']] },
  { table: 'policeDecisionDefendants', name: 'police_decision_defendants', columns: [['decision_id', 'uuid'], ['defendant_id', 'uuid']] },
  {
    table: 'decisionNotices',
    name: 'decision_notices',
    columns: [['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['police_decision_id', 'uuid'], ['cps_decision_id', 'uuid'], ['informed_at', 'timestamptz'], ['method', 'text'], ['event_id', 'uuid'], ['recorded_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
  },
  {
    table: 'hearings',
    name: 'hearings',
    columns: [
      ['id', 'uuid'], ['area_id', 'uuid'], ['crime_id', 'uuid'], ['court_id', 'uuid'], ['type', 'text'], ['listed_for', 'timestamptz'], ['status', 'text'], ['listing_version', 'integer'],
      ['adjourned_at', 'timestamptz'], ['adjournment_reason', 'text'], ['vacated_at', 'timestamptz'], ['vacation_reason', 'text'], ['heard_at', 'timestamptz'], ['effectiveness', 'text'],
      ['effectiveness_reason', 'text'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['version', 'integer'],
    ],
  },
  {
    table: 'hearingListings',
    name: 'hearing_listings',
    columns: [['hearing_id', 'uuid'], ['listing_version', 'integer'], ['change', 'text'], ['status', 'text'], ['court_id', 'uuid'], ['listed_for', 'timestamptz'], ['reason', 'text'], ['occurred_at', 'timestamptz'], ['recorded_by', 'uuid'], ['recorded_at', 'timestamptz']],
  },
  { table: 'hearingDefendants', name: 'hearing_defendants', columns: [['hearing_id', 'uuid'], ['defendant_id', 'uuid']] },
  { table: 'hearingPleas', name: 'hearing_pleas', columns: [['hearing_id', 'uuid'], ['defendant_id', 'uuid'], ['plea', 'text'], ['recorded_at', 'timestamptz']] },
  {
    table: 'courtOutcomes',
    name: 'court_outcomes',
    columns: [
      ['id', 'uuid'], ['area_id', 'uuid'], ['crime_id', 'uuid'], ['defendant_id', 'uuid'], ['hearing_id', 'uuid'], ['verdict', 'text'], ['verdict_at', 'timestamptz'], ['sentenced_at', 'timestamptz'],
      ['disposal', 'text'], ['custodial_months', 'integer'], ['offence_violent_or_sexual', 'boolean'], ['recorded_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['version', 'integer'],
    ],
  },
  {
    table: 'courtInformings',
    name: 'court_informings',
    columns: [['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['subject', 'text'], ['subject_id', 'uuid'], ['hearing_version', 'integer'], ['stage', 'text'], ['informed_at', 'timestamptz'], ['method', 'text'], ['event_id', 'uuid'], ['recorded_by', 'uuid'], ['created_at', 'timestamptz']],
  },
  {
    table: 'witnessCareCases',
    name: 'witness_care_cases',
    columns: [
      ['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['opened_at', 'timestamptz'], ['opened_by', 'uuid'], ['giving_evidence', 'boolean'], ['officer_id', 'uuid'], ['pre_trial_visit_status', 'text'],
      ['pre_trial_visit_offered_at', 'timestamptz'], ['pre_trial_visit_taken_at', 'timestamptz'], ['pre_trial_visit_declined_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['version', 'integer'],
    ],
  },
  { table: 'witnessNeedsAssessments', name: 'witness_needs_assessments', columns: [['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['case_id', 'uuid'], ['assessed_at', 'timestamptz'], ['assessed_by', 'uuid'], ['created_at', 'timestamptz']] },
  { table: 'witnessNeeds', name: 'witness_needs', columns: [['assessment_id', 'uuid'], ['area', 'text'], ['needed', 'boolean'], ['level', 'text'], ['action', 'text']] },
  {
    table: 'specialMeasures',
    name: 'special_measures',
    columns: [
      ['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['hearing_id', 'uuid'], ['measure', 'text'], ['status', 'text'], ['requested_at', 'timestamptz'], ['applied_for_at', 'timestamptz'],
      ['decided_at', 'timestamptz'], ['refusal_reason', 'text'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['version', 'integer'],
    ],
  },
  {
    table: 'witnessWarnings',
    name: 'witness_warnings',
    columns: [['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['hearing_id', 'uuid'], ['listing_version', 'integer'], ['warned_at', 'timestamptz'], ['method', 'text'], ['warned_by', 'uuid'], ['created_at', 'timestamptz']],
  },
  {
    table: 'witnessAttendances',
    name: 'witness_attendances',
    columns: [
      ['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['hearing_id', 'uuid'], ['outcome', 'text'], ['reason', 'text'], ['recorded_by', 'uuid'], ['follow_up_status', 'text'],
      ['follow_up_resolved_at', 'timestamptz'], ['follow_up_note', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['version', 'integer'],
    ],
  },
  {
    table: 'rjOffers',
    name: 'rj_offers',
    columns: [['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['event_id', 'uuid'], ['stage', 'text'], ['offered_at', 'timestamptz'], ['offered_by', 'text'], ['response', 'text'], ['created_by', 'uuid'], ['created_at', 'timestamptz']],
  },
  {
    table: 'rjReferrals',
    name: 'rj_referrals',
    columns: [
      ['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['rj_offer_id', 'uuid'], ['provider', 'text'], ['consent_recorded_at', 'timestamptz'], ['referred_at', 'timestamptz'], ['outcome', 'text'],
      ['outcome_at', 'timestamptz'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['version', 'integer'],
    ],
  },
  {
    table: 'vcsReferrals',
    name: 'vcs_referrals',
    columns: [
      ['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['outcome_id', 'text'], ['sentence_event_id', 'uuid'], ['basis', 'text'], ['referred_at', 'timestamptz'], ['status', 'text'],
      ['contacted_at', 'timestamptz'], ['victim_choice', 'text'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['version', 'integer'],
    ],
  },
  {
    table: 'complaints',
    name: 'complaints',
    columns: [
      ['id', 'uuid'], ['area_id', 'uuid'], ['journey_id', 'uuid'], ['against', 'text'], ['received_at', 'timestamptz'], ['received_via', 'text'], ['rights_concerned', 'smallint[]'], ['summary', 'text'],
      ['status', 'text'], ['acknowledged_at', 'timestamptz'], ['responded_at', 'timestamptz'], ['finding', 'text'], ['escalated_to', 'text'], ['escalated_at', 'timestamptz'], ['created_by', 'uuid'],
      ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['version', 'integer'],
    ],
  },
];

/** Types that travel as text and are cast per row (an array of arrays would have to be rectangular). */
const TEXT_BOUND: ReadonlySet<string> = new Set(['text[]', 'smallint[]', 'jsonb']);

/** Every table the generator writes, for ANALYZE after a run. */
export const SYNTHETIC_TABLES: readonly string[] = TABLES.map(({ name }) => name);

/** Rows per statement: each column is one array parameter, so the limit is memory, not bind parameters. */
const CHUNK = 20_000;

/**
 * Writes a batch of synthetic rows in dependency order. The generator writes tens of
 * millions of rows, so each chunk is one INSERT ... SELECT FROM unnest(one array per
 * column) rather than insertRows' bind parameter per value; arrays and jsonb travel as
 * text and are cast per row.
 */
export async function writeSyntheticRows(tx: EntityManager, rows: SyntheticRows): Promise<void> {
  for (const { table, name, columns } of TABLES) {
    const all = rows[table];
    for (let start = 0; start < all.length; start += CHUNK) {
      const chunk = all.slice(start, start + CHUNK);
      const arrays = columns.map((_, index) => chunk.map((row) => serialise(row[index])));
      const bound = columns.map(([, type], index) => `$${index + 1}::${TEXT_BOUND.has(type) ? 'text' : type}[]`);
      const selected = columns.map(([column, type]) => (TEXT_BOUND.has(type) ? `${column}::${type}` : column));
      await tx.query(
        `INSERT INTO ${name} (${columns.map(([column]) => column).join(', ')})
         SELECT ${selected.join(', ')} FROM unnest(${bound.join(', ')}) AS t(${columns.map(([column]) => column).join(', ')})`,
        arrays,
      );
    }
  }
}

function serialise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  // Event payloads stay objects until written: a defendant's reference is filled in with the batch.
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}
