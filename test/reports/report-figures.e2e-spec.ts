import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReportsService } from '../../src/reports/reports.service.js';
import { ReportResults } from '../../src/reports/report-results.js';
import { ReportRollups } from '../../src/reports/rollups/report-rollups.service.js';
import { COMPLIANCE_CSV_COLUMNS } from '../../src/reports/report-csv.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/problem.js';
import { actorOf, aJourneyStory, type BuiltJourney, scores } from './report-journey.builder.js';

// Monday 15 June 2026, 11:00 London.
const NOW = new Date('2026-06-15T10:00:00Z');
const QUARTER = { from: '2026-04-01', to: '2026-06-30' };

/**
 * Five journeys referred in April to June 2026, each through the API, whose figures are
 * worked out by hand below (working days exclude Good Friday 3 April, Easter Monday 6 April,
 * the early May bank holiday 4 May and the spring bank holiday 25 May). The threshold is 1,
 * so every figure is shown; suppression has its own spec.
 */
describe('commissioners’ reports: the figures', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let commissioner: SignedInUser;
  let supervisor: SignedInUser;
  let clevelandId: string;
  const journeys: Record<string, BuiltJourney> = {};

  const get = (path: string, query: Record<string, string> = {}, user: SignedInUser = commissioner) =>
    t.http().get(`/api/v1/reports/${path}`).query(query).set('authorization', user.bearer);

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { REPORTS_DISCLOSURE_CONTROL: 'none' } });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    commissioner = await fixtures.signedIn(['commissioner'], ['cleveland', 'durham']);
    supervisor = await fixtures.signedIn(['supervisor'], ['cleveland', 'durham']);
    clevelandId = await fixtures.areaId('cleveland');

    // Referred Tue 14 April; police in time (reported Mon 13); reached Wed 15 (due Thu 16); assessed Fri 17
    // (due Wed 22); RJ never offered: its duty (due Thu 14 May) is withdrawn by closure on Mon 11 May.
    journeys.j1 = await aJourneyStory(t, caseworker, clevelandId, {
      referredAt: '2026-04-14T08:00:00Z', reportedAt: '2026-04-13T08:00:00Z', lead: true,
      contactedAt: '2026-04-15T09:00:00Z', assessedAt: '2026-04-17T09:00:00Z', startScore: scores(2),
      closedAt: '2026-05-11T09:00:00Z', endScore: scores(4), satisfaction: 9,
    });
    // Enhanced (vulnerable), violence: reached Fri 24 April, 2 working days after its 1-day deadline (Wed 22);
    // assessed Mon 27 (due Tue 28); RJ offered 1 May (due 26 May); closed 20 May, better overall by 2.
    journeys.j2 = await aJourneyStory(t, caseworker, clevelandId, {
      referredAt: '2026-04-21T08:00:00Z', reportedAt: '2026-04-20T08:00:00Z', lead: true, offenceCategory: 'violence_with_injury',
      enhanced: ['vulnerable'], contactedAt: '2026-04-24T09:00:00Z', assessedAt: '2026-04-27T09:00:00Z', startScore: scores(3),
      rjOfferedAt: '2026-05-01T09:00:00Z', closedAt: '2026-05-20T09:00:00Z',
      endScore: scores(3, { health_wellbeing: 2, safety: 5, informed: 4 }), satisfaction: 'declined',
    });
    // A witness to a theft, never reached: the third failed attempt (Mon 11 May) meets first contact 1 day late
    // (due Fri 8); closed 13 May without a start score.
    journeys.j3 = await aJourneyStory(t, caseworker, clevelandId, {
      referredAt: '2026-05-06T08:00:00Z', reportedAt: '2026-05-05T08:00:00Z', role: 'witness', offenceCategory: 'theft',
      failedAttemptsAt: ['2026-05-06T09:00:00Z', '2026-05-07T09:00:00Z', '2026-05-11T09:00:00Z'],
      closedAt: '2026-05-13T09:00:00Z', closureReason: 'unable_to_contact', endScore: { missingReason: 'unable_to_contact' }, satisfaction: 'declined',
    });
    // Domestic abuse, enhanced: the police referred on Mon 18 May, 3 working days after Wed 13; never reached
    // since: first contact (due Tue 19 May) is breached, 18 working days late by Mon 15 June.
    journeys.j4 = await aJourneyStory(t, caseworker, clevelandId, {
      referredAt: '2026-05-18T08:00:00Z', reportedAt: '2026-05-11T08:00:00Z', offenceCategory: 'domestic_abuse', consent: 'given',
      enhanced: ['most_serious_crime'],
    });
    // Referred Fri 12 June: first contact due Tue 16 June, still open.
    journeys.j5 = await aJourneyStory(t, caseworker, clevelandId, { referredAt: '2026-06-12T08:00:00Z', reportedAt: '2026-06-11T08:00:00Z' });
  }, 120_000);
  afterAll(() => t.close());

  describe('Code compliance', () => {
    it('counts the duties due in each month by rule and where they stand now, with lateness in working days', async () => {
      const response = await get('code-compliance', QUARTER);
      expect(response.status).toBe(200);
      const [april, may, june] = response.body.periods;
      expect(response.body.periods.map((period: { label: string }) => period.label)).toEqual(['2026-04', '2026-05', '2026-06']);
      expect(april.total).toEqual({ due: 6, met: 5, metLate: 1, breached: 0, open: 0, withdrawn: 0, onTimePercent: 83.3, medianWorkingDaysLate: 2, p90WorkingDaysLate: 2 });
      expect(may.total).toEqual({ due: 6, met: 2, metLate: 2, breached: 1, open: 0, withdrawn: 1, onTimePercent: 40, medianWorkingDaysLate: 3, p90WorkingDaysLate: 18 });
      expect(june.total).toEqual({ due: 2, met: 1, metLate: 0, breached: 0, open: 1, withdrawn: 0, onTimePercent: 100, medianWorkingDaysLate: null, p90WorkingDaysLate: null });
      expect(may.rules.map((rule: { ruleId: string }) => rule.ruleId)).toEqual(['police.refer-to-support', 'support.first-contact', 'support.needs-assessment', 'support.rj-offer']);
      expect(may.rules[1]).toEqual(expect.objectContaining({
        ruleId: 'support.first-contact', right: 4, owner: 'victim_care_service', due: 2, met: 0, metLate: 1, breached: 1, medianWorkingDaysLate: 1, p90WorkingDaysLate: 18,
      }));
      expect(may.rules[3]).toEqual(expect.objectContaining({ ruleId: 'support.rj-offer', due: 2, met: 1, withdrawn: 1, onTimePercent: 100 }));
      // Information about restorative justice is right 3's; the rest of May's duties right 4's.
      expect(may.rights).toEqual([
        expect.objectContaining({ right: 3, due: 2, met: 1, withdrawn: 1 }),
        expect.objectContaining({ right: 4, due: 4, met: 1 }),
      ]);
      expect(response.body.whole).toEqual(expect.objectContaining({ label: 'all', from: '2026-04-01', to: '2026-06-30' }));
      expect(response.body.whole.total).toEqual({ due: 14, met: 8, metLate: 3, breached: 1, open: 1, withdrawn: 1, onTimePercent: 66.7, medianWorkingDaysLate: 2, p90WorkingDaysLate: 18 });
      expect(response.body).toEqual(expect.objectContaining({
        report: 'code-compliance', source: 'live', asOf: NOW.toISOString(),
        disclosure: expect.objectContaining({ method: 'none', tableVersion: null, minimumBase: 1 }),
      }));
    });

    it('groups by quarter, labelled by financial year', async () => {
      const response = await get('code-compliance', { ...QUARTER, groupBy: 'quarter' });
      expect(response.body.periods).toHaveLength(1);
      expect(response.body.periods[0]).toEqual(expect.objectContaining({ label: '2026-27 Q1', from: '2026-04-01', to: '2026-06-30' }));
      expect(response.body.periods[0].total).toEqual(response.body.whole.total);
    });

    it('filters by enhanced deadlines, role, offence category and lead organisation', async () => {
      const total = async (query: Record<string, string>) => (await get('code-compliance', { ...QUARTER, ...query })).body.whole.total;
      expect(await total({ enhanced: 'true' })).toEqual(expect.objectContaining({ due: 6, met: 3, metLate: 2, breached: 1 }));
      expect(await total({ enhanced: 'false' })).toEqual(expect.objectContaining({ due: 8, met: 5, metLate: 1, open: 1, withdrawn: 1 }));
      expect(await total({ role: 'witness' })).toEqual(expect.objectContaining({ due: 2, met: 1, metLate: 1 }));
      expect(await total({ offenceCategory: 'domestic_abuse' })).toEqual(expect.objectContaining({ due: 2, metLate: 1, breached: 1 }));
      expect(await total({ organisationId: caseworker.organisationId })).toEqual(expect.objectContaining({ due: 8, met: 6, metLate: 1, withdrawn: 1 }));
      expect(await total({ areaId: await fixtures.areaId('durham') })).toEqual(expect.objectContaining({ due: 0 }));
    });

    it('counts a period that is not whole months from the day it starts to the day it ends', async () => {
      const response = await get('code-compliance', { from: '2026-04-16', to: '2026-05-13' });
      expect(response.body.source).toBe('live');
      expect(response.body.periods.map((period: { label: string; from: string; to: string }) => [period.label, period.from, period.to])).toEqual([
        ['2026-04', '2026-04-16', '2026-04-30'],
        ['2026-05', '2026-05-01', '2026-05-13'],
      ]);
      // Due 16 April to 13 May: J1 first contact and needs, J2 police, first contact and needs; J3 police and first contact; J4 police.
      expect(response.body.whole.total).toEqual(expect.objectContaining({ due: 8, met: 5, metLate: 3 }));
    });

    it('lists a supervisor the breaches their organisation owes, by journey reference and pseudonymous person id only; commissioners none', async () => {
      expectProblem(await get('code-compliance/breaches', QUARTER), 403, 'ROLE_NOT_ALLOWED');
      // The police's supervisor sees the police's breach; the victim care service's its own three.
      const police = await fixtures.session(await fixtures.user({ roles: ['supervisor'], areas: ['cleveland', 'durham'], kind: 'police_force' }));
      const ofPolice = await get('code-compliance/breaches', QUARTER, police);
      expect(ofPolice.body.items.map((item: Record<string, unknown>) => [item.journeyReference, item.ruleId, item.owner])).toEqual([
        [journeys.j4.reference, 'police.refer-to-support', 'police'],
      ]);
      const response = await get('code-compliance/breaches', QUARTER, supervisor);
      expect(response.status).toBe(200);
      expect(response.body.total).toBe(3);
      expect(response.body.items.map((item: Record<string, unknown>) => [item.journeyReference, item.ruleId, item.status, item.workingDaysLate])).toEqual([
        [journeys.j2.reference, 'support.first-contact', 'met_late', 2],
        [journeys.j3.reference, 'support.first-contact', 'met_late', 1],
        [journeys.j4.reference, 'support.first-contact', 'breached', 18],
      ]);
      const witnessCare = await fixtures.session(await fixtures.user({ roles: ['supervisor'], areas: ['cleveland', 'durham'], kind: 'witness_care_unit' }));
      expect((await get('code-compliance/breaches', QUARTER, witnessCare)).body.total).toBe(0);
      const [first] = response.body.items;
      expect(Object.keys(first).sort()).toEqual(['dueAt', 'journeyReference', 'metAt', 'owner', 'personPseudonym', 'right', 'ruleId', 'status', 'workingDaysLate']);
      expect(first).toEqual(expect.objectContaining({ owner: 'victim_care_service', right: 4, dueAt: '2026-04-22T22:59:59.999Z', metAt: '2026-04-24T09:00:00.000Z' }));
      expect(first.personPseudonym).toMatch(/^P-[0-9a-f]{16}$/);
      expect(JSON.stringify(response.body)).not.toContain(journeys.j2.personId);
      // One person, one pseudonym: J4's two breaches carry the same.
      expect(ofPolice.body.items[0].personPseudonym).toBe(response.body.items[2].personPseudonym);
      expect(response.body.items[2].personPseudonym).not.toBe(first.personPseudonym);

      const onlyBreached = await get('code-compliance/breaches', { ...QUARTER, ruleId: 'support.first-contact', enhanced: 'true', limit: '1', offset: '1' }, supervisor);
      expect(onlyBreached.body).toEqual(expect.objectContaining({ total: 2, limit: 1, offset: 1 }));
      expect(onlyBreached.body.items.map((item: { journeyReference: string }) => item.journeyReference)).toEqual([journeys.j4.reference]);
    });
  });

  describe('referral timeliness', () => {
    it('follows the journeys referred in each month: police referral, first contact, needs assessment, unable to contact', async () => {
      const response = await get('referral-timeliness', QUARTER);
      expect(response.status).toBe(200);
      const [april, may, june] = response.body.periods;
      expect(april).toEqual(expect.objectContaining({ referrals: 2, contacted: 2, unableToContact: 0, unableToContactPercent: 0, supportStarted: 2 }));
      expect(april.firstContact).toEqual({ due: 2, met: 1, metLate: 1, breached: 0, open: 0, withdrawn: 0, onTimePercent: 50 });
      expect(april.needsAssessment).toEqual({ due: 2, met: 2, metLate: 0, breached: 0, open: 0, withdrawn: 0, onTimePercent: 100 });
      expect(may).toEqual(expect.objectContaining({ referrals: 2, contacted: 0, unableToContact: 1, unableToContactPercent: 50, supportStarted: 0 }));
      expect(may.policeReferral).toEqual({ due: 2, met: 1, metLate: 1, breached: 0, open: 0, withdrawn: 0, onTimePercent: 50 });
      expect(may.firstContact).toEqual({ due: 2, met: 0, metLate: 1, breached: 1, open: 0, withdrawn: 0, onTimePercent: 0 });
      expect(may.needsAssessment.onTimePercent).toBeNull();
      expect(june.firstContact).toEqual({ due: 1, met: 0, metLate: 0, breached: 0, open: 1, withdrawn: 0, onTimePercent: null });
      expect(response.body.whole).toEqual(expect.objectContaining({ referrals: 5, contacted: 2, unableToContact: 1, unableToContactPercent: 20, supportStarted: 2 }));
      expect(response.body.whole.policeReferral).toEqual(expect.objectContaining({ due: 5, met: 4, metLate: 1, onTimePercent: 80 }));
      expect(response.body.whole.firstContact).toEqual(expect.objectContaining({ due: 5, met: 1, metLate: 2, breached: 1, open: 1, onTimePercent: 25 }));
    });

    it('says why victims are enhanced: the enhanced referrals of each month by basis', async () => {
      const response = await get('referral-timeliness', QUARTER);
      const [april, may, june] = response.body.periods;
      // April: j2, vulnerable. May: j4, a domestic abuse victim recorded as most serious crime. June: none.
      expect([april.enhanced, april.enhancedByBasis]).toEqual([1, { most_serious_crime: 0, persistently_targeted: 0, vulnerable: 1, intimidated: 0 }]);
      expect(may.enhanced).toBe(1);
      expect(may.enhancedByBasis.most_serious_crime).toBe(1);
      expect([june.enhanced, june.enhancedByBasis]).toEqual([0, { most_serious_crime: 0, persistently_targeted: 0, vulnerable: 0, intimidated: 0 }]);
      expect(response.body.whole.enhanced).toBe(2);
      const csv = await t.http().get('/api/v1/reports/referral-timeliness').query({ ...QUARTER, format: 'csv' }).set('authorization', commissioner.bearer);
      const [header, aprilLine] = csv.text.trim().split('\n').map((line) => line.split(','));
      expect(header).toEqual(expect.arrayContaining(['enhanced', 'enhanced_most_serious_crime', 'enhanced_persistently_targeted', 'enhanced_vulnerable', 'enhanced_intimidated']));
      expect(aprilLine[header.indexOf('enhanced_vulnerable')]).toBe('1');
    });
  });

  describe('outcomes', () => {
    it('measures cope and recover for the journeys closed in each month, overall and per domain, with satisfaction', async () => {
      const response = await get('outcomes', QUARTER);
      expect(response.status).toBe(200);
      const [april, may] = response.body.periods;
      expect(april).toEqual(expect.objectContaining({ closed: 0, compared: 0, improvedPercent: null, meanChange: null }));
      expect(may).toEqual(expect.objectContaining({
        closed: 3, withStartScore: 2, withoutStartScore: 1, compared: 2, improved: 2, improvedPercent: 100, meanChange: 7,
      }));
      expect(may.closureReasons).toEqual({ support_completed: 2, declined: 0, unable_to_contact: 1, moved_area: 0, deceased: 0, other: 0 });
      expect(may.endScoreMissing.not_recorded).toEqual({ count: 0, percent: 0 });
      expect(may.endScoreMissing.unable_to_contact).toEqual({ count: 0, percent: 0 });
      expect(may.satisfaction).toEqual({ answered: 1, declined: 2, notRecorded: 0, meanScore: 9 });
      expect(may.domains.map((domain: Record<string, unknown>) => [domain.domain, domain.improved, domain.improvedPercent, domain.meanChange])).toEqual([
        ['health_wellbeing', 1, 50, 0.5],
        ['safety', 2, 100, 2],
        ['everyday_life', 1, 50, 1],
        ['informed', 2, 100, 1.5],
        ['justice_engagement', 1, 50, 1],
        ['support_network', 1, 50, 1],
      ]);
      expect(response.body.whole).toEqual(expect.objectContaining({ closed: 3, compared: 2, improved: 2 }));
    });

    it('counts a victim who got worse by 2 in a domain as not better able to cope, whatever the total', async () => {
      const worse = await aJourneyStory(t, durhamCaseworker, await fixtures.areaId('durham'), {
        referredAt: '2026-04-14T08:00:00Z', contactedAt: '2026-04-15T09:00:00Z', assessedAt: '2026-04-15T10:00:00Z', startScore: scores(3),
        closedAt: '2026-04-30T09:00:00Z', endScore: scores(5, { safety: 1 }), satisfaction: 4,
      });
      const durham = await get('outcomes', { from: '2026-04-01', to: '2026-04-30', areaId: await fixtures.areaId('durham') });
      expect(durham.body.whole).toEqual(expect.objectContaining({ closed: 1, compared: 1, improved: 0, improvedPercent: 0, meanChange: 8 }));
      expect(worse.reference).toMatch(/^VJ-2026-/);
    });
  });

  describe('rollups', () => {
    it('answers whole months from the rollup once refreshed, with exactly the plain query’s figures', async () => {
      const refreshed = await t.app.get(ReportRollups).refresh();
      expect(refreshed).toEqual(expect.objectContaining({ refreshed: true, asAt: NOW }));
      const reports = t.app.get(ReportsService);
      const actor = actorOf(commissioner);
      const queries = [
        { ...QUARTER, groupBy: 'month' as const },
        { ...QUARTER, groupBy: 'quarter' as const, enhanced: true },
        { ...QUARTER, groupBy: 'month' as const, role: 'witness' as const },
        { ...QUARTER, groupBy: 'month' as const, organisationId: caseworker.organisationId, offenceCategory: 'burglary' as const },
      ];
      for (const query of queries) {
        for (const run of [
          (source: 'rollup' | 'live') => reports.codeCompliance(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.referralTimeliness(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.copeRecover(actor, query, 'json', source),
        ]) {
          const { source: fromRollup, ...rollup } = await run('rollup');
          const { source: fromTables, ...live } = await run('live');
          expect([fromRollup, fromTables]).toEqual(['rollup', 'live']);
          expect(rollup).toEqual(live);
        }
      }
      const viaHttp = await get('code-compliance', QUARTER);
      expect(viaHttp.body).toEqual(expect.objectContaining({ source: 'rollup', asOf: NOW.toISOString() }));
    });

    it('answers a period with part months from the monthly rollup for its whole months and the daily one for its ends, with the same figures', async () => {
      const reports = t.app.get(ReportsService);
      const actor = actorOf(commissioner);
      for (const query of [
        { from: '2026-04-16', to: '2026-06-30', groupBy: 'month' as const },
        { from: '2026-04-02', to: '2026-06-12', groupBy: 'quarter' as const, enhanced: false },
        { from: '2026-03-20', to: '2026-05-13', groupBy: 'month' as const, role: 'witness' as const },
        // Inside one month, and across two part months: days only.
        { from: '2026-05-02', to: '2026-05-30', groupBy: 'month' as const },
        { from: '2026-04-09', to: '2026-05-21', groupBy: 'quarter' as const, enhanced: true },
      ]) {
        for (const run of [
          (source: 'rollup' | 'live') => reports.codeCompliance(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.referralTimeliness(actor, query, 'json', source),
          (source: 'rollup' | 'live') => reports.copeRecover(actor, query, 'json', source),
        ]) {
          const { source: fromRollups, ...rolledUp } = await run('rollup');
          const { source: live, ...fromTables } = await run('live');
          expect([fromRollups, live]).toEqual(['rollup', 'live']);
          expect(rolledUp).toEqual(fromTables);
        }
      }
      const viaHttp = await get('code-compliance', { from: '2026-04-16', to: '2026-05-31' });
      expect(viaHttp.body).toEqual(expect.objectContaining({ source: 'rollup', asOf: NOW.toISOString() }));
      expect(viaHttp.body.whole.total).toEqual(expect.objectContaining({ due: expect.any(Number) }));
      expect((await get('code-compliance', { from: '2026-05-02', to: '2026-05-30' })).body.source).toBe('rollup');
    });
  });

  describe('CSV', () => {
    it('answers each report as CSV with ?format=csv or Accept: text/csv, one line per period and row', async () => {
      // Cleveland only: the outcomes spec added a Durham journey.
      const byQuery = await get('code-compliance', { ...QUARTER, areaId: clevelandId, format: 'csv' });
      expect(byQuery.status).toBe(200);
      expect(byQuery.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(byQuery.headers['content-disposition']).toBe('attachment; filename="code-compliance-2026-04-01-2026-06-30.csv"');
      const lines = byQuery.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe(COMPLIANCE_CSV_COLUMNS.join(','));
      // 4 periods (3 months and the whole) x (4 rules + 2 rights + total + the one organisation row: no directory here, so
      // every duty is "not named"), and the whole period's rules of that row.
      expect(lines).toHaveLength(1 + 4 * 8 + 4);
      expect(lines.filter((line) => line.includes(',all,2026-04-01,2026-06-30,total,'))).toEqual([
        expect.stringMatching(/,all,2026-04-01,2026-06-30,total,,,,14,8,3,1,1,1,66.7,2,18,,,,none$/),
      ]);
      expect(lines.at(-4)).toMatch(/,all,2026-04-01,2026-06-30,organisation_rule,police.refer-to-support,4,police,5,4,1,0,0,0,80,,,,Not named in the directory,,none$/);

      const byAccept = await t.http().get('/api/v1/reports/referral-timeliness').query(QUARTER).set('authorization', commissioner.bearer).set('accept', 'text/csv');
      expect(byAccept.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(byAccept.text.split('\r\n')[0]).toMatch(/^as_of,period,period_from,period_to,referrals,contacted,/);
      const outcomes = await get('outcomes', { ...QUARTER, format: 'csv' });
      expect(outcomes.text.split('\r\n')[0]).toContain('cr1_safety_improved_percent');
      const breaches = await get('code-compliance/breaches', { ...QUARTER, areaId: clevelandId, format: 'csv' }, supervisor);
      expect(breaches.text.split('\r\n')).toHaveLength(1 + 3 + 1);
    });
  });

  describe('the quarterly return', () => {
    it('gives one row per area and one over all of them in the documented column layout', async () => {
      const response = await get('quarterly-return', { financialYear: '2026-27', quarter: '1' });
      expect(response.status).toBe(200);
      expect(response.body.layout).toBe('vjs-quarterly-return-3');
      expect(response.body.rows.map((row: Record<string, unknown>) => row.area_code)).toEqual(['cleveland', 'durham', 'all']);
      const [cleveland] = response.body.rows;
      expect(Object.keys(cleveland)).toEqual(response.body.columns);
      expect(cleveland).toEqual(expect.objectContaining({
        financial_year: '2026-27', quarter: 'Q1', period_from: '2026-04-01', period_to: '2026-06-30',
        referrals_received: 5, referrals_victims: 4, referrals_witnesses: 1, referrals_enhanced: 2, referrals_standard: 3,
        police_referral_on_time: 4, police_referral_met_late: 1, contacted: 2, unable_to_contact: 1, unable_to_contact_percent: 20,
        first_contact_due: 5, first_contact_breached: 1, first_contact_on_time_percent: 25,
        code_duties_due: 14, code_duties_on_time: 8, right_3_due: 2, right_3_on_time: 1, right_4_due: 12, right_4_on_time: 7, right_6_due: 0,
        journeys_closed: 3, closed_with_start_score: 2, cope_recover_improved: 2, cope_recover_improved_percent: 100,
        satisfaction_mean_score: 9,
        // Layout 2: none of these journeys reached court; one was offered RJ before closing.
        trials_heard: 0, trials_effective_percent: null, special_measures_requested: 0, witnesses_attended: 0,
        vps_offered: 0, rj_offered: 1, rj_offered_percent: 33.3, rj_referred: 0, vcs_referrals: 0, complaints_received: 0,
        // Layout 3: each right's late, breached and open duties. Right 4: 7 on time, 3 late, 1 breached, 1 open.
        right_4_late: 3, right_4_breached: 1, right_4_open: 1, right_3_late: 0, right_3_breached: 0, right_3_open: 0, disclosure: 'none',
      }));
      // The all-areas row counts every area's records (exact here, with disclosure control off).
      const [, durham, all] = response.body.rows;
      expect(all.area_name).toBe('All areas');
      for (const column of ['referrals_received', 'code_duties_due', 'code_duties_on_time', 'right_4_due', 'right_4_breached', 'journeys_closed']) {
        expect([column, all[column]]).toEqual([column, cleveland[column] + durham[column]]);
      }
      // Layout 2 is layout 1's 84 columns with the trial, witness and rights columns after them.
      expect(response.body.columns.indexOf('satisfaction_mean_score')).toBe(83);
      expect(response.body.columns.slice(84, 103)).toEqual([
        'trials_heard', 'trials_effective', 'trials_cracked', 'trials_ineffective', 'trials_effective_percent', 'trials_lost_to_witness_issues',
        'special_measures_requested', 'special_measures_granted', 'witnesses_attended', 'witnesses_failed_to_attend', 'vps_offered', 'vps_made',
        'rj_offered', 'rj_offered_percent', 'rj_referred', 'rj_took_part', 'vcs_referrals', 'complaints_received', 'complaints_responded',
      ]);
      const csv = await get('quarterly-return', { financialYear: '2026-27', quarter: '1', format: 'csv' });
      const [header, first] = csv.text.split('\r\n');
      expect(header).toBe(response.body.columns.join(','));
      expect(first.startsWith('vjs-quarterly-return-3,cleveland,Cleveland,2026-27,Q1,2026-04-01,2026-06-30,,')).toBe(true);
      // Layout 3 is layout 2's 103 columns with the rights' late, breached and open, and the flag column, after them.
      expect(response.body.columns.slice(103, 106)).toEqual(['right_1_late', 'right_1_breached', 'right_1_open']);
      expect(response.body.columns.at(-1)).toBe('disclosure');
    });
  });

  describe('audit', () => {
    it('records every request: who, which report, which filters, and no figures', async () => {
      await get('outcomes', { ...QUARTER, role: 'victim', groupBy: 'quarter' });
      const [row] = await t.dataSource.query(
        `SELECT actor_user_id, action, entity_type, entity_id, area_id, details FROM audit_log WHERE actor_user_id = $1 AND entity_id = 'outcomes' ORDER BY seq DESC LIMIT 1`,
        [commissioner.id],
      );
      expect(row).toEqual({
        actor_user_id: commissioner.id,
        action: 'report',
        entity_type: 'report',
        entity_id: 'outcomes',
        area_id: null,
        details: {
          report: 'outcomes', format: 'json', source: expect.any(String), asOf: expect.any(String),
          filters: {
            from: '2026-04-01', to: '2026-06-30', groupBy: 'quarter', areaIds: [...commissioner.areaIds].sort(),
            organisationId: null, offenceCategory: null, enhanced: null, role: 'victim',
          },
        },
      });
    });

    it('records a request answered from the reports kept for the refresh just as one that built it', async () => {
      await t.app.get(ReportRollups).refresh();
      const count = async () =>
        Number((await t.dataSource.query(`SELECT count(*) FROM audit_log WHERE actor_user_id = $1 AND action = 'report' AND entity_id = 'code-compliance'`, [commissioner.id]))[0].count);
      const before = await count();
      const hits = t.app.get(ReportResults).stats().hits;
      const built = await get('code-compliance', { ...QUARTER, groupBy: 'quarter' });
      const kept = await get('code-compliance', { ...QUARTER, groupBy: 'quarter' });
      expect([built.status, kept.status, built.body.source]).toEqual([200, 200, 'rollup']);
      expect(kept.body).toEqual(built.body);
      expect(t.app.get(ReportResults).stats().hits).toBe(hits + 1);
      expect(await count()).toBe(before + 2);
    });

    it('records each journey a breach list shows, as a listing', async () => {
      await get('code-compliance/breaches', { ...QUARTER, ruleId: 'support.first-contact', enhanced: 'false' }, supervisor);
      const rows: Array<{ entity_id: string; details: Record<string, unknown> }> = await t.dataSource.query(
        `SELECT entity_id, details FROM audit_log WHERE actor_user_id = $1 AND action = 'list' AND entity_type = 'journey' ORDER BY seq DESC LIMIT 1`,
        [supervisor.id],
      );
      expect(rows).toEqual([{ entity_id: journeys.j3.journeyId, details: { what: 'report_breaches', ruleId: 'support.first-contact' } }]);
    });
  });
});
