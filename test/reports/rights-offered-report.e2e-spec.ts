import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FactScope } from '../../src/reports/facts/fact-scope.js';
import { complaintTotalsQuery, rightsJourneyTotalsQuery, rjReferralTotalsQuery, vcsReferralTotalsQuery } from '../../src/reports/facts/rights-facts.js';
import { RIGHTS_OFFERED_CSV_COLUMNS } from '../../src/reports/report-csv.js';
import { periodGroups, wholePeriod } from '../../src/reports/report-periods.js';
import { ReportsRepository } from '../../src/reports/reports.repository.js';
import { ReportsService } from '../../src/reports/reports.service.js';
import { buildRightsOfferedReport, countRightsReturnFigures, rightsReturnCounts, type RightsRows } from '../../src/reports/rights-offered.report.js';
import { ReportRollups } from '../../src/reports/rollups/report-rollups.service.js';
import { CellProtection, FigureTable } from '../../src/reports/disclosure/figure-table.js';
import { protectedBuild } from '../../src/reports/disclosure/protected-build.js';
import { expectProtected } from './disclosure-checks.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { actorOf, aJourneyStory, type BuiltJourney, scores, wordsOf } from './report-journey.builder.js';
import { RightsSteps } from './rights-steps.builder.js';

// Monday 15 June 2026, 11:00 London.
const NOW = new Date('2026-06-15T10:00:00Z');
const PERIOD = { from: '2026-04-01', to: '2026-05-31' };
const SUMMARY = 'Told nothing about the hearing date';

const zeroDuty = { due: 0, met: 0, metLate: 0, breached: 0, open: 0, withdrawn: 0, onTimePercent: null };
const noRjOutcomes = { tookPart: 0, direct_conference: 0, indirect_shuttle: 0, letter: 0, not_suitable: 0, offender_declined: 0, victim_withdrew: 0, pending: 0 };

/**
 * Six journeys in Cleveland and Durham whose rights are recorded through the API, each
 * step on its own day, and whose figures are worked out by hand below (working days skip
 * the bank holidays of 4 and 25 May 2026). The threshold is 1, so every figure is shown.
 */
