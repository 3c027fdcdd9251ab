import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aDefendant } from '../support/defendant.builder.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aReferredJourney } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { aCrimeReference } from '../support/referral.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Thursday 16 April 2026, 10:00 London (BST).
const NOW = new Date('2026-04-16T09:00:00Z');

/**
 * Issue 16, "Reports add a data-quality figure: keyed late, i.e. recordedAt minus
 * receivedAt, by organisation": news keyed days after it arrived makes its duty look late,
 * and this report says whose keying it was.
 */
describe('the data-quality report: keyed late, by organisation', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let officer: SignedInUser;
  let supervisor: SignedInUser;
  let durhamSupervisor: SignedInUser;
  let clevelandId: string;
  let wcuId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    officer = await fixtures.session(await fixtures.user({ roles: ['witness_care_officer'], areas: ['cleveland'], kind: 'witness_care_unit' }));
    wcuId = await fixtures.organisationId('witness_care_unit');
    supervisor = await fixtures.signedIn(['supervisor'], ['cleveland']);
    durhamSupervisor = await fixtures.signedIn(['supervisor'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');

    // Two victims of one crime, referred today (keyed the day they were received).
    const crimeReference = aCrimeReference();
    const first = await aReferredJourney(t, caseworker, clevelandId, { crime: { crimeReference } });
    await aReferredJourney(t, caseworker, clevelandId, { crime: { crimeReference } });
    const defendant = await aDefendant(t, { areaId: clevelandId, crimeId: first.crimeId });
    const [court]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM courts WHERE area_id = $1 ORDER BY code LIMIT 1`, [clevelandId]);
    // A listing received on Monday 13 April, keyed by the witness care unit on Thursday 16th:
    // told to both victims, one record keyed 3 working days late.
    const listed = await t.http().post(`/api/v1/crimes/${first.crimeId}/hearings`).set('authorization', officer.bearer)
      .send({ type: 'trial', courtId: court.id, listedFor: '2026-05-11T09:30:00Z', defendantIds: [defendant.id], receivedAt: '2026-04-13T09:00:00Z' });
    expect(listed.status).toBe(201);
  });
  afterAll(() => t.close());

  const report = (user: SignedInUser, query: Record<string, string>) =>
    t.http().get('/api/v1/reports/data-quality').query(query).set('authorization', user.bearer);

  it('counts each keyed record once, by the organisation that keyed it, with how many working days after receipt', async () => {
    const answer = await report(supervisor, { from: '2026-04-01', to: '2026-04-30' });
    expect(answer.status).toBe(200);
    expect(answer.body.total).toEqual({ keyed: 3, sameDay: 2, nextWorkingDay: 0, keyedLate: 1, medianWorkingDays: 0, p90WorkingDays: 3, maxWorkingDays: 3 });
    const [worst, next] = answer.body.organisations;
    expect(worst).toEqual(expect.objectContaining({ organisationId: wcuId, organisationKind: 'witness_care_unit', keyed: 1, keyedLate: 1, maxWorkingDays: 3 }));
    expect(worst.byKind).toEqual([expect.objectContaining({ kind: 'hearing', keyed: 1, keyedLate: 1, medianWorkingDays: 3 })]);
    expect(next).toEqual(expect.objectContaining({ organisationId: caseworker.organisationId, keyed: 2, sameDay: 2, keyedLate: 0 }));
    expect(next.byKind).toEqual([expect.objectContaining({ kind: 'referral', keyed: 2 })]);
    // The period is by the day news was received: March holds none of it.
    expect((await report(supervisor, { from: '2026-03-01', to: '2026-03-31' })).body.total.keyed).toBe(0);
  });

  it('answers CSV, stays in the caller’s areas, refuses bad periods naming the field, and audits each request', async () => {
    const csv = await report(supervisor, { from: '2026-04-01', to: '2026-04-30', format: 'csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('as_of,period_from,period_to,level,organisation_id,organisation_name,organisation_kind,kind,keyed,same_day,next_working_day,keyed_late,median_working_days,p90_working_days,max_working_days');
    expect(lines.find((line) => line.includes(',kind,') && line.includes(',hearing,'))).toContain(',1,0,0,1,3,3,3');

    expect((await report(durhamSupervisor, { from: '2026-04-01', to: '2026-04-30' })).body.total.keyed).toBe(0);
    expectProblem(await report(durhamSupervisor, { from: '2026-04-01', to: '2026-04-30', areaId: clevelandId }), 404, 'NOT_FOUND');
    expect(fieldsOf(expectProblem(await report(supervisor, { from: '2026-04-31', to: '2026-04-30' }), 400, 'VALIDATION_FAILED'))).toEqual(['from']);
    expect(fieldsOf(expectProblem(await report(supervisor, { from: '2026-04-10', to: '2026-04-01' }), 400, 'VALIDATION_FAILED'))).toEqual(['to']);
    expectProblem(await report(caseworker, { from: '2026-04-01', to: '2026-04-30' }), 403, 'ROLE_NOT_ALLOWED');

    const audited = await t.dataSource.query(`SELECT actor_user_id FROM audit_log WHERE action = 'report' AND entity_id = 'data-quality'`);
    expect(audited.map((row: { actor_user_id: string }) => row.actor_user_id)).toEqual(expect.arrayContaining([supervisor.id, durhamSupervisor.id]));
  });
});
