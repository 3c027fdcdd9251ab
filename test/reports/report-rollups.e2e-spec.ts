import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CR_1, scoreChange } from '../../libs/cope-recover/src/index.js';
import { type CodeEvent, evaluateDuties } from '../../libs/victims-code/src/index.js';
import { isCodeEventType } from '../../src/journeys/journey-events.js';
import { overallChangeSql, overallImprovedSql } from '../../src/reports/facts/cope-recover-sql.js';
import { ReportsService } from '../../src/reports/reports.service.js';
import { ReportRollups } from '../../src/reports/rollups/report-rollups.service.js';
import { SyntheticSeeder } from '../../src/reports/synthetic/synthetic-seeder.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker } from '../support/test-worker.js';
import { actorOf } from './report-journey.builder.js';

const NOW = new Date('2026-07-01T09:00:00Z');
const JOURNEYS = 600;

/**
 * The rollups against the plain queries, and the synthetic data against the domain, on a
 * year of generated journeys: the bulk generator must write what the commands would, and a
 * rollup must give exactly what the plain query gives.
 */
describe('report rollups and synthetic data', () => {
  let t: TestApp;
  let commissioner: SignedInUser;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { REPORTS_SUPPRESSION_THRESHOLD: '1' } });
    commissioner = await new Fixtures(t).signedIn(['commissioner'], ['cleveland', 'durham']);
    await new SyntheticSeeder(t.dataSource, t.clock).seed({ journeys: JOURNEYS, seed: 7, now: NOW, batch: 250 });
  }, 120_000);
  afterAll(() => t.close());

  describe('the synthetic data', () => {
    it('stores for each journey exactly the duties the Victims’ Code engine gives for its events', async () => {
      const events: Array<{ id: string; journey_id: string; type: string; occurred_at: Date; payload: object }> = await t.dataSource.query(
        `SELECT id, journey_id, type, occurred_at, payload FROM journey_events ORDER BY seq`,
      );
      const duties: Array<Record<string, unknown>> = await t.dataSource.query(
        `SELECT journey_id, key, status, due_at, met_at, working_days_late, withdrawn_reason, enhanced, breach_recorded_at FROM duties ORDER BY journey_id, key`,
      );
      const byJourney = new Map<string, CodeEvent[]>();
      for (const event of events) {
        if (!isCodeEventType(event.type)) continue;
        byJourney.set(event.journey_id, [...(byJourney.get(event.journey_id) ?? []), { id: event.id, type: event.type, occurredAt: new Date(event.occurred_at), payload: event.payload } as CodeEvent]);
      }
      expect(byJourney.size).toBe(JOURNEYS);
      const expected = [...byJourney].flatMap(([journeyId, codeEvents]) =>
        evaluateDuties({ events: codeEvents, at: NOW }).duties.map((duty) => ({
          journey_id: journeyId,
          key: duty.key,
          status: duty.status,
          due_at: duty.dueAt,
          met_at: duty.metAt,
          working_days_late: duty.workingDaysLate,
          withdrawn_reason: duty.withdrawnReason,
          enhanced: duty.enhanced,
        })),
      );
      const stored = duties.map(({ breach_recorded_at: _recorded, ...duty }) => duty);
      const order = (a: Record<string, unknown>, b: Record<string, unknown>) => `${a.journey_id}${a.key}`.localeCompare(`${b.journey_id}${b.key}`);
      expect(stored.sort(order)).toEqual(expected.sort(order));
      // A variety of statuses and rules, as a year of work has.
      expect(new Set(duties.map((duty) => duty.status))).toEqual(new Set(['met', 'met_late', 'breached', 'open', 'withdrawn']));
      // Every missed deadline is on the timeline, as the reminders worker records it.
      const breaches = duties.filter((duty) => duty.status === 'breached' || duty.status === 'met_late');
      expect(breaches.every((duty) => duty.breach_recorded_at !== null)).toBe(true);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM journey_events WHERE type = 'duty.breached'`);
      expect(count).toBe(breaches.length);
    });

    it('keeps each journey’s columns in step with its timeline', async () => {
      const mismatches = await t.dataSource.query(`
        SELECT j.id FROM journeys j
         WHERE j.referred_at IS DISTINCT FROM (SELECT occurred_at FROM journey_events e WHERE e.journey_id = j.id AND e.type = 'referral.received')
            OR j.first_contacted_at IS DISTINCT FROM (SELECT occurred_at FROM journey_events e WHERE e.journey_id = j.id AND e.type = 'contact.succeeded')
            OR j.unable_to_contact_at IS DISTINCT FROM (SELECT occurred_at FROM journey_events e WHERE e.journey_id = j.id AND e.type = 'contact.unable-to-contact')
            OR j.closed_at IS DISTINCT FROM (SELECT occurred_at FROM journey_events e WHERE e.journey_id = j.id AND e.type = 'journey.closed')
            OR (j.support_started_at IS NOT NULL) <> EXISTS (SELECT 1 FROM needs_assessments n WHERE n.journey_id = j.id AND n.decision = 'accepted')
            OR (j.support_started_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journey_events e WHERE e.journey_id = j.id AND e.type = 'support.accepted'))
            OR j.unsuccessful_contact_attempts <> (SELECT count(*) FROM contact_attempts a WHERE a.journey_id = j.id AND a.outcome <> 'contacted')
            OR (j.stage = 'closed') <> (j.closed_at IS NOT NULL)
            OR (j.stage = 'in_support') <> (j.support_started_at IS NOT NULL AND j.closed_at IS NULL)
            OR (j.closed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cope_recover_measures m WHERE m.journey_id = j.id AND m.point = 'end'))
            OR EXISTS (SELECT 1 FROM journey_events e WHERE e.journey_id = j.id AND j.closed_at IS NOT NULL AND e.occurred_at > j.closed_at
                         AND e.type <> 'duty.breached')`);
      expect(mismatches).toEqual([]);
      const [mix] = await t.dataSource.query(`
        SELECT count(DISTINCT c.offence_category)::int AS offences, count(*) FILTER (WHERE cardinality(j.enhanced_categories) > 0)::int AS enhanced,
               count(*) FILTER (WHERE j.role = 'witness')::int AS witnesses, count(DISTINCT j.lead_organisation_id)::int AS organisations,
               count(*) FILTER (WHERE j.stage = 'closed')::int AS closed
          FROM journeys j JOIN crimes c ON c.id = j.crime_id`);
      expect(mix.offences).toBeGreaterThan(10);
      expect(mix.enhanced).toBeGreaterThan(JOURNEYS * 0.1);
      expect(mix.witnesses).toBeGreaterThan(0);
      expect(mix.organisations).toBe(4);
      expect(mix.closed).toBeGreaterThan(JOURNEYS * 0.5);
      const names: Array<{ given_name: string }> = await t.dataSource.query(`SELECT DISTINCT given_name FROM people`);
      expect(names).toEqual([{ given_name: 'Synthetic' }]);
    });
  });

  describe('the rollups', () => {
    it('give exactly the plain queries’ figures for every report, whatever the filters', async () => {
      const refreshed = await t.app.get(ReportRollups).refresh();
      expect(refreshed).toEqual(expect.objectContaining({ refreshed: true, asAt: NOW }));
      const reports = t.app.get(ReportsService);
      const actor = actorOf(commissioner);
      const [organisation] = await t.dataSource.query(`SELECT id FROM organisations WHERE name LIKE 'Synthetic specialist%' LIMIT 1`);
      const year = { from: '2025-07-01', to: '2026-06-30' };
      const queries = [
        { ...year, groupBy: 'month' as const },
        { ...year, groupBy: 'quarter' as const, enhanced: true },
        { ...year, groupBy: 'quarter' as const, enhanced: false, role: 'victim' as const },
        { ...year, groupBy: 'month' as const, role: 'witness' as const },
        { ...year, groupBy: 'quarter' as const, offenceCategory: 'domestic_abuse' as const, organisationId: organisation.id },
        { from: '2026-04-01', to: '2026-06-30', groupBy: 'month' as const, areaId: await new Fixtures(t).areaId('durham') },
      ];
      // Part months at the ends: the whole months from the rollup, the ends from the tables.
      const partMonths = [
        { from: '2025-07-17', to: '2026-06-12', groupBy: 'quarter' as const },
        { from: '2026-01-09', to: '2026-04-30', groupBy: 'month' as const, enhanced: true, role: 'victim' as const },
      ];
      let compared = 0;
      for (const query of queries) {
        const runs = [
          (source: 'rollup' | 'live') => reports.codeCompliance(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.referralTimeliness(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.outcomes(actor, query, 'json', source),
        ];
        for (const run of runs) {
          const { source: fromRollup, ...rollup } = await run('rollup');
          const { source: fromTables, ...live } = await run('live');
          expect([fromRollup, fromTables]).toEqual(['rollup', 'live']);
          expect(rollup).toEqual(live);
          compared += 1;
        }
      }
      for (const quarter of [1, 2, 3, 4]) {
        const query = { financialYear: '2025-26', quarter };
        const { source: _rollup, ...rollup } = await reports.quarterlyReturn(actor, query, 'json', 'rollup');
        const { source: _live, ...live } = await reports.quarterlyReturn(actor, query, 'json', 'live');
        expect(rollup).toEqual(live);
      }
      for (const query of partMonths) {
        for (const run of [
          (source: 'rollup' | 'live') => reports.codeCompliance(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.referralTimeliness(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.outcomes(actor, query, 'json', source),
        ]) {
          const { source: fromBoth, ...mixed } = await run('rollup');
          const { source: fromTables, ...live } = await run('live');
          expect([fromBoth, fromTables]).toEqual(['mixed', 'live']);
          expect(mixed).toEqual(live);
          compared += 1;
        }
      }
      expect(compared).toBe((queries.length + partMonths.length) * 3);
      // And the data are rich enough for that to mean something.
      const whole = (await reports.codeCompliance(actor, queries[0], 'json', 'rollup')).whole.total;
      expect(whole).toEqual(expect.objectContaining({ met: expect.any(Number), metLate: expect.any(Number), breached: expect.any(Number) }));
      expect(Math.min(whole.met as number, whole.metLate as number, whole.breached as number, whole.withdrawn as number)).toBeGreaterThan(0);
    });

    it('are rebuilt by one refresh at a time', async () => {
      const held = t.dataSource.createQueryRunner();
      await held.connect();
      await held.startTransaction();
      try {
        await held.query(`SELECT pg_advisory_xact_lock(724808)`);
        expect(await t.app.get(ReportRollups).refresh()).toEqual({ refreshed: false, reason: 'another-refresh-running' });
      } finally {
        await held.rollbackTransaction();
        await held.release();
      }
    });

    it('are refreshed by the worker when it starts, and kept on a schedule', async () => {
      await t.dataSource.query(`DELETE FROM report_rollup_state`);
      t.clock.set(new Date('2026-07-01T10:00:00Z'));
      const worker = await startTestWorker(t);
      try {
        let state: Array<{ as_at: Date }> = [];
        for (let attempt = 0; attempt < 100 && state.length === 0; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          state = await t.dataSource.query(`SELECT as_at FROM report_rollup_state`);
        }
        expect(state).toEqual([{ as_at: new Date('2026-07-01T10:00:00Z') }]);
        const { Queue } = await import('bullmq');
        const queue = new Queue('reports', { connection: { url: t.config.redisUrl }, prefix: `${t.config.redisPrefix}:bull` });
        try {
          expect((await queue.getJobSchedulers()).map((scheduler) => [scheduler.key, scheduler.every])).toEqual([['refresh-report-rollups', 10 * 60_000]]);
        } finally {
          await queue.close();
        }
      } finally {
        await worker.close();
        t.clock.set(NOW);
      }
    });
  });

  describe('cope and recover in SQL', () => {
    it('counts improvement exactly as libs/cope-recover does, for any pair of scores', async () => {
      const domains = CR_1.domains.map(({ id }) => id);
      const answers = fc.record(Object.fromEntries(domains.map((domain) => [domain, fc.integer({ min: 1, max: 5 })])) as Record<string, fc.Arbitrary<number>>);
      const pairs = fc.sample(fc.tuple(answers, answers), 300);
      const rows: Array<{ overall_change: number; improved: boolean }> = await t.dataSource.query(
        `SELECT ${overallChangeSql()} AS overall_change, ${overallImprovedSql()} AS improved
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS pair(value, n)
           CROSS JOIN LATERAL (SELECT 'cr-1'::text AS framework_version, pair.value -> 0 AS answers) s
           CROSS JOIN LATERAL (SELECT pair.value -> 1 AS answers) e
          ORDER BY pair.n`,
        [JSON.stringify(pairs)],
      );
      expect(rows.map((row) => ({ overallChange: row.overall_change, overallImproved: row.improved }))).toEqual(
        pairs.map(([start, end]) => {
          const change = scoreChange(CR_1, start, end);
          return { overallChange: change.overallChange, overallImproved: change.overallImproved };
        }),
      );
    });
  });
});
