import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { personalDataIn, personalDataOf } from './personal-data-scan.js';
import { aJourneyStory } from './report-journey.builder.js';

const NOW = new Date('2026-06-15T10:00:00Z');
const PERIOD = { from: '2026-04-01', to: '2026-05-31' };


/**
 * The privacy rules of the reports, with disclosure control on (the default): every count
 * perturbed by the cell key method, whole months only, no personal data, only commissioners
 * and supervisors reach the reports, commissioners nothing else and no record-level list.
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

  describe('protected figures', () => {
    /** Every count of an answer (not its percentages, means, medians or labels). */
    const countsOf = (value: unknown, path = ''): Array<[string, number]> => {
      if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => countsOf(item, `${path}.${key}`));
      return typeof value === 'number' && !/(Percent|percent|mean\w*|median\w*|p90\w*|Score|right|_score)$/.test(path) ? [[path, value]] : [];
    };

    it('perturbs every count by the cell key method: no count is shown as 1 to 4, and the answer says how it was protected', async () => {
      const response = await get('code-compliance', PERIOD);
      expect(response.status).toBe(200);
      expect(response.body.disclosure).toEqual({
        method: 'cell-key', tableVersion: 'vjs-ckm-2', minimumBase: 10,
        notice: expect.stringContaining('Totals are protected independently; rows may not add up.'),
      });
      const april = response.body.periods[0];
      const firstContact = april.rules.find((rule: { ruleId: string }) => rule.ruleId === 'support.first-contact');
      // 9 due: 7 met, 2 breached. A count of 1 to 4 always shows as 0; the on-time % needs a protected base of 10.
      expect(firstContact.breached).toBe(0);
      expect(Math.abs(firstContact.met - 7)).toBeLessThanOrEqual(2);
      const counts = countsOf([response.body.periods, response.body.whole]);
      expect(counts.length).toBeGreaterThan(50);
      for (const [path, value] of counts) expect({ path, value, shownAsOneToFour: value >= 1 && value <= 4 }).toEqual({ path, value, shownAsOneToFour: false });
      // Asking again gives the same figures: the same records, the same keys.
      const again = await get('code-compliance', PERIOD);
      expect(again.body.periods).toEqual(response.body.periods);
    });

    it('protects the other reports and the quarterly return alike, with numeric CSV columns and a flag column', async () => {
      const referrals = await get('referral-timeliness', PERIOD);
      for (const [path, value] of countsOf([referrals.body.periods, referrals.body.whole])) expect({ path, small: value === 1 || value === 2 }).toEqual({ path, small: false });
      // May's single referral gives no percentage.
      expect(referrals.body.periods[1].unableToContactPercent).toBeNull();

      const quarterly = await get('quarterly-return', { financialYear: '2026-27', quarter: '1' });
      const [row] = quarterly.body.rows;
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'number' && !column.endsWith('_percent') && !column.endsWith('_mean_change') && !column.endsWith('_mean_score')) {
          expect({ column, small: value === 1 || value === 2 }).toEqual({ column, small: false });
        }
      }
      const csv = (await get('code-compliance', { ...PERIOD, format: 'csv' })).text.split('\r\n');
      const header = csv[0].split(',');
      expect(header).toContain('disclosure');
      const line = csv[1].split(',');
      expect(line[header.indexOf('disclosure')]).toBe('cell-key');
      expect(line[header.indexOf('due')]).toMatch(/^[0-9]+$/);
    });

    it('refuses part months with 422 PERIOD_TOO_FINE naming the field: overlapping part months would wear the protection away', async () => {
      expect(fieldsOf(expectProblem(await get('code-compliance', { from: '2026-04-02', to: '2026-05-31' }), 422, 'PERIOD_TOO_FINE'))).toEqual(['from']);
      expect(fieldsOf(expectProblem(await get('referral-timeliness', { from: '2026-04-14', to: '2026-04-14' }), 422, 'PERIOD_TOO_FINE'))).toEqual(['from', 'to']);
      expect(fieldsOf(expectProblem(await get('outcomes', { from: '2026-04-01', to: '2026-05-30' }), 422, 'PERIOD_TOO_FINE'))).toEqual(['to']);
      // A bad date is still a 400 first, and nothing was audited as a report for the refusals.
      expect(fieldsOf(expectProblem(await get('code-compliance', { from: '2026-04-31', to: '2026-05-31' }), 400, 'VALIDATION_FAILED'))).toEqual(['from']);
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

    it('lists breaches to the owning organisation’s supervisor by journey reference and pseudonym only, never the person', async () => {
      const supervisor = await fixtures.signedIn(['supervisor'], ['cleveland']);
      const response = await get('code-compliance/breaches', PERIOD, supervisor);
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
      // The record-level breach list is not a commissioner's.
      expectProblem(await get('code-compliance/breaches', PERIOD), 403, 'ROLE_NOT_ALLOWED');
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
      const supervisor = await fixtures.signedIn(['supervisor'], ['cleveland']);
      expectProblem(await get('code-compliance/breaches', { ...PERIOD, areaId: '3f1c2a4e-8b7d-4c6e-9a5f-0d1e2f3a4b5c' }, supervisor), 404, 'NOT_FOUND');
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
      const supervisor = await fixtures.signedIn(['supervisor'], ['cleveland']);
      expect(fieldsOf(expectProblem(await get('code-compliance/breaches', { ...PERIOD, right: '13', limit: '500', ruleId: 'police.shout' }, supervisor), 400, 'VALIDATION_FAILED'))).toEqual(['limit', 'right', 'ruleId']);
      expect(await problemFields('quarterly-return', { financialYear: '2026-28', quarter: '1' })).toEqual(['financialYear']);
      expect(await problemFields('quarterly-return', { financialYear: '2026', quarter: '5' })).toEqual(['financialYear', 'quarter']);
    });
  });
});
