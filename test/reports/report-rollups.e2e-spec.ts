import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CR_1, scoreChange } from '../../libs/cope-recover/src/index.js';
import { type CodeEvent, evaluateDuties } from '../../libs/victims-code/src/index.js';
import { isCodeEventType } from '../../src/journeys/journey-events.js';
import { overallChangeSql, overallImprovedSql } from '../../src/reports/facts/cope-recover-sql.js';
import { ReportsService } from '../../src/reports/reports.service.js';
import { ReportResults } from '../../src/reports/report-results.js';
import { ReportResultsWarmer } from '../../src/reports/report-results-warmer.js';
import { ReportRollups } from '../../src/reports/rollups/report-rollups.service.js';
import { SyntheticSeeder } from '../../src/composition/synthetic/synthetic-seeder.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker } from '../support/test-worker.js';
import { actorOf } from './report-journey.builder.js';
import { expectProtected } from './disclosure-checks.js';
import { APP_CONFIG, type AppConfig } from '../../src/app/config.js';

const NOW = new Date('2026-07-01T09:00:00Z');
// Enough for every kind of trial, special measure decision and right the reports count (a few hundred charged crimes).
const JOURNEYS = 1500;

/**
 * The rollups against the plain queries, and the synthetic data against the domain, on a
 * year of generated journeys: the bulk generator must write what the commands would, and a
 * rollup must give exactly what the plain query gives.
 */