describe('commissioners’ reports: rights offered', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let commissioner: SignedInUser;
  let clevelandId: string;
  let durhamId: string;
  const journeys: Record<string, BuiltJourney> = {};

  const get = (query: Record<string, string> = {}, user: SignedInUser = commissioner) =>
    t.http().get('/api/v1/reports/rights-offered').query(query).set('authorization', user.bearer);

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { REPORTS_DISCLOSURE_CONTROL: 'none' } });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    const durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    commissioner = await fixtures.signedIn(['commissioner'], ['cleveland', 'durham']);
    clevelandId = await fixtures.areaId('cleveland');
    durhamId = await fixtures.areaId('durham');
    const steps = new RightsSteps(t, caseworker);

    // A: supported from Wed 8 April (RJ offer owed by Thu 7 May); charged Fri 10 April (VPS offer owed by Fri 17).
    // Offered a statement Tue 14 (on time) and made it; offered RJ, interested, referred; closed Tue 28 April;
    // the conference took place after closure.
    journeys.a = await aJourneyStory(t, caseworker, clevelandId, {
      referredAt: '2026-04-07T08:00:00Z', lead: true, contactedAt: '2026-04-08T09:00:00Z', assessedAt: '2026-04-09T09:00:00Z', startScore: scores(3),
    });
    await steps.charge(journeys.a.journeyId, '2026-04-10T09:00:00Z');
    await steps.offerVps(journeys.a.journeyId, '2026-04-14T09:00:00Z');
    await steps.offerRj(journeys.a.journeyId, '2026-04-15T09:00:00Z', 'interested');
    await steps.referRj(journeys.a.journeyId, '2026-04-16T09:00:00Z', { outcome: 'direct_conference', at: '2026-05-05T09:00:00Z' });
    await steps.makeVps(journeyId('a'), '2026-04-20T09:00:00Z');
    await steps.close(journeyId('a'), '2026-04-28T09:00:00Z');

    // B: charged Mon 13 April (VPS offer owed by Mon 20), offered it Fri 24 (late), never made; declined RJ; closed Tue 12 May.
    journeys.b = await aJourneyStory(t, caseworker, clevelandId, {
      referredAt: '2026-04-07T08:00:00Z', contactedAt: '2026-04-08T09:00:00Z', assessedAt: '2026-04-09T09:00:00Z', startScore: scores(3),
    });
    await steps.charge(journeyId('b'), '2026-04-13T09:00:00Z');
    await steps.offerRj(journeyId('b'), '2026-04-20T09:00:00Z', 'declined');
    await steps.offerVps(journeyId('b'), '2026-04-24T09:00:00Z');
    await steps.close(journeyId('b'), '2026-05-12T09:00:00Z');

    // C: a witness to a theft, never reached, never offered anything; closed Wed 6 May.
    journeys.c = await aJourneyStory(t, caseworker, clevelandId, { referredAt: '2026-04-14T08:00:00Z', role: 'witness', offenceCategory: 'theft' });
    await steps.close(journeyId('c'), '2026-05-06T09:00:00Z');

    // D: enhanced, violence; supported from Wed 22 April; RJ offered (interested) and referred twice: not suitable,
    // then pending. Complained about the police Tue 5 May (acknowledgement owed by Tue 19 May, response by Wed 3 June),
    // acknowledged and answered (upheld). Sentenced Mon 11 May (VCS referral owed by Tue 26 May), referred Wed 13 May
    // (probation's contact owed by Thu 11 June), reached Wed 27 May and joined. Closed Thu 21 May; complained about
    // the court Tue 26 May, acknowledged, not yet answered.
    journeys.d = await aJourneyStory(t, caseworker, clevelandId, {
      referredAt: '2026-04-21T08:00:00Z', lead: true, offenceCategory: 'violence_with_injury', enhanced: ['vulnerable'],
      contactedAt: '2026-04-22T09:00:00Z', assessedAt: '2026-04-23T09:00:00Z', startScore: scores(3),
    });
    await steps.offerRj(journeyId('d'), '2026-04-27T09:00:00Z', 'interested');
    await steps.referRj(journeyId('d'), '2026-04-28T09:00:00Z', { outcome: 'not_suitable', at: '2026-05-05T09:00:00Z' });
    await steps.complain(journeyId('d'), '2026-05-05T10:00:00Z', 'police', [
      { acknowledgedAt: '2026-05-07T09:00:00Z' },
      { respondedAt: '2026-05-20T09:00:00Z', finding: 'upheld' },
    ]);
    await steps.referRj(journeyId('d'), '2026-05-06T09:00:00Z');
    await steps.sentence(journeyId('d'), '2026-05-11T09:00:00Z', 'OUT-1');
    await steps.referVcs(journeyId('d'), '2026-05-13T09:00:00Z', 'OUT-1', { contact: { at: '2026-05-27T09:00:00Z', choice: 'joined' } });
    await steps.close(journeyId('d'), '2026-05-21T09:00:00Z');
    await steps.complain(journeyId('d'), '2026-05-26T09:00:00Z', 'court', [{ acknowledgedAt: '2026-05-28T09:00:00Z' }]);

    // E: domestic abuse, still open. Complained about the CPS Mon 11 May (acknowledgement owed by Tue 26 May, never
    // given; response owed by Tue 9 June, escalated to the Ombudsman unanswered on Wed 10 June); and about the victim
    // care service Tue 12 May (acknowledgement owed by Wed 27 May), answered (not upheld) and escalated to its next stage.
    // A 6-month sentence: referred to the scheme at probation's discretion (no duty), not yet reached.
    journeys.e = await aJourneyStory(t, caseworker, clevelandId, { referredAt: '2026-05-05T08:00:00Z', offenceCategory: 'domestic_abuse', consent: 'given' });
    await steps.complain(journeyId('e'), '2026-05-11T09:00:00Z', 'cps', [{ escalatedAt: '2026-06-10T09:00:00Z', to: 'ombudsman' }]);
    await steps.complain(journeyId('e'), '2026-05-12T09:00:00Z', 'victim_care_service', [
      { acknowledgedAt: '2026-05-13T09:00:00Z' },
      { respondedAt: '2026-05-15T09:00:00Z', finding: 'not_upheld' },
      { escalatedAt: '2026-05-18T09:00:00Z', to: 'next_stage' },
    ]);
    await steps.sentence(journeyId('e'), '2026-05-18T09:00:00Z', 'OUT-1', { custodialMonths: 6 });
    await steps.referVcs(journeyId('e'), '2026-05-19T09:00:00Z', 'OUT-1', { discretionary: true });

    // F, in Durham: supported from Wed 8 April, offered RJ (not now), closed Wed 22 April.
    journeys.f = await aJourneyStory(t, durhamCaseworker, durhamId, {
      referredAt: '2026-04-07T08:00:00Z', contactedAt: '2026-04-08T09:00:00Z', assessedAt: '2026-04-09T09:00:00Z', startScore: scores(3),
    });
    await new RightsSteps(t, durhamCaseworker).offerRj(journeyId('f'), '2026-04-10T09:00:00Z', 'not_now');
    await new RightsSteps(t, durhamCaseworker).close(journeyId('f'), '2026-04-22T09:00:00Z');

    // G: offered a statement Tue 2 June, closed Wed 3 June: after the period.
    journeys.g = await aJourneyStory(t, caseworker, clevelandId, { referredAt: '2026-06-01T08:00:00Z' });
    await steps.offerVps(journeyId('g'), '2026-06-02T09:00:00Z');
    await steps.close(journeyId('g'), '2026-06-03T09:00:00Z');
  }, 180_000);
  afterAll(() => t.close());

  function journeyId(name: string): string {
    return journeys[name].journeyId;
  }

  describe('the figures', () => {
    it('counts what the journeys closed in each month were offered over their whole course', async () => {
      const response = await get(PERIOD);
      expect(response.status).toBe(200);
      const [april, may] = response.body.periods;
      expect(response.body.periods.map((period: { label: string }) => period.label)).toEqual(['2026-04', '2026-05']);
      // April: A and F (Durham); May: B, C and D.
      expect(april.journeys).toEqual({
        closed: 2, vpsOffered: 1, vpsOfferedPercent: 50, vpsMade: 1, vpsMadePercent: 50, rjOffered: 2, rjOfferedPercent: 100, rjNotOffered: 0,
        rjInterested: 1, rjReferred: 1, rjOutcomes: { ...noRjOutcomes, tookPart: 1, direct_conference: 1 },
      });
      expect(may.journeys).toEqual({
        closed: 3, vpsOffered: 1, vpsOfferedPercent: 33.3, vpsMade: 0, vpsMadePercent: 0, rjOffered: 2, rjOfferedPercent: 66.7, rjNotOffered: 1,
        rjInterested: 1, rjReferred: 1, rjOutcomes: { ...noRjOutcomes, pending: 1 },
      });
      expect(response.body.whole.journeys).toEqual({
        closed: 5, vpsOffered: 2, vpsOfferedPercent: 40, vpsMade: 1, vpsMadePercent: 20, rjOffered: 4, rjOfferedPercent: 80, rjNotOffered: 1,
        rjInterested: 2, rjReferred: 2, rjOutcomes: { ...noRjOutcomes, tookPart: 1, direct_conference: 1, pending: 1 },
      });
    });

    it('counts the offer duties by the month they fell due', async () => {
      const [april, may] = (await get(PERIOD)).body.periods;
      expect(april.offerDuties).toEqual({ vpsOffer: { ...zeroDuty, due: 2, met: 1, metLate: 1, onTimePercent: 50 }, rjOffer: zeroDuty });
      // A, B and F owed by Thu 7 May, D by Thu 21 May: all offered in time.
      expect(may.offerDuties).toEqual({ vpsOffer: zeroDuty, rjOffer: { ...zeroDuty, due: 4, met: 4, onTimePercent: 100 } });
    });

    it('counts the Victim Contact Scheme referrals made in each month by basis and the victim’s choice, with their duties', async () => {
      const [april, may] = (await get(PERIOD)).body.periods;
      expect(april.victimContactScheme.referrals).toBe(0);
      expect(may.victimContactScheme).toEqual({
        referrals: 2,
        basis: { eligible_victim: 1, bereaved_relative: 0, discretionary: 1 },
        contacted: 1,
        victimChoice: { joined: 1, declined: 0, undecided: 0 },
        notContacted: 1,
        referralDuty: { ...zeroDuty, due: 1, met: 1, onTimePercent: 100 },
        // Probation's contact with D fell due in June.
        contactDuty: zeroDuty,
      });
    });

    it('counts the restorative justice referrals made in each month by their outcome so far', async () => {
      const response = await get(PERIOD);
      const [april, may] = response.body.periods;
      expect(april.rjReferrals).toEqual({ referrals: 2, outcomes: { ...noRjOutcomes, tookPart: 1, direct_conference: 1, not_suitable: 1 } });
      expect(may.rjReferrals).toEqual({ referrals: 1, outcomes: { ...noRjOutcomes, pending: 1 } });
      expect(response.body.whole.rjReferrals.referrals).toBe(3);
    });

    it('counts the complaints received in each month, where they stand, and their duties', async () => {
      const [april, may] = (await get(PERIOD)).body.periods;
      expect(april.complaints.received).toBe(0);
      expect(may.complaints).toEqual({
        received: 4,
        against: { police: 1, victim_care_service: 1, witness_care_unit: 0, cps: 1, court: 1, probation: 0, rj_service: 0 },
        acknowledged: 3,
        responded: 2,
        findings: { upheld: 1, partly_upheld: 0, not_upheld: 1 },
        escalated: 2,
        escalatedTo: { next_stage: 1, ombudsman: 1 },
        escalatedWithoutResponse: 1,
        stillOpen: 1,
        // D's (police) Tue 19 May, met; E's (CPS) Tue 26 May, never; E's (victim care service) Wed 27 May, met.
        acknowledgeDuty: { ...zeroDuty, due: 3, met: 2, breached: 1, onTimePercent: 66.7 },
        respondDuty: zeroDuty,
      });
    });

    it('narrows every figure by area, enhanced rights, role, offence category and lead organisation', async () => {
      const durham = (await get({ ...PERIOD, areaId: durhamId })).body.whole;
      expect(durham.journeys).toEqual(expect.objectContaining({ closed: 1, rjOffered: 1, rjInterested: 0, vpsOffered: 0 }));
      expect(durham.offerDuties.rjOffer).toEqual(expect.objectContaining({ due: 1, met: 1 }));
      expect([durham.victimContactScheme.referrals, durham.rjReferrals.referrals, durham.complaints.received]).toEqual([0, 0, 0]);

      const enhanced = (await get({ ...PERIOD, enhanced: 'true' })).body.whole;
      expect(enhanced.journeys).toEqual(expect.objectContaining({ closed: 1, rjOffered: 1, rjReferred: 1, vpsOffered: 0 }));
      expect(enhanced.offerDuties.rjOffer.due).toBe(1);
      // Issue 16: E, a domestic abuse victim, is enhanced from the facts (most serious crime) without the police saying so.
      expect(enhanced.victimContactScheme).toEqual(expect.objectContaining({ referrals: 2, contacted: 1 }));
      expect(enhanced.rjReferrals.referrals).toBe(2);
      expect(enhanced.complaints).toEqual(expect.objectContaining({ received: 4, responded: 2, stillOpen: 1 }));

      const witnesses = (await get({ ...PERIOD, role: 'witness' })).body.whole;
      expect(witnesses.journeys).toEqual(expect.objectContaining({ closed: 1, rjOffered: 0, rjNotOffered: 1, rjOfferedPercent: 0 }));
      expect([witnesses.victimContactScheme.referrals, witnesses.complaints.received]).toEqual([0, 0]);

      const domesticAbuse = (await get({ ...PERIOD, offenceCategory: 'domestic_abuse' })).body.whole;
      expect(domesticAbuse.journeys.closed).toBe(0);
      expect(domesticAbuse.victimContactScheme.basis).toEqual({ eligible_victim: 0, bereaved_relative: 0, discretionary: 1 });
      expect(domesticAbuse.complaints).toEqual(expect.objectContaining({ received: 2, escalated: 2, escalatedWithoutResponse: 1 }));

      const led = (await get({ ...PERIOD, organisationId: caseworker.organisationId })).body;
      expect(led.periods.map((period: { journeys: { closed: number } }) => period.journeys.closed)).toEqual([1, 1]);
      expect(led.whole.journeys).toEqual(expect.objectContaining({ vpsMade: 1, rjReferred: 2, rjInterested: 2 }));
    });

    it('counts a period that is not whole months from its first day to its last, from the tables', async () => {
      const response = await get({ from: '2026-05-15', to: '2026-06-14' });
      expect(response.body.source).toBe('live');
      const [may, june] = response.body.periods;
      expect([may.label, may.from, june.to]).toEqual(['2026-05', '2026-05-15', '2026-06-14']);
      expect(may.journeys).toEqual(expect.objectContaining({ closed: 1, rjReferred: 1 }));
      expect(june.journeys).toEqual(expect.objectContaining({ closed: 1, vpsOffered: 1 }));
      expect(may.victimContactScheme.referrals).toBe(1);
      expect(may.complaints.received).toBe(1);
      // Probation reached D on Wed 27 May, before its deadline of Thu 11 June.
      expect(june.victimContactScheme.contactDuty).toEqual(expect.objectContaining({ due: 1, met: 1 }));
    });

    it('groups by quarter, labelled by financial year', async () => {
      const response = await get({ from: '2026-04-01', to: '2026-06-30', groupBy: 'quarter' });
      expect(response.body.periods.map((period: { label: string }) => period.label)).toEqual(['2026-27 Q1']);
      expect(response.body.periods[0].journeys.closed).toBe(6);
      expect(response.body.whole.journeys.closed).toBe(6);
    });
  });

  describe('rollups, CSV, audit, privacy and access', () => {
    it('answers whole months from the rollup once refreshed, with exactly the plain query’s figures whatever the filters', async () => {
      expect(await t.app.get(ReportRollups).refresh()).toEqual(expect.objectContaining({ refreshed: true }));
      const reports = t.app.get(ReportsService);
      const actor = actorOf(commissioner);
      const queries = [
        { ...PERIOD, groupBy: 'month' as const },
        { from: '2026-04-01', to: '2026-06-30', groupBy: 'quarter' as const },
        { ...PERIOD, groupBy: 'month' as const, enhanced: true },
        { ...PERIOD, groupBy: 'month' as const, enhanced: false, role: 'victim' as const },
        { ...PERIOD, groupBy: 'month' as const, offenceCategory: 'domestic_abuse' as const },
        { ...PERIOD, groupBy: 'month' as const, organisationId: caseworker.organisationId, areaId: clevelandId },
      ];
      for (const query of queries) {
        const { source: fromRollup, ...rollup } = await reports.rightsOffered(actor, query, 'json', 'rollup');
        const { source: fromTables, ...live } = await reports.rightsOffered(actor, query, 'json', 'live');
        expect([fromRollup, fromTables]).toEqual(['rollup', 'live']);
        expect(rollup).toEqual(live);
      }
      // Read over HTTP, a whole-month period now comes from the rollup, as at its refresh.
      const response = await get(PERIOD);
      expect(response.body.source).toBe('rollup');
      expect(response.body.whole.journeys.closed).toBe(5);
    });

    it('reads whole months from rollup rows only, never a source table', async () => {
      const plan = async (sql: string, params: unknown[]) =>
        JSON.stringify(await t.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, params));
      const scope: FactScope = { areaIds: [clevelandId], period: PERIOD, asAt: NOW, filters: { enhanced: true } };
      for (const query of [rightsJourneyTotalsQuery, vcsReferralTotalsQuery, rjReferralTotalsQuery, complaintTotalsQuery]) {
        const { sql, params } = query(scope, 'rollup');
        const text = await plan(sql, params);
        for (const table of ['"journeys"', '"journey_events"', '"rj_offers"', '"rj_referrals"', '"vcs_referrals"', '"complaints"']) expect(text).not.toContain(table);
      }
    });

    it('answers as CSV, one line per period and figure', async () => {
      const csv = await get({ ...PERIOD, format: 'csv' });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toBe('attachment; filename="rights-offered-2026-04-01-2026-05-31.csv"');
      const lines = csv.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe(RIGHTS_OFFERED_CSV_COLUMNS.join(','));
      const cells = lines.slice(1).map((line) => line.split(','));
      const value = (period: string, section: string, figure: string) => cells.find((cell) => cell[1] === period && cell[4] === section && cell[5] === figure)?.[6];
      expect(value('2026-05', 'journeys', 'rj_not_offered')).toBe('1');
      expect(value('all', 'journeys', 'rj_offered_percent')).toBe('80');
      expect(value('2026-05', 'complaints', 'acknowledge_duty.on_time_percent')).toBe('66.7');
      expect(value('2026-05', 'victim_contact_scheme', 'basis.discretionary')).toBe('1');
      expect(value('all', 'rj_referrals', 'outcomes.took_part')).toBe('1');
      expect(value('2026-04', 'offer_duties', 'rj_offer.on_time_percent')).toBe('');
      // Every figure of every period (two months and the whole) once.
      const perPeriod = lines.length - 1;
      expect(perPeriod % 3).toBe(0);
      const byAccept = await t.http().get('/api/v1/reports/rights-offered').query(PERIOD).set('authorization', commissioner.bearer).set('accept', 'text/csv');
      expect(byAccept.text).toBe(csv.text);
    });

    it('records every request: who, which report, which filters, and no figures', async () => {
      const count = async () =>
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_user_id = $1 AND entity_id = 'rights-offered'`, [commissioner.id]))[0].n;
      const before = await count();
      await get({ ...PERIOD, role: 'victim', format: 'csv' });
      expect(await count()).toBe(before + 1);
      const [row] = await t.dataSource.query(
        `SELECT actor_user_id, action, entity_type, entity_id, area_id, details FROM audit_log WHERE actor_user_id = $1 AND entity_id = 'rights-offered' ORDER BY seq DESC LIMIT 1`,
        [commissioner.id],
      );
      expect(row).toEqual({
        actor_user_id: commissioner.id,
        action: 'report',
        entity_type: 'report',
        entity_id: 'rights-offered',
        area_id: null,
        details: {
          report: 'rights-offered', format: 'csv', source: expect.any(String), asOf: expect.any(String),
          filters: {
            from: PERIOD.from, to: PERIOD.to, groupBy: 'month', areaIds: [...commissioner.areaIds].sort(),
            organisationId: null, offenceCategory: null, enhanced: null, role: 'victim',
          },
        },
      });
    });

    it('answers no names, dates of birth, contact details, free text or record ids', async () => {
      const response = await get(PERIOD);
      const words = wordsOf(response.body);
      const people: Array<{ given_name: string; family_name: string; date_of_birth: string | null }> = await t.dataSource.query(
        `SELECT given_name, family_name, date_of_birth::text FROM people`,
      );
      const [{ summaries }] = await t.dataSource.query(`SELECT array_agg(DISTINCT summary) AS summaries FROM complaints`);
      expect(summaries).toEqual([SUMMARY]);
      const forbidden = [
        SUMMARY,
        ...people.flatMap((person) => [person.given_name, person.family_name, person.date_of_birth]).filter((word): word is string => !!word),
        ...Object.values(journeys).flatMap((journey) => [journey.journeyId, journey.reference, journey.personId]),
      ];
      for (const word of forbidden) expect(words.some((shown) => shown.includes(word))).toBe(false);
      expect(words.some((shown) => /@|\+44|\b07\d{9}\b/.test(shown))).toBe(false);
    });

    it('lets commissioners and supervisors of the area read it, answers 404 for another area and names each bad filter', async () => {
      const supervisor = await fixtures.signedIn(['supervisor'], ['cleveland']);
      expect((await get(PERIOD, supervisor)).status).toBe(200);
      expectProblem(await get(PERIOD, caseworker), 403, 'ROLE_NOT_ALLOWED');
      const clevelandCommissioner = await fixtures.signedIn(['commissioner'], ['cleveland']);
      expectProblem(await get({ ...PERIOD, areaId: durhamId }, clevelandCommissioner), 404, 'NOT_FOUND');
      const [denied] = await t.dataSource.query(
        `SELECT details FROM audit_log WHERE action = 'access_denied' AND actor_user_id = $1 AND entity_id = $2`,
        [clevelandCommissioner.id, durhamId],
      );
      expect(denied.details).toEqual({ what: 'report' });
      const bad = await get({ from: '2026-02-30', to: '2026-05-31', role: 'judge', enhanced: 'maybe', groupBy: 'week' });
      expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['enhanced', 'groupBy', 'role']);
      expect(fieldsOf(expectProblem(await get({ from: '2026-02-30', to: '2026-05-31' }), 400, 'VALIDATION_FAILED'))).toEqual(['from']);
    });
  });

  describe('the quarterly return’s figures', () => {
    it('gives per area the counts the return needs, and counts them with their complements', async () => {
      const repository = t.app.get(ReportsRepository);
      const scope: FactScope = { areaIds: [clevelandId, durhamId], period: { from: '2026-04-01', to: '2026-06-30' }, asAt: NOW, filters: {}, perArea: true };
      const rows = await t.dataSource.transaction(async (tx) => ({
        journeys: await repository.rightsJourneyTotals(tx, scope, 'live'),
        vcs: await repository.vcsReferralTotals(tx, scope, 'live'),
        complaints: await repository.complaintTotals(tx, scope, 'live'),
      }));
      const months = ['2026-04-01', '2026-05-01', '2026-06-01'];
      expect(rightsReturnCounts(rows, clevelandId, months)).toEqual({
        closed: 5, rjOffered: 3, rjReferred: 2, rjTookPart: 1, vpsOffered: 3, vpsMade: 1, vcsReferrals: 2, complaintsReceived: 4, complaintsResponded: 2,
      });
      const durham = rightsReturnCounts(rows, durhamId, months);
      expect(durham).toEqual(expect.objectContaining({ closed: 1, rjOffered: 1, rjReferred: 0, complaintsReceived: 0 }));
      const figures = new FigureTable();
      countRightsReturnFigures(figures, 'durham', durham);
      const shown = figures.protect(CellProtection.none());
      expect([shown.show('durham|closed'), shown.show('durham|rjOffered'), shown.show('durham|rjReferred')]).toEqual([1, 1, 0]);
      // What closure left out of the offers is counted too (never shown), so the attack harness can use it.
      expect(shown.cellsForAudit()).toEqual(expect.arrayContaining([{ key: 'durham|rjOffered:complement', shown: 0, truth: 0 }]));
    });
  });
});

/**
 * With disclosure control on (the default): ten closed journeys, nine of them offered
 * restorative justice. Every count is perturbed by its cell key, the answer is the report
 * built from the same rows' record keys, and no count is shown as 1 to 4.
 */
describe('commissioners’ reports: rights offered, protected figures', () => {
  let t: TestApp;
  let commissioner: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const fixtures = new Fixtures(t);
    const caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    commissioner = await fixtures.signedIn(['commissioner'], ['cleveland']);
    clevelandId = await fixtures.areaId('cleveland');
    // April: 7 offered RJ, 1 not; May: 2 offered.
    const stories = [
      ...Array.from({ length: 7 }, () => ({ rjOfferedAt: '2026-04-09T09:00:00Z', closedAt: '2026-04-20T09:00:00Z' })),
      { closedAt: '2026-04-21T09:00:00Z' },
      ...Array.from({ length: 2 }, () => ({ rjOfferedAt: '2026-04-09T09:00:00Z', closedAt: '2026-05-12T09:00:00Z' })),
    ];
    for (const story of stories) {
      await aJourneyStory(t, caseworker, clevelandId, {
        referredAt: '2026-04-07T08:00:00Z', contactedAt: '2026-04-08T09:00:00Z', assessedAt: '2026-04-08T10:00:00Z', startScore: scores(3),
        endScore: { missingReason: 'declined' }, ...story,
      });
    }
  }, 120_000);
  afterAll(() => t.close());

  it('perturbs every count by its own records’ keys, asking twice gives the same answer, and percentages need a protected base of 10', async () => {
    const ask = () => t.http().get('/api/v1/reports/rights-offered').query(PERIOD).set('authorization', commissioner.bearer);
    const response = await ask();
    expect(response.status).toBe(200);
    expect(response.body.disclosure).toEqual(expect.objectContaining({ method: 'cell-key', tableVersion: 'vjs-ckm-2', minimumBase: 10 }));
    expect(response.body.disclosure.notice).toMatch(/Totals are protected independently; rows may not add up/);
    const again = await ask();
    expect({ periods: again.body.periods, whole: again.body.whole }).toEqual({ periods: response.body.periods, whole: response.body.whole });

    const repository = t.app.get(ReportsRepository);
    const scope: FactScope = { areaIds: [clevelandId], period: PERIOD, asAt: NOW, filters: {} };
    const rows: RightsRows = await t.dataSource.transaction(async (tx) => ({
      journeys: await repository.rightsJourneyTotals(tx, scope, 'live'),
      duties: await repository.dutyTotals(tx, scope, 'live'),
      vcs: await repository.vcsReferralTotals(tx, scope, 'live'),
      rj: await repository.rjReferralTotals(tx, scope, 'live'),
      complaints: await repository.complaintTotals(tx, scope, 'live'),
    }));
    const build = (facts: RightsRows, protection: CellProtection) =>
      buildRightsOfferedReport(facts, periodGroups(PERIOD.from, PERIOD.to, 'month'), wholePeriod(PERIOD.from, PERIOD.to), protection);
    const truth = protectedBuild('none', rows, build);
    expect(truth.periods[0].journeys).toEqual(expect.objectContaining({ closed: 8, rjOffered: 7, rjNotOffered: 1 }));
    // The answer is the protected build of the same rows: the keys come from the records.
    const shown = protectedBuild('cell-key', rows, build);
    expect({ periods: shown.periods, whole: shown.whole }).toEqual({ periods: response.body.periods, whole: response.body.whole });
    const { counts } = expectProtected([response.body.periods, response.body.whole], [truth.periods, truth.whole]);
    expect(counts).toBeGreaterThan(50);
    // April's 1 not offered is never shown as 1; May's 2 closed never as 2, and gives no percentage.
    expect(response.body.periods[0].journeys.rjNotOffered).not.toBe(1);
    expect(response.body.periods[1].journeys.closed).not.toBe(2);
    expect(response.body.periods[1].journeys.rjOfferedPercent).toBeNull();
  });
});
