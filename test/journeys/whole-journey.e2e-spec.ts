import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser, type TestUser } from '../support/fixtures.js';
import { allNeeds, copeRecoverAnswers, dutiesByRule, journeyEtag } from '../support/journey.builder.js';
import { aReferral } from '../support/referral.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * One victim from police referral to the end of support, through every module, as a
 * caseworker would do it: the Code's duties are met on time and the timeline tells it all.
 */
describe('a victim’s journey from referral to closure', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let police: TestUser & { apiKey: string };
  let casey: TestUser;
  let colleague: TestUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-04-02T10:00:00Z') });
    fixtures = new Fixtures(t);
    police = await fixtures.partnerClient(['cleveland']);
    casey = await fixtures.user({ roles: ['caseworker'], areas: ['cleveland'] });
    colleague = await fixtures.user({ roles: ['caseworker'], areas: ['cleveland'] });
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  /** Moves the clock and signs in afresh (access tokens last 15 minutes). */
  const at = async (instant: string, user: TestUser): Promise<SignedInUser> => {
    t.clock.set(new Date(instant));
    return fixtures.session(user);
  };
  const post = async (user: SignedInUser, journeyId: string, path: string, body: object, ifMatch = false) => {
    const request = t.http().post(`/api/v1/journeys/${journeyId}/${path}`).set('authorization', user.bearer);
    if (ifMatch) request.set('if-match', await journeyEtag(t, user, journeyId));
    const response = await request.send(body);
    expect({ path, ok: [200, 201].includes(response.status) ? true : response.body }).toEqual({ path, ok: true });
    return response;
  };

  it('meets every duty on time, hands over with a reason, and closes with the outcome measured', async () => {
    // Maundy Thursday: the police feed refers a burglary victim reported the day before.
    const referral = await t.http().post('/api/v1/referrals').set('x-api-key', police.apiKey).set('idempotency-key', 'whole-journey-0001')
      .send(aReferral(clevelandId, { crime: { reportedAt: '2026-04-01T16:00:00Z', offenceDate: '2026-04-01' } }));
    expect(referral.status).toBe(201);
    const journeyId: string = referral.body.journeyId;

    let me = await at('2026-04-02T10:05:00Z', casey);
    const queue = await t.http().get('/api/v1/work-queue').query({ view: 'team' }).set('authorization', me.bearer);
    expect(queue.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'new_referral', journey: expect.objectContaining({ id: journeyId }) })]));

    // The Tuesday after Easter: Casey takes the case, fails to get through, then reaches the victim, who wants support.
    me = await at('2026-04-07T08:00:00Z', casey);
    const lead = await t.http().put(`/api/v1/journeys/${journeyId}/lead`).set('authorization', me.bearer)
      .set('if-match', await journeyEtag(t, me, journeyId)).send({ workerId: casey.id });
    expect(lead.status).toBe(200);
    await post(me, journeyId, 'contact-attempts', { method: 'phone', outcome: 'no_answer', attemptedAt: '2026-04-07T07:45:00Z', nextAttemptAt: '2026-04-07T09:00:00Z' });
    me = await at('2026-04-07T09:30:00Z', casey);
    await post(me, journeyId, 'contact-attempts', { method: 'phone', outcome: 'contacted', attemptedAt: '2026-04-07T09:00:00Z', supportWanted: 'accepted' });
    await post(me, journeyId, 'needs-assessments', {
      completedAt: '2026-04-07T09:25:00Z',
      needs: allNeeds({ safety_security: 'high', mental_emotional: 'medium' }),
      decision: 'accepted',
      startScore: { answers: copeRecoverAnswers(2) },
    }, true);
    await post(me, journeyId, 'actions', { description: 'Arrange a lock change', ownerUserId: casey.id, dueOn: '2026-04-10' });
    await post(me, journeyId, 'rj-offers', { offeredAt: '2026-04-07T09:28:00Z', answer: 'interested' });

    // Casey goes on leave: the case is handed over, with good cause, to a colleague.
    const handover = await t.http().put(`/api/v1/journeys/${journeyId}/lead`).set('authorization', me.bearer)
      .set('if-match', await journeyEtag(t, me, journeyId))
      .send({ workerId: colleague.id, reason: 'worker_unavailable', note: 'Casey on leave for a month; victim told and happy' });
    expect(handover.status).toBe(200);

    // A month on, the colleague closes the case with the end measure and the satisfaction question.
    const them = await at('2026-05-07T14:00:00Z', colleague);
    const closed = await post(them, journeyId, 'closure', {
      reason: 'support_completed',
      endScore: { answers: copeRecoverAnswers(4) },
      satisfaction: { score: 9, comment: 'Felt listened to' },
    }, true);
    expect(closed.body).toEqual(expect.objectContaining({ stage: 'closed', leadWorker: expect.objectContaining({ id: colleague.id }) }));

    const duties = await dutiesByRule(t, them, journeyId);
    expect(Object.fromEntries(Object.entries(duties).map(([rule, duty]) => [rule, duty.status]))).toEqual({
      'police.refer-to-support': 'met',
      'support.first-contact': 'met',
      'support.needs-assessment': 'met',
      'support.rj-offer': 'met',
    });
    expect(duties['support.first-contact']).toEqual(expect.objectContaining({ dueAt: '2026-04-08T22:59:59.999Z', metAt: '2026-04-07T09:00:00.000Z' }));

    const measures = await t.http().get(`/api/v1/journeys/${journeyId}/cope-recover`).set('authorization', them.bearer);
    expect(measures.body.change).toEqual(expect.objectContaining({ overallChange: 12, overallImproved: true }));

    const timeline = await t.http().get(`/api/v1/journeys/${journeyId}/timeline`).query({ limit: 100 }).set('authorization', them.bearer);
    const types = timeline.body.items.map((event: { type: string }) => event.type);
    expect(types[0]).toBe('journey.closed');
    expect(types[types.length - 1]).toBe('crime.reported');
    expect(types).toEqual(expect.arrayContaining(['referral.received', 'lead-worker.assigned', 'contact.attempted', 'contact.succeeded',
      'support.accepted', 'needs-assessment.completed', 'support-plan.action-added', 'rj.offered', 'journey.handed-over']));
    const handedOver = timeline.body.items.find((event: { type: string }) => event.type === 'journey.handed-over');
    expect(handedOver).toEqual(expect.objectContaining({ recordedBy: expect.objectContaining({ id: casey.id }), payload: expect.objectContaining({ reason: 'worker_unavailable' }) }));

    const after = await t.http().get('/api/v1/work-queue').query({ view: 'mine' }).set('authorization', them.bearer);
    expect(after.body.items.filter((item: { journey: { id: string } }) => item.journey.id === journeyId)).toEqual([]);
  });
});
