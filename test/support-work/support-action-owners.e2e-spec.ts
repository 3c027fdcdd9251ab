import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aJourneyReferredAt } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NOW = new Date('2026-04-14T12:00:00Z');

/** Issue 18: a victim's support action is handed only to someone who works on journeys in its area. */
describe('who may own a support action', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let journeyId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    journeyId = (await aJourneyReferredAt(t, caseworker, await fixtures.areaId('cleveland'), new Date('2026-04-14T07:00:00Z'))).journeyId;
  });
  afterAll(() => t.close());

  const addAction = (ownerUserId: string) =>
    t
      .http()
      .post(`/api/v1/journeys/${journeyId}/actions`)
      .set('authorization', caseworker.bearer)
      .send({ description: 'Arrange a lock change', ownerUserId, dueOn: '2026-04-21' });

  it('refuses an owner from another area, a commissioner, an auditor or a disabled worker, naming the field', async () => {
    const durhamCaseworker = await fixtures.user({ roles: ['caseworker'], areas: ['durham'] });
    const commissioner = await fixtures.user({ roles: ['commissioner'], areas: ['cleveland'] });
    const auditor = await fixtures.user({ roles: ['auditor'], areas: ['cleveland'] });
    const disabled = await fixtures.user({ roles: ['caseworker'], areas: ['cleveland'] });
    await t.dataSource.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [disabled.id]);
    for (const owner of [durhamCaseworker, commissioner, auditor, disabled]) {
      expect(fieldsOf(expectProblem(await addAction(owner.id), 400, 'VALIDATION_FAILED'))).toEqual(['ownerUserId']);
    }
    expect(await t.dataSource.query(`SELECT 1 FROM support_actions WHERE journey_id = $1`, [journeyId])).toEqual([]);
  });

  it('accepts an active caseworker, supervisor or witness care officer of the area, and checks a new owner the same way', async () => {
    for (const roles of [['caseworker'], ['supervisor'], ['witness_care_officer']] as const) {
      const owner = await fixtures.user({ roles: [...roles], areas: ['cleveland', 'durham'] });
      expect((await addAction(owner.id)).status).toBe(201);
    }
    const added = await addAction(caseworker.id);
    const commissioner = await fixtures.user({ roles: ['commissioner'], areas: ['cleveland'] });
    const moved = await t
      .http()
      .patch(`/api/v1/journeys/${journeyId}/actions/${added.body.id}`)
      .set('authorization', caseworker.bearer)
      .set('if-match', added.headers.etag)
      .send({ owner: { userId: commissioner.id } });
    expect(fieldsOf(expectProblem(moved, 400, 'VALIDATION_FAILED'))).toEqual(['owner.userId']);
  });
});
