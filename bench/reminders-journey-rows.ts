/**
 * Rows for the reminder benches, written with SQL in bulk (INSERT ... SELECT over
 * generate_series): journeys with their person, crime and opening event, and open duties
 * on them. Journey i (from 1) has ids md5('bench-<kind>-<i>')::uuid, so later statements
 * can refer to it without reading anything back; areas alternate Cleveland and Durham.
 */
import type pg from 'pg';

async function areaIds(client: pg.Client): Promise<[string, string]> {
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM areas WHERE code IN ('cleveland', 'durham') ORDER BY code`);
  if (rows.length !== 2 || !rows.every((row) => /^[0-9a-f-]{36}$/.test(row.id))) throw new Error('the seeded areas are missing');
  return [rows[0].id, rows[1].id];
}

/** The area of journey number `row` (an SQL expression). */
async function areaOfJourney(client: pg.Client): Promise<(row: string) => string> {
  const [even, odd] = await areaIds(client);
  return (row) => `(CASE WHEN ${row} % 2 = 0 THEN '${even}' ELSE '${odd}' END)::uuid`;
}

/** `count` journeys referred a day before `at`, led by `leadOrganisationId` (no lead worker). */
export async function insertJourneys(client: pg.Client, count: number, at: Date, leadOrganisationId: string | null = null): Promise<void> {
  const area = (await areaOfJourney(client))('i');
  await client.query(
    `INSERT INTO people (id, area_id, given_name, family_name)
     SELECT md5('bench-person-' || i)::uuid, ${area}, 'Bench', 'Person-' || i FROM generate_series(1, $1) AS i`,
    [count],
  );
  await client.query(
    `INSERT INTO crimes (id, area_id, crime_reference, offence_category, reported_at)
     SELECT md5('bench-crime-' || i)::uuid, ${area}, 'BENCH/' || i, 'burglary', $2::timestamptz - interval '2 days'
       FROM generate_series(1, $1) AS i`,
    [count, at],
  );
  await client.query(
    `INSERT INTO journeys (id, area_id, reference, person_id, crime_id, role, stage, referral_consent, referred_at, last_event_at, lead_organisation_id)
     SELECT md5('bench-journey-' || i)::uuid, ${area}, 'VJ-BENCH-' || i, md5('bench-person-' || i)::uuid, md5('bench-crime-' || i)::uuid,
            'victim', 'referred', 'automatic', $2::timestamptz - interval '1 day', $2::timestamptz - interval '1 day', $3::uuid
       FROM generate_series(1, $1) AS i`,
    [count, at, leadOrganisationId],
  );
  await client.query(
    `INSERT INTO journey_events (id, journey_id, area_id, type, occurred_at, recorded_at, payload)
     SELECT md5('bench-event-' || i)::uuid, md5('bench-journey-' || i)::uuid, ${area}, 'referral.received',
            $2::timestamptz - interval '1 day', $2::timestamptz - interval '1 day', '{}'::jsonb
       FROM generate_series(1, $1) AS i`,
    [count, at],
  );
}

/**
 * `count` open first-contact duties, duty n (from 0) on journey n / perJourney + 1 (with key
 * `<keyPrefix>-<n>`), due at `dueAtSql`: an SQL expression of `n` and the parameter $2.
 * `status` and `metAtSql` make history (met duties) the same way.
 */
export async function insertDuties(
  client: pg.Client,
  options: { count: number; perJourney: number; keyPrefix: string; dueAtSql: string; dueParam: unknown; status?: 'open' | 'met'; journeys?: number },
): Promise<void> {
  const area = (await areaOfJourney(client))('j');
  // History spreads over the journeys there are; open duties fill journeys perJourney at a time.
  const journey = options.journeys ? `n % ${options.journeys} + 1` : `n / ${options.perJourney} + 1`;
  const status = options.status ?? 'open';
  await client.query(
    `INSERT INTO duties (journey_id, area_id, key, rule_id, rule_set_version, code_right, owner, subject, opened_at,
                         opened_by_event_id, due_at, enhanced, status, met_at)
     SELECT md5('bench-journey-' || j)::uuid, ${area}, '${options.keyPrefix}-' || n, 'support.first-contact', 'vc-2020.1', 4,
            'victim_care_service', '{}'::jsonb, due - interval '3 days', md5('bench-event-' || j)::uuid, due, false, '${status}',
            ${status === 'met' ? `due - interval '1 day'` : 'NULL'}
       FROM generate_series(0, $1 - 1) AS n,
            LATERAL (SELECT ${journey} AS j, ${options.dueAtSql} AS due) AS slot`,
    [options.count, options.dueParam],
  );
}
