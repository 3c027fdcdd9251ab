import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { personalDataIn, personalDataOf } from './personal-data-scan.js';
import { aJourneyStory } from './report-journey.builder.js';

const NOW = new Date('2026-06-15T10:00:00Z');
const PERIOD = { from: '2026-04-01', to: '2026-05-31' };
const STATUSES = ['met', 'metLate', 'breached', 'open', 'withdrawn'] as const;

type Cell = number | string;
type Row = Record<string, Cell | unknown>;

/** Whether a row's hidden count could be worked out from a relation: exactly one of its members hidden. */
function recoverable(total: Cell, parts: readonly Cell[]): boolean {
  return [total, ...parts].filter((cell) => typeof cell === 'string').length === 1;
}

/**
 * The privacy rules of the reports, at the default threshold (5): small counts and the
 * counts that would give them away are hidden, no personal data leaves, only
 * commissioners and supervisors reach the reports and commissioners nothing else.
 */
describe('commissioners’ reports: privacy', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let commissioner: SignedInUser;
  let clevelandId: string;
  let durhamId: string;
  const references: string[] = [];
  const familyNames: string[] = [];

  const get = (path: string, query: Record<string, string> = {}, user: SignedInUser = commissioner) =>
    t.http().get(`/api/v1/reports/${path}`).query(query).set('authorization', user.bearer);

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    commissioner = await fixtures.signedIn(['commissioner'], ['cleveland']);
    clevelandId = await fixtures.areaId('cleveland');
    durhamId = await fixtures.areaId('durham');
    // April: 7 victims reached on time, 2 never reached (2 breaches); May: 1 reached on time.
    const stories = [
      ...Array.from({ length: 7 }, () => ({ referredAt: '2026-04-14T08:00:00Z', contactedAt: '2026-04-15T09:00:00Z' })),
      ...Array.from({ length: 2 }, () => ({ referredAt: '2026-04-14T08:00:00Z' })),
      { referredAt: '2026-05-06T08:00:00Z', contactedAt: '2026-05-07T09:00:00Z' },
    ];
    for (const story of stories) {
      const built = await aJourneyStory(t, caseworker, clevelandId, story);
      references.push(built.reference);
      const [person] = await t.dataSource.query(`SELECT family_name FROM people WHERE id = $1`, [built.personId]);
      familyNames.push(person.family_name);
    }
  }, 120_000);
  afterAll(() => t.close());

  describe('small numbers', () => {
    it('shows counts from 1 to 4 as <5 and withholds others so that no row gives a small count away', async () => {
      const response = await get('code-compliance', PERIOD);
      expect(response.status).toBe(200);
      expect(response.body.suppression).toEqual(expect.objectContaining({ threshold: 5, smallCount: '<5', withheld: 'withheld' }));
      const april = response.body.periods[0];
      const firstContact = april.rules.find((rule: { ruleId: string }) => rule.ruleId === 'support.first-contact');
      // 9 due: 7 met, 2 breached. The 2 is small; the 7 is withheld, else 9 - 7 would give it away; and
      // the 9 too, as the whole period's 10 less May's "<5" (1) would otherwise tell it.
      expect(firstContact).toEqual(expect.objectContaining({ due: 'withheld', met: 'withheld', breached: '<5', metLate: 0, open: 0, withdrawn: 0, onTimePercent: null }));
      expect(response.body.whole.rules.find((rule: { ruleId: string }) => rule.ruleId === 'support.first-contact')).toEqual(
        expect.objectContaining({ due: 10, met: 'withheld', breached: '<5', medianWorkingDaysLate: null }),
      );
      expect(response.body.suppression.hiddenCounts).toBeGreaterThan(2);

      const periods: Array<{ label: string; rules: Row[]; rights: Row[]; total: Row }> = [...response.body.periods, response.body.whole];
      const rowsOf = (period: (typeof periods)[number]) => [...period.rules, ...period.rights, period.total];
      for (const period of periods) {
        for (const row of rowsOf(period)) {
          // No small number is ever shown, and no row's total minus its shown parts is a single hidden count.
          for (const column of ['due', ...STATUSES]) expect([0, '<5', 'withheld'].includes(row[column] as Cell) || (row[column] as number) >= 5).toBe(true);
          expect(recoverable(row.due as Cell, STATUSES.map((status) => row[status] as Cell))).toBe(false);
        }
        // Nor does a right minus its other rules, nor the total minus its rights.
        for (const column of ['due', ...STATUSES]) {
          for (const right of period.rights) {
            const rules = period.rules.filter((rule) => rule.right === right.right);
            expect(recoverable(right[column] as Cell, rules.map((rule) => rule[column] as Cell))).toBe(false);
          }
          expect(recoverable(period.total[column] as Cell, period.rights.map((right) => right[column] as Cell))).toBe(false);
        }
      }
      // Nor the whole period minus its months.
      for (const [index, row] of rowsOf(response.body.whole).entries()) {
        for (const column of ['due', ...STATUSES]) {
          expect(recoverable(row[column] as Cell, response.body.periods.map((period: (typeof periods)[number]) => rowsOf(period)[index][column] as Cell))).toBe(false);
        }
      }
    });

    it('hides small counts in the other reports and the quarterly return, and figures derived from them', async () => {
      const referrals = await get('referral-timeliness', PERIOD);
      const may = referrals.body.periods[1];
      expect(may).toEqual(expect.objectContaining({ referrals: '<5', contacted: '<5', unableToContactPercent: null }));
      expect(referrals.body.periods[0]).toEqual(expect.objectContaining({ referrals: 'withheld', contacted: 'withheld', unableToContact: 0 }));
      expect(referrals.body.periods[0].firstContact).toEqual(expect.objectContaining({ due: 'withheld', breached: '<5', onTimePercent: null }));
      // 8 of 10 contacted would say 2 were not: what a subset leaves out of its total is a count too.
      expect(referrals.body.whole).toEqual(expect.objectContaining({ referrals: 10, contacted: 'withheld' }));

      const quarterly = await get('quarterly-return', { financialYear: '2026-27', quarter: '1' });
      const [row] = quarterly.body.rows;
      expect(row).toEqual(expect.objectContaining({ referrals_received: 10, first_contact_breached: '<5', first_contact_on_time_percent: null }));
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'number' && !column.endsWith('_percent') && !column.endsWith('_mean_change') && !column.endsWith('_mean_score')) {
          expect({ column, small: value > 0 && value < 5 }).toEqual({ column, small: false });
        }
      }
      expect(recoverable(row.referrals_received, [row.referrals_victims, row.referrals_witnesses])).toBe(false);
      expect(row.contacted).toBe('withheld');
      expect(recoverable(row.first_contact_due, [row.first_contact_on_time, row.first_contact_met_late, row.first_contact_breached, row.first_contact_open, row.first_contact_withdrawn])).toBe(false);
    });
  });

  describe('personal data', () => {
    it('answers no names, dates of birth, contact details, addresses, free text or record ids in any report', async () => {
      const answers = await Promise.all([
        get('code-compliance', PERIOD),
        get('referral-timeliness', PERIOD),
        get('outcomes', PERIOD),
        get('quarterly-return', { financialYear: '2026-27', quarter: '1' }),
        get('code-compliance', { ...PERIOD, format: 'csv' }),
        get('quarterly-return', { financialYear: '2026-27', quarter: '1', format: 'csv' }),
      ]);
      const forbidden = await personalDataOf(t, { familyNames, references });
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(personalDataIn(answer, forbidden)).toEqual([]);
      }
    });

    it('lists breaches by journey reference and pseudonym only, never the person', async () => {
      const response = await get('code-compliance/breaches', PERIOD);
      expect(response.body.total).toBe(2);
      for (const item of response.body.items) {
        expect(Object.keys(item).sort()).toEqual(['dueAt', 'journeyReference', 'metAt', 'owner', 'personPseudonym', 'right', 'ruleId', 'status', 'workingDaysLate']);
      }
      for (const name of familyNames) expect(response.text).not.toContain(name);
    });
  });

  describe('who may see them', () => {
    it('lets commissioners and supervisors read the reports of their areas, and no other role', async () => {
      const supervisor = await fixtures.signedIn(['supervisor'], ['cleveland']);
      expect((await get('code-compliance', PERIOD, supervisor)).status).toBe(200);
      for (const role of ['caseworker', 'witness_care_officer', 'admin', 'auditor'] as const) {
        const user = await fixtures.signedIn([role], ['cleveland']);
        for (const path of ['code-compliance', 'code-compliance/breaches', 'referral-timeliness', 'outcomes']) {
          expectProblem(await get(path, PERIOD, user), 403, 'ROLE_NOT_ALLOWED');
        }
        expectProblem(await get('quarterly-return', { financialYear: '2026-27', quarter: '1' }, user), 403, 'ROLE_NOT_ALLOWED');
      }
    });

    it('keeps a commissioner away from every journey, person and work queue', async () => {
      const [journey] = await t.dataSource.query(`SELECT id, person_id FROM journeys LIMIT 1`);
      const refused = [
        t.http().get(`/api/v1/journeys/${journey.id}`),
        t.http().get(`/api/v1/journeys/${journey.id}/timeline`),
        t.http().get(`/api/v1/journeys/${journey.id}/duties`),
        t.http().get(`/api/v1/journeys`).query({ reference: references[0] }),
        t.http().get(`/api/v1/people/${journey.person_id}`),
        t.http().get(`/api/v1/work-queue`),
        t.http().get(`/api/v1/journeys/${journey.id}/cope-recover`),
        t.http().get(`/api/v1/journeys/${journey.id}/needs-assessments`),
        t.http().get(`/api/v1/audit/people/${journey.person_id}/access`).query({ from: '2026-01-01T00:00:00Z', to: '2026-12-31T00:00:00Z' }),
      ];
      for (const request of refused) expectProblem(await request.set('authorization', commissioner.bearer), 403, 'ROLE_NOT_ALLOWED');
    });

    it('answers 404 for an area that is not the caller’s, and audits the attempt', async () => {
      expectProblem(await get('code-compliance', { ...PERIOD, areaId: durhamId }), 404, 'NOT_FOUND');
      expectProblem(await get('quarterly-return', { financialYear: '2026-27', quarter: '1', areaId: durhamId }), 404, 'NOT_FOUND');
      expectProblem(await get('code-compliance/breaches', { ...PERIOD, areaId: '3f1c2a4e-8b7d-4c6e-9a5f-0d1e2f3a4b5c' }), 404, 'NOT_FOUND');
      const denied = await t.dataSource.query(
        `SELECT entity_type, entity_id, details FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' ORDER BY seq`,
        [commissioner.id],
      );
      expect(denied.slice(0, 2)).toEqual([
        { entity_type: 'area', entity_id: durhamId, details: { what: 'report' } },
        { entity_type: 'area', entity_id: durhamId, details: { what: 'report' } },
      ]);
    });
  });

  describe('bad filters', () => {
    const problemFields = async (path: string, query: Record<string, string>) => fieldsOf(expectProblem(await get(path, query), 400, 'VALIDATION_FAILED'));

    it('names each bad filter', async () => {
      expect(await problemFields('code-compliance', {})).toEqual(['from', 'to']);
      expect(await problemFields('code-compliance', { from: '2026-02-30', to: '2026-13-01' })).toEqual(['from', 'to']);
      expect(await problemFields('code-compliance', { from: '2026-06-01', to: '2026-05-31' })).toEqual(['to']);
      expect(await problemFields('code-compliance', { from: '2020-01-01', to: '2023-01-31' })).toEqual(['to']);
      expect(await problemFields('code-compliance', { from: '2014-12-01', to: '2015-01-31' })).toEqual(['from']);
      expect(await problemFields('outcomes', { ...PERIOD, offenceCategory: 'arson', groupBy: 'week', enhanced: 'yes', role: 'victims' })).toEqual(['enhanced', 'groupBy', 'offenceCategory', 'role']);
      expect(await problemFields('referral-timeliness', { ...PERIOD, colour: 'red' })).toEqual(['colour']);
      expect(await problemFields('referral-timeliness', { ...PERIOD, organisationId: 'abc', areaId: 'cleveland' })).toEqual(['areaId', 'organisationId']);
      expect(await problemFields('code-compliance', { ...PERIOD, organisationId: '3f1c2a4e-8b7d-4c6e-9a5f-0d1e2f3a4b5c' })).toEqual(['organisationId']);
      expect(await problemFields('code-compliance/breaches', { ...PERIOD, right: '13', limit: '500', ruleId: 'police.shout' })).toEqual(['limit', 'right', 'ruleId']);
      expect(await problemFields('quarterly-return', { financialYear: '2026-28', quarter: '1' })).toEqual(['financialYear']);
      expect(await problemFields('quarterly-return', { financialYear: '2026', quarter: '5' })).toEqual(['financialYear', 'quarter']);
    });
  });
});
