import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aJourneyReferredAt, dutiesByRule, eventTypes, journeyEtag } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { charged, closeJourney, recordOnJourney, sentenced } from './court-news.builder.js';

// Referred and accepting support on Monday 8 June 2026: the offer is owed 20 working days on, Monday 6 July.
const REFERRED_AT = new Date('2026-06-08T07:00:00Z');
const NOW = new Date('2026-06-10T12:00:00Z');

describe('restorative justice: offers, referral to the hub, outcome', () => {
  let t: TestApp;
  let caseworker: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const acceptingSupport = async () => {
    const { journeyId } = await aJourneyReferredAt(t, caseworker, clevelandId, REFERRED_AT);
    const contact = await t.http().post(`/api/v1/journeys/${journeyId}/contact-attempts`).set('authorization', caseworker.bearer)
      .send({ method: 'phone', outcome: 'contacted', attemptedAt: '2026-06-08T08:00:00Z', supportWanted: 'accepted' });
    expect(contact.status).toBe(201);
    return journeyId;
  };
  const offer = (journeyId: string, body: object, user: SignedInUser = caseworker) =>
    t.http().post(`/api/v1/journeys/${journeyId}/rj-offers`).set('authorization', user.bearer).send({ offeredAt: '2026-06-09T10:00:00Z', ...body });
  const refer = (journeyId: string, body: object = {}, user: SignedInUser = caseworker) =>
    t.http().post(`/api/v1/journeys/${journeyId}/rj-referrals`).set('authorization', user.bearer)
      .send({ consentGiven: true, consentRecordedAt: '2026-06-09T10:05:00Z', referredAt: '2026-06-09T11:00:00Z', ...body });
  const recordOutcome = (journeyId: string, referralId: string, body: object, etag: string | null, user: SignedInUser = caseworker) => {
    const request = t.http().patch(`/api/v1/journeys/${journeyId}/rj-referrals/${referralId}`).set('authorization', user.bearer);
    if (etag) request.set('if-match', etag);
    return request.send(body);
  };

  describe('offers', () => {
    it('meets the offer duty with the first offer, whatever the response, with the stage taken from the timeline', async () => {
      const journeyId = await acceptingSupport();
      expect((await dutiesByRule(t, caseworker, journeyId))['support.rj-offer']).toEqual(
        expect.objectContaining({ status: 'open', owner: 'victim_care_service', dueAt: '2026-07-06T22:59:59.999Z' }),
      );
      const response = await offer(journeyId, { response: 'not_now' });
      expect(response.status).toBe(201);
      expect(response.headers.etag).toBe(await journeyEtag(t, caseworker, journeyId));
      expect(response.body).toEqual({
        id: expect.any(String), eventId: expect.any(String), journeyId, stage: 'pre_charge', offeredAt: '2026-06-09T10:00:00.000Z',
        offeredBy: 'victim_care_service', response: 'not_now', answer: 'not_interested', createdBy: caseworker.id,
      });
      expect((await dutiesByRule(t, caseworker, journeyId))['support.rj-offer']).toEqual(expect.objectContaining({ status: 'met', metAt: '2026-06-09T10:00:00.000Z' }));
      const [event] = await t.dataSource.query(`SELECT type, payload FROM journey_events WHERE id = $1`, [response.body.eventId]);
      expect(event).toEqual({ type: 'rj.offered', payload: { answer: 'not_interested' } });
      const audit = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'rj_offer' AND entity_id = $1`, [response.body.id]);
      expect(audit).toEqual([{ action: 'create', details: { journeyId, stage: 'pre_charge', response: 'not_now' } }]);

      await recordOnJourney(t, caseworker, journeyId, [charged('2026-06-09T12:00:00Z')]);
      expect((await offer(journeyId, { offeredAt: '2026-06-10T09:00:00Z', response: 'interested' })).body.stage).toBe('pre_sentence');
      await recordOnJourney(t, caseworker, journeyId, [sentenced('2026-06-10T10:00:00Z', 'OUT-1')]);
      expect((await offer(journeyId, { offeredAt: '2026-06-10T11:00:00Z', response: 'declined', offeredBy: 'probation' })).body).toEqual(
        expect.objectContaining({ stage: 'post_sentence', offeredBy: 'probation', answer: 'not_interested' }),
      );
      expect((await offer(journeyId, { offeredAt: '2026-06-10T11:30:00Z', response: 'declined', stage: 'pre_sentence' })).body.stage).toBe('pre_sentence');

      const list = await t.http().get(`/api/v1/journeys/${journeyId}/rj-offers`).set('authorization', caseworker.bearer);
      expect(list.status).toBe(200);
      expect(list.body.items.map((item: { stage: string; response: string }) => `${item.stage}:${item.response}`)).toEqual([
        'pre_sentence:declined', 'post_sentence:declined', 'pre_sentence:interested', 'pre_charge:not_now',
      ]);
      expect((await dutiesByRule(t, caseworker, journeyId))['support.rj-offer']).toEqual(expect.objectContaining({ status: 'met', metAt: '2026-06-09T10:00:00.000Z' }));
      expect((await eventTypes(t, journeyId)).filter((type) => type === 'rj.offered')).toHaveLength(4);
    });

    it('still takes the first version’s answer, not_interested being recorded as declined, but not with a response too', async () => {
      const journeyId = await acceptingSupport();
      const response = await offer(journeyId, { answer: 'not_interested' });
      expect(response.body).toEqual(expect.objectContaining({ response: 'declined', answer: 'not_interested' }));
      expect(fieldsOf(expectProblem(await offer(journeyId, { answer: 'interested', response: 'interested' }), 400, 'VALIDATION_FAILED'))).toEqual(['response']);
      expect(fieldsOf(expectProblem(await offer(journeyId, {}), 400, 'VALIDATION_FAILED'))).toEqual(['response']);
      expect(fieldsOf(expectProblem(await offer(journeyId, { response: 'maybe', stage: 'at_trial', offeredBy: 'victim' }), 400))).toEqual(['offeredBy', 'response', 'stage']);
      expect(fieldsOf(expectProblem(await offer(journeyId, { response: 'interested', offeredAt: '2026-06-01T10:00:00Z' }), 400))).toEqual(['offeredAt']);
    });
  });

  describe('referral to the hub', () => {
    it('refers an interested victim with consent, and records what the hub did, each change with the referral’s own version', async () => {
      const journeyId = await acceptingSupport();
      const offered = await offer(journeyId, { response: 'interested' });
      const referred = await refer(journeyId, { provider: 'Restorative Cleveland' });
      expect(referred.status).toBe(201);
      expect(referred.headers.etag).toBe('"1"');
      expect(referred.body).toEqual({
        id: expect.any(String), journeyId, rjOfferId: offered.body.id, provider: 'Restorative Cleveland', consentRecordedAt: '2026-06-09T10:05:00.000Z',
        referredAt: '2026-06-09T11:00:00.000Z', outcome: 'pending', outcomeAt: null, createdBy: caseworker.id, version: 1,
      });
      const [referral] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'rj.referred'`, [journeyId]);
      expect(referral.payload).toEqual({ rjReferralId: referred.body.id, rjOfferId: offered.body.id });

      const id = referred.body.id as string;
      expectProblem(await recordOutcome(journeyId, id, { outcome: 'letter', outcomeAt: '2026-06-10T10:00:00Z' }, null), 428, 'PRECONDITION_REQUIRED');
      const outcome = await recordOutcome(journeyId, id, { outcome: 'indirect_shuttle', outcomeAt: '2026-06-10T10:00:00Z' }, '"1"');
      expect(outcome.status).toBe(200);
      expect(outcome.headers.etag).toBe('"2"');
      expect(outcome.body).toEqual(expect.objectContaining({ outcome: 'indirect_shuttle', outcomeAt: '2026-06-10T10:00:00.000Z', version: 2 }));
      expectProblem(await recordOutcome(journeyId, id, { outcome: 'letter', outcomeAt: '2026-06-10T11:00:00Z' }, '"1"'), 409, 'CONFLICT');
      expectProblem(await recordOutcome(journeyId, id, { outcome: 'letter', outcomeAt: '2026-06-10T11:00:00Z' }, '"2"'), 422, 'RJ_OUTCOME_RECORDED');

      const [recorded] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'rj.outcome-recorded'`, [journeyId]);
      expect(recorded.payload).toEqual({ rjReferralId: id, outcome: 'indirect_shuttle' });
      const audit = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'rj_referral' AND entity_id = $1 ORDER BY seq`, [id]);
      expect(audit).toEqual([
        { action: 'create', details: { journeyId, rjOfferId: offered.body.id } },
        { action: 'update', details: { journeyId, outcome: 'indirect_shuttle' } },
      ]);
      const list = await t.http().get(`/api/v1/journeys/${journeyId}/rj-referrals`).set('authorization', caseworker.bearer);
      expect(list.body.items).toEqual([outcome.body]);
    });

    it('refers only with consent, after an offer the victim was interested in, one referral at a time', async () => {
      const journeyId = await acceptingSupport();
      expectProblem(await refer(journeyId), 422, 'RJ_NOT_OFFERED');
      const declined = await offer(journeyId, { response: 'declined' });
      expectProblem(await refer(journeyId), 422, 'RJ_NOT_INTERESTED');
      const interested = await offer(journeyId, { offeredAt: '2026-06-09T10:30:00Z', response: 'interested' });
      expectProblem(await refer(journeyId, { rjOfferId: declined.body.id }), 422, 'RJ_NOT_INTERESTED');
      expectProblem(await refer(journeyId, { rjOfferId: '3f1c2a4e-8b7d-4c6e-9a5f-0d1e2f3a4b5c' }), 404, 'NOT_FOUND');
      const noConsent = expectProblem(await refer(journeyId, { consentGiven: false }), 422, 'CONSENT_REQUIRED');
      expect(fieldsOf(noConsent)).toEqual(['consentGiven']);
      expect((await refer(journeyId, { rjOfferId: interested.body.id })).status).toBe(201);
      expectProblem(await refer(journeyId), 422, 'RJ_REFERRAL_PENDING');
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM rj_referrals WHERE journey_id = $1`, [journeyId]);
      expect(n).toBe(1);
    });

    it('names each bad field: consent after the referral, a referral before the offer, an outcome still pending', async () => {
      const journeyId = await acceptingSupport();
      await offer(journeyId, { response: 'interested' });
      expect(fieldsOf(expectProblem(await refer(journeyId, { consentRecordedAt: '2026-06-09T12:00:00Z' }), 400))).toEqual(['consentRecordedAt']);
      expect(fieldsOf(expectProblem(await refer(journeyId, { consentRecordedAt: '2026-06-09T09:00:00Z', referredAt: '2026-06-09T09:30:00Z' }), 400))).toEqual(['referredAt']);
      expect(fieldsOf(expectProblem(await refer(journeyId, { consentGiven: 'yes', rjOfferId: 'first', provider: '' }), 400))).toEqual(['consentGiven', 'provider', 'rjOfferId']);
      const referred = await refer(journeyId);
      expect(fieldsOf(expectProblem(await recordOutcome(journeyId, referred.body.id, { outcome: 'pending', outcomeAt: 'later' }, '"1"'), 400))).toEqual(['outcome', 'outcomeAt']);
      expect(fieldsOf(expectProblem(await recordOutcome(journeyId, referred.body.id, { outcome: 'letter', outcomeAt: '2026-06-09T10:30:00Z' }, '"1"'), 400))).toEqual(['outcomeAt']);
    });
  });

  it('answers another area’s journey as not found, for offers, referrals and outcomes alike', async () => {
    const journeyId = await acceptingSupport();
    await offer(journeyId, { response: 'interested' });
    const referred = await refer(journeyId);
    expectProblem(await offer(journeyId, { response: 'interested' }, durhamCaseworker), 404, 'NOT_FOUND');
    expectProblem(await refer(journeyId, {}, durhamCaseworker), 404, 'NOT_FOUND');
    expectProblem(await recordOutcome(journeyId, referred.body.id, { outcome: 'letter', outcomeAt: '2026-06-10T10:00:00Z' }, '"1"', durhamCaseworker), 404, 'NOT_FOUND');
    expectProblem(await t.http().get(`/api/v1/journeys/${journeyId}/rj-offers`).set('authorization', durhamCaseworker.bearer), 404);
    expectProblem(await t.http().get(`/api/v1/journeys/${journeyId}/rj-referrals`).set('authorization', durhamCaseworker.bearer), 404);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied'`, [durhamCaseworker.id]);
    expect(n).toBeGreaterThanOrEqual(5);
    expectProblem(
      await t.http().post(`/api/v1/journeys/${journeyId}/rj-offers`).set('authorization', caseworker.bearer).set('if-match', '"99"').send({ offeredAt: '2026-06-09T10:00:00Z', response: 'interested' }),
      409,
      'CONFLICT',
    );
  });

  it('refuses new offers and referrals once support has closed, but takes the outcome of a referral already made', async () => {
    const journeyId = await acceptingSupport();
    await offer(journeyId, { response: 'interested' });
    const referred = await refer(journeyId);
    await closeJourney(t, caseworker, journeyId);
    expectProblem(await offer(journeyId, { response: 'interested' }), 409, 'JOURNEY_CLOSED');
    expectProblem(await refer(journeyId), 409, 'JOURNEY_CLOSED');
    expect((await recordOutcome(journeyId, referred.body.id, { outcome: 'direct_conference', outcomeAt: '2026-06-10T12:00:00Z' }, '"1"')).status).toBe(200);
  });
});