describe('report rollups and synthetic data', () => {
  let t: TestApp;
  let commissioner: SignedInUser;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { REPORTS_DISCLOSURE_CONTROL: 'none' } });
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
      const mismatches = await t.dataSource.query(
        `
        SELECT j.id FROM journeys j
         WHERE j.referred_at IS DISTINCT FROM (SELECT occurred_at FROM journey_events e WHERE e.journey_id = j.id AND e.type = 'referral.received')
            OR j.first_contacted_at IS DISTINCT FROM (SELECT occurred_at FROM journey_events e WHERE e.journey_id = j.id AND e.type = 'contact.succeeded')
            OR j.unable_to_contact_at IS DISTINCT FROM (SELECT occurred_at FROM journey_events e WHERE e.journey_id = j.id AND e.type = 'contact.unable-to-contact')
            OR j.closed_at IS DISTINCT FROM (SELECT occurred_at FROM journey_events e WHERE e.journey_id = j.id AND e.type = 'journey.closed')
            OR (j.support_started_at IS NOT NULL) <> EXISTS (SELECT 1 FROM needs_assessments n WHERE n.journey_id = j.id AND n.decision = 'accepted')
            OR (j.support_started_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journey_events e WHERE e.journey_id = j.id AND e.type = 'support.accepted'))
            OR j.unsuccessful_contact_attempts <> (SELECT count(*) FROM contact_attempts a WHERE a.journey_id = j.id AND a.outcome <> 'contacted')
            OR (j.stage = 'closed') <> (j.closed_at IS NOT NULL)
            OR (j.stage = 'in_support' AND (j.support_started_at IS NULL OR j.closed_at IS NOT NULL))
            OR (j.support_started_at IS NOT NULL AND j.closed_at IS NULL AND j.stage NOT IN ('in_support', 'witness_care'))
            OR (j.stage = 'witness_care') <> (j.closed_at IS NULL AND EXISTS (SELECT 1 FROM witness_care_cases w WHERE w.journey_id = j.id))
            OR (j.closed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cope_recover_measures m WHERE m.journey_id = j.id AND m.point = 'end'))
            OR EXISTS (SELECT 1 FROM journey_events e WHERE e.journey_id = j.id AND e.occurred_at > $1)
            -- After closure only what other organisations do, and the victim's rights that outlive support, are recorded.
            OR EXISTS (SELECT 1 FROM journey_events e WHERE e.journey_id = j.id AND j.closed_at IS NOT NULL AND e.occurred_at > j.closed_at
                         AND e.type = ANY($2::text[]))`,
        [NOW, ['contact.attempted', 'contact.succeeded', 'contact.unable-to-contact', 'support.accepted', 'support.declined', 'support.signposted', 'needs-assessment.completed',
          'cope-recover.recorded', 'satisfaction.recorded', 'lead-worker.assigned', 'rj.offered', 'rj.referred', 'journey.closed', 'referral.received']],
      );
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
    it('writes the rows the court, witness care and rights commands write with each of their events', async () => {
      const count = async (sql: string): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) q`))[0].n;
      const inconsistencies = {
        // RjOffersService: one row per rj.offered event, the event's answer from the row's response.
        offerWithoutRow: await count(`SELECT 1 FROM journey_events e WHERE e.type = 'rj.offered'
          AND NOT EXISTS (SELECT 1 FROM rj_offers o WHERE o.event_id = e.id AND o.journey_id = e.journey_id AND o.offered_at = e.occurred_at
                          AND (o.response = 'interested') = (e.payload->>'answer' = 'interested'))`),
        rowWithoutOffer: await count(`SELECT 1 FROM rj_offers o WHERE NOT EXISTS (SELECT 1 FROM journey_events e WHERE e.id = o.event_id AND e.type = 'rj.offered')`),
        referralNotInterested: await count(`SELECT 1 FROM rj_referrals r JOIN rj_offers o ON o.id = r.rj_offer_id
          WHERE o.response <> 'interested' OR r.referred_at < o.offered_at OR r.consent_recorded_at > r.referred_at
             OR NOT EXISTS (SELECT 1 FROM journey_events e WHERE e.journey_id = r.journey_id AND e.type = 'rj.referred' AND e.payload->>'rjReferralId' = r.id::text)`),
        // HearingsService: a trial heard says how effective it was, and why unless effective; only trials do.
        effectiveness: await count(`SELECT 1 FROM hearings h WHERE (h.status = 'heard') <> (h.heard_at IS NOT NULL)
             OR (h.type = 'trial' AND h.status = 'heard') <> (h.effectiveness IS NOT NULL)
             OR (h.effectiveness IS NOT NULL AND (h.effectiveness = 'effective') = (h.effectiveness_reason IS NOT NULL))`),
        listingVersions: await count(`SELECT 1 FROM hearings h WHERE h.listing_version <> (SELECT max(l.listing_version) FROM hearing_listings l WHERE l.hearing_id = h.id)
             OR h.listing_version <> (SELECT count(*) FROM hearing_listings l WHERE l.hearing_id = h.id)`),
        listingEvents: await count(`SELECT 1 FROM journey_events e WHERE e.type IN ('hearing.listed', 'hearing.moved')
          AND NOT EXISTS (SELECT 1 FROM hearing_listings l WHERE l.hearing_id = (e.payload->>'hearingId')::uuid AND l.listing_version = (e.payload->>'version')::int
                          AND l.change = split_part(e.type, '.', 2) AND l.occurred_at = e.occurred_at)`),
        hearingTold: await count(`SELECT 1 FROM court_informings i JOIN journey_events e ON e.id = i.event_id
          WHERE e.type <> 'victim.informed' OR e.payload->>'subjectId' <> i.subject_id::text OR e.occurred_at <> i.informed_at
             OR (i.subject = 'hearing' AND (e.payload->>'hearingVersion')::int <> i.hearing_version)`),
        pleas: await count(`SELECT 1 FROM hearing_pleas p WHERE p.plea = 'not_guilty'
          AND EXISTS (SELECT 1 FROM journeys j JOIN hearings h ON h.crime_id = j.crime_id WHERE h.id = p.hearing_id AND j.referred_at <= h.heard_at
                      AND NOT EXISTS (SELECT 1 FROM journey_events e WHERE e.journey_id = j.id AND e.type = 'plea.not-guilty' AND e.occurred_at = h.heard_at))`),
        // Outcomes: one per defendant, its verdict and sentence on each journey told, a sentence only after conviction.
        outcomes: await count(`SELECT 1 FROM court_outcomes o WHERE (o.sentenced_at IS NOT NULL AND o.sentenced_at < o.verdict_at)
             OR NOT EXISTS (SELECT 1 FROM journey_events e WHERE e.type = 'court.verdict' AND e.payload->>'outcomeId' = o.id::text AND e.payload->>'verdict' = o.verdict)
             OR (o.sentenced_at IS NOT NULL) <> EXISTS (SELECT 1 FROM journey_events e WHERE e.type = 'court.sentence' AND e.payload->>'outcomeId' = o.id::text
                                                         AND (e.payload->>'custodialMonths')::int = o.custodial_months)`),
        // CourtAttendanceService: attendance at hearings heard, warnings for a version the hearing had, before it sat.
        attendance: await count(`SELECT 1 FROM witness_attendances a JOIN hearings h ON h.id = a.hearing_id
          WHERE h.status <> 'heard' OR a.created_at < h.heard_at OR (a.outcome = 'failed_to_attend') <> (a.reason IS NOT NULL)
             OR NOT EXISTS (SELECT 1 FROM witness_care_cases w WHERE w.journey_id = a.journey_id)`),
        warnings: await count(`SELECT 1 FROM witness_warnings w JOIN hearings h ON h.id = w.hearing_id
          WHERE NOT EXISTS (SELECT 1 FROM hearing_listings l WHERE l.hearing_id = w.hearing_id AND l.listing_version = w.listing_version AND l.occurred_at <= w.warned_at)
             OR EXISTS (SELECT 1 FROM hearing_listings l WHERE l.hearing_id = w.hearing_id AND l.listing_version > w.listing_version AND l.occurred_at <= w.warned_at)
             OR (h.heard_at IS NOT NULL AND w.warned_at >= h.heard_at)`),
        specialMeasures: await count(`SELECT 1 FROM special_measures m
          WHERE (m.status = 'refused') <> (m.refusal_reason IS NOT NULL) OR (m.status IN ('granted', 'refused')) <> (m.decided_at IS NOT NULL)
             OR m.requested_at > coalesce(m.applied_for_at, m.requested_at) OR m.applied_for_at > coalesce(m.decided_at, m.applied_for_at)
             OR (SELECT count(*) FROM journey_events e WHERE e.payload->>'specialMeasureId' = m.id::text) <> m.version`),
        witnessNeeds: await count(`SELECT 1 FROM witness_needs_assessments a
          WHERE (SELECT count(*) FROM witness_needs n WHERE n.assessment_id = a.id) <> 8
             OR NOT EXISTS (SELECT 1 FROM journey_events e WHERE e.journey_id = a.journey_id AND e.type = 'witness.needs-assessed' AND e.occurred_at = a.assessed_at)`),
        // VcsReferralsService: a referral after the journey's own eligible sentence event; contact after referral.
        vcs: await count(`SELECT 1 FROM vcs_referrals v JOIN journey_events s ON s.id = v.sentence_event_id
          WHERE s.journey_id <> v.journey_id OR s.type <> 'court.sentence' OR s.payload->>'outcomeId' <> v.outcome_id OR v.referred_at < s.occurred_at
             OR (v.contacted_at IS NOT NULL AND v.contacted_at < v.referred_at)
             OR NOT EXISTS (SELECT 1 FROM journey_events e WHERE e.journey_id = v.journey_id AND e.type = 'vcs.referred' AND e.occurred_at = v.referred_at)`),
        // ComplaintsService: each column is the step its event records.
        complaints: await count(`SELECT 1 FROM complaints c
          WHERE c.received_at IS DISTINCT FROM (SELECT e.occurred_at FROM journey_events e WHERE e.type = 'complaint.received' AND e.payload->>'complaintId' = c.id::text AND e.payload->>'against' = c.against)
             OR c.acknowledged_at IS DISTINCT FROM (SELECT e.occurred_at FROM journey_events e WHERE e.type = 'complaint.acknowledged' AND e.payload->>'complaintId' = c.id::text)
             OR c.responded_at IS DISTINCT FROM (SELECT e.occurred_at FROM journey_events e WHERE e.type = 'complaint.responded' AND e.payload->>'complaintId' = c.id::text)
             OR c.escalated_at IS DISTINCT FROM (SELECT e.occurred_at FROM journey_events e WHERE e.type = 'complaint.escalated' AND e.payload->>'complaintId' = c.id::text)
             OR c.status <> CASE WHEN c.escalated_at IS NOT NULL THEN 'escalated' WHEN c.responded_at IS NOT NULL THEN 'responded'
                                 WHEN c.acknowledged_at IS NOT NULL THEN 'acknowledged' ELSE 'received' END`),
        decisions: await count(`SELECT 1 FROM journey_events e WHERE e.type = 'police.decision-made'
          AND NOT EXISTS (SELECT 1 FROM police_decisions d WHERE d.id = (e.payload->>'decisionId')::uuid AND d.kind = e.payload->>'kind' AND d.decided_at = e.occurred_at)`),
        defendants: await count(`SELECT 1 FROM journey_events e WHERE e.type = 'defendant.added'
          AND NOT EXISTS (SELECT 1 FROM defendants d WHERE d.id = (e.payload->>'defendantId')::uuid AND d.reference = e.payload->>'reference')`),
        afterNow: await count(`SELECT 1 FROM hearings WHERE heard_at > $1 OR created_at > $1 UNION ALL SELECT 1 FROM complaints WHERE updated_at > $1
          UNION ALL SELECT 1 FROM witness_attendances WHERE updated_at > $1 UNION ALL SELECT 1 FROM court_outcomes WHERE coalesce(sentenced_at, verdict_at) > $1`.replaceAll('$1', `'${NOW.toISOString()}'`)),
      };
      expect(inconsistencies).toEqual(Object.fromEntries(Object.keys(inconsistencies).map((key) => [key, 0])));
    });

    it('has the mix of trials, witness care and rights the reports count', async () => {
      const [mix] = await t.dataSource.query(`
        SELECT (SELECT array_agg(DISTINCT effectiveness ORDER BY effectiveness) FROM hearings WHERE effectiveness IS NOT NULL) AS effectiveness,
               (SELECT array_agg(DISTINCT status ORDER BY status) FROM special_measures WHERE status IN ('granted', 'refused')) AS decided_measures,
               (SELECT count(*) FILTER (WHERE status = 'granted') > count(*) FILTER (WHERE status = 'refused') FROM special_measures) AS mostly_granted,
               (SELECT array_agg(DISTINCT outcome ORDER BY outcome) FROM witness_attendances) AS attendance,
               (SELECT array_agg(DISTINCT pre_trial_visit_status ORDER BY pre_trial_visit_status) FROM witness_care_cases WHERE pre_trial_visit_status IS NOT NULL) AS visits,
               (SELECT count(*)::int FROM witness_warnings) AS warnings,
               (SELECT count(*)::int FROM rj_referrals) AS rj_referrals,
               (SELECT count(*)::int FROM rj_referrals WHERE outcome <> 'pending') AS rj_outcomes,
               (SELECT count(*)::int FROM vcs_referrals) AS vcs_referrals,
               (SELECT count(*)::int FROM journey_events WHERE type = 'vps.made') AS vps_made,
               (SELECT count(*)::int FROM complaints) AS complaints`);
      expect(mix.effectiveness).toEqual(['cracked', 'effective', 'ineffective']);
      expect(mix.decided_measures).toEqual(['granted', 'refused']);
      expect(mix.mostly_granted).toBe(true);
      expect(mix.attendance).toEqual(expect.arrayContaining(['attended', 'failed_to_attend', 'not_required']));
      expect(mix.visits).toEqual(['declined', 'offered', 'taken']);
      for (const count of ['warnings', 'rj_referrals', 'rj_outcomes', 'vcs_referrals', 'vps_made', 'complaints']) expect(mix[count]).toBeGreaterThan(0);
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
      // Part months: the whole months from the monthly rollup, the days at the ends from the daily one.
      const partMonths = [
        { from: '2025-07-17', to: '2026-06-12', groupBy: 'quarter' as const },
        { from: '2026-01-09', to: '2026-04-30', groupBy: 'month' as const, enhanced: true, role: 'victim' as const },
        { from: '2026-03-03', to: '2026-03-27', groupBy: 'month' as const },
        { from: '2026-02-11', to: '2026-03-09', groupBy: 'quarter' as const, role: 'witness' as const, offenceCategory: 'violence_with_injury' as const },
      ];
      let compared = 0;
      for (const query of queries) {
        const runs = [
          (source: 'rollup' | 'live') => reports.codeCompliance(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.referralTimeliness(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.copeRecover(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.witnessAndTrial(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.rightsOffered(actor, query, 'json', source),
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
        const hits = t.app.get(ReportResults).stats().hits;
        const { source: _kept, ...kept } = await reports.quarterlyReturn(actor, query, 'json', 'rollup');
        expect([kept, t.app.get(ReportResults).stats().hits]).toEqual([rollup, hits + 1]);
      }
      for (const query of partMonths) {
        for (const run of [
          (source: 'rollup' | 'live') => reports.codeCompliance(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.referralTimeliness(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.copeRecover(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.witnessAndTrial(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.rightsOffered(actor, query, 'json', source),
        ]) {
          const { source: fromRollups, ...rolledUp } = await run('rollup');
          const { source: fromTables, ...live } = await run('live');
          expect([fromRollups, fromTables]).toEqual(['rollup', 'live']);
          expect(rolledUp).toEqual(live);
          // Asked again from the same refresh: the very report, from those kept (ReportResults), with no class instance lost.
          const hits = t.app.get(ReportResults).stats().hits;
          const { source: again, ...keptReport } = await run('rollup');
          expect([again, t.app.get(ReportResults).stats().hits]).toEqual(['rollup', hits + 1]);
          expect(keptReport).toEqual(rolledUp);
          compared += 1;
        }
      }
      expect(compared).toBe((queries.length + partMonths.length) * 5);
      // The days of a part month are read from the daily rollup, not the tables: a change to one of the
      // rows an unfiltered request reads (every filter dimension summed over) shows.
      const [day] = await t.dataSource.query(`
        SELECT ctid, area_id FROM report_duty_rollup_daily WHERE day BETWEEN '2026-03-03' AND '2026-03-27' AND met > 0 AND collapsed = 15 LIMIT 1`);
      const inMarch = { from: '2026-03-03', to: '2026-03-27', groupBy: 'month' as const, areaId: day.area_id };
      const before = (await reports.codeCompliance(actor, inMarch, 'json', 'rollup')).whole.total.met as number;
      await t.dataSource.query(`UPDATE report_duty_rollup_daily SET met = met + 1000 WHERE ctid = $1`, [day.ctid]);
      // The same request from the same refresh is answered with the report built the first time (ReportResults);
      // a report built again reads the changed row.
      expect((await reports.codeCompliance(actor, inMarch, 'json', 'rollup')).whole.total.met).toBe(before);
      t.app.get(ReportResults).clear();
      expect((await reports.codeCompliance(actor, inMarch, 'json', 'rollup')).whole.total.met).toBe(before + 1000);
      // A refresh is a new key: the row is rebuilt from the tables and the report with it.
      await t.app.get(ReportRollups).refresh();
      expect((await reports.codeCompliance(actor, inMarch, 'json', 'rollup')).whole.total.met).toBe(before);
      // And the data are rich enough for that to mean something.
      const whole = (await reports.codeCompliance(actor, queries[0], 'json', 'rollup')).whole.total;
      expect(whole).toEqual(expect.objectContaining({ met: expect.any(Number), metLate: expect.any(Number), breached: expect.any(Number) }));
      expect(Math.min(whole.met as number, whole.metLate as number, whole.breached as number, whole.withdrawn as number)).toBeGreaterThan(0);
      const trials = (await reports.witnessAndTrial(actor, queries[0], 'json', 'rollup')).whole.trials;
      expect(Math.min(...[trials.effective, trials.cracked, trials.ineffective].map(Number))).toBeGreaterThan(0);
      const offered = (await reports.rightsOffered(actor, queries[0], 'json', 'rollup')).whole.journeys;
      expect(Math.min(...[offered.rjOffered, offered.rjReferred, offered.vpsOffered].map(Number))).toBeGreaterThan(0);
    });

    it('give the plain queries’ protected figures too: every cell key is the same from the rollups as from the tables', async () => {
      await t.app.get(ReportRollups).refresh();
      const reports = t.app.get(ReportsService);
      const actor = actorOf(commissioner);
      const config = t.app.get<AppConfig>(APP_CONFIG);
      config.reports.disclosureControl = 'cell-key';
      try {
        const queries = [
          { from: '2025-07-01', to: '2026-06-30', groupBy: 'month' as const },
          { from: '2025-07-01', to: '2026-06-30', groupBy: 'quarter' as const, enhanced: true, role: 'witness' as const },
          { from: '2026-01-01', to: '2026-04-30', groupBy: 'month' as const, offenceCategory: 'domestic_abuse' as const },
        ];
        let perturbed = 0;
        for (const query of queries) {
          for (const run of [
            (source: 'rollup' | 'live') => reports.codeCompliance(actor, query, 'json', source),
            (source: 'rollup' | 'live') => reports.referralTimeliness(actor, query, 'json', source),
            (source: 'rollup' | 'live') => reports.copeRecover(actor, query, 'json', source),
            (source: 'rollup' | 'live') => reports.witnessAndTrial(actor, query, 'json', source),
            (source: 'rollup' | 'live') => reports.rightsOffered(actor, query, 'json', source),
          ]) {
            const { source: _rollup, ...rolledUp } = await run('rollup');
            const { source: _live, ...live } = await run('live');
            expect(rolledUp).toEqual(live);
            config.reports.disclosureControl = 'none';
            const { source: _exact, ...exact } = await run('live');
            config.reports.disclosureControl = 'cell-key';
            const { periods, whole } = exact as unknown as { periods: unknown; whole: unknown };
            const shown = live as unknown as { periods: unknown; whole: unknown };
            perturbed += expectProtected([shown.periods, shown.whole], [periods, whole]).changed;
          }
        }
        // Protection that changed nothing would protect nothing.
        expect(perturbed).toBeGreaterThan(100);
        for (const quarter of [1, 4]) {
          const { source: _rollup, ...rollup } = await reports.quarterlyReturn(actor, { financialYear: '2025-26', quarter }, 'json', 'rollup');
          const { source: _live, ...live } = await reports.quarterlyReturn(actor, { financialYear: '2025-26', quarter }, 'json', 'live');
          expect(rollup).toEqual(live);
        }
      } finally {
        config.reports.disclosureControl = 'none';
      }
    }, 120_000);

    it('are read again after each refresh for the reports people read, so their first reader after it is answered from those kept', async () => {
      const reports = t.app.get(ReportsService);
      const results = t.app.get(ReportResults);
      const warmer = t.app.get(ReportResultsWarmer);
      const actor = actorOf(commissioner);
      await t.app.get(ReportRollups).refresh();
      await warmer.tick();
      results.clear();
      const [day] = await t.dataSource.query(`
        SELECT ctid, area_id FROM report_duty_rollup_daily WHERE day BETWEEN '2026-03-03' AND '2026-03-27' AND met > 0 AND collapsed = 15 LIMIT 1`);
      const inMarch = { from: '2026-03-03', to: '2026-03-27', groupBy: 'month' as const, areaId: day.area_id };
      const truth = (await reports.codeCompliance(actor, inMarch, 'json')).whole.total.met as number;
      // A report read from a rollup that is wrong until the next refresh: the warmer's build must come from that refresh.
      await t.dataSource.query(`UPDATE report_duty_rollup_daily SET met = met + 1000 WHERE ctid = $1`, [day.ctid]);
      results.clear();
      expect((await reports.codeCompliance(actor, inMarch, 'json')).whole.total.met).toBe(truth + 1000);
      const quarter = await reports.referralTimeliness(actor, { from: '2026-01-01', to: '2026-03-31', groupBy: 'quarter' }, 'json');
      expect(await warmer.tick()).toBe(0); // no refresh since: nothing to build

      await t.app.get(ReportRollups).refresh();
      const before = results.stats();
      expect(await warmer.tick()).toBe(2);
      const warmed = results.stats();
      expect(warmed).toEqual(expect.objectContaining({ warmed: before.warmed + 2, size: 2 }));
      // The first reader after the refresh: no build (no miss), and the figures are the refresh's.
      const first = await reports.codeCompliance(actor, inMarch, 'json');
      const afterRead = results.stats();
      expect([first.whole.total.met, afterRead.hits, afterRead.misses]).toEqual([truth, warmed.hits + 1, warmed.misses]);
      const { asOf: _kept, ...keptQuarter } = await reports.referralTimeliness(actor, { from: '2026-01-01', to: '2026-03-31', groupBy: 'quarter' }, 'json');
      results.clear();
      const { asOf: _built, ...builtQuarter } = await reports.referralTimeliness(actor, { from: '2026-01-01', to: '2026-03-31', groupBy: 'quarter' }, 'json');
      expect(keptQuarter).toEqual(builtQuarter);
      expect(quarter.filters).toEqual(builtQuarter.filters);
      // Another commissioner's report is warmed in their own areas only.
      const durhamOnly = actorOf(await new Fixtures(t).signedIn(['commissioner'], ['durham']));
      const durham = await reports.referralTimeliness(durhamOnly, { from: '2026-01-01', to: '2026-03-31', groupBy: 'quarter' }, 'json');
      await t.app.get(ReportRollups).refresh();
      expect(await warmer.tick()).toBe(2);
      const warmedDurham = await reports.referralTimeliness(durhamOnly, { from: '2026-01-01', to: '2026-03-31', groupBy: 'quarter' }, 'json');
      expect(warmedDurham.filters.areaIds).toEqual(durham.filters.areaIds);
      expect(warmedDurham.whole).toEqual(durham.whole);
      expect(warmedDurham.whole).not.toEqual(builtQuarter.whole);
    }, 60_000);

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
