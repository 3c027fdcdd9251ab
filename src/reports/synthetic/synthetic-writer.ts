import type { EntityManager } from 'typeorm';
import type { SyntheticRows } from './synthetic-journeys.js';

/** Each table's columns with the Postgres type their values are bound as, in the generator's row order. */
const TABLES: ReadonlyArray<{ table: keyof Omit<SyntheticRows, 'unreferenced'>; name: string; columns: ReadonlyArray<readonly [string, string]> }> = [
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
];

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
      const bound = columns.map(([, type], index) => `$${index + 1}::${type === 'text[]' || type === 'jsonb' ? 'text' : type}[]`);
      const selected = columns.map(([column, type]) => (type === 'text[]' || type === 'jsonb' ? `${column}::${type}` : column));
      await tx.query(
        `INSERT INTO ${name} (${columns.map(([column]) => column).join(', ')})
         SELECT ${selected.join(', ')} FROM unnest(${bound.join(', ')}) AS t(${columns.map(([column]) => column).join(', ')})`,
        arrays,
      );
    }
  }
}

function serialise(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
