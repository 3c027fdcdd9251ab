import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aJourneyReferredAt, eventTypes } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { closeJourney } from './court-news.builder.js';

// Received Monday 1 June 2026: the CPS owes a decision 10 working days on, Monday 15 June.
const REFERRED_AT = new Date('2026-04-14T07:00:00Z');
const NOW = new Date('2026-06-10T12:00:00Z');

describe('witness expense claims (right 10)', () => {
  let t: TestApp;
  let caseworker: SignedInUser;
  let witnessCareOfficer: SignedInUser;
  let durhamOfficer: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    witnessCareOfficer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    durhamOfficer = await fixtures.signedIn(['witness_care_officer'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const referred = async (overrides = {}) => (await aJourneyReferredAt(t, caseworker, clevelandId, REFERRED_AT, { role: 'witness', ...overrides })).journeyId;
  const claim = (journeyId: string, body: object = {}, user: SignedInUser = witnessCareOfficer) =>
    t.http().post(`/api/v1/journeys/${journeyId}/expense-claims`).set('authorization', user.bearer).send({ receivedAt: '2026-06-01T10:00:00Z', ...body });
  const decide = (journeyId: string, claimId: string, etag: string | null, body: object, user: SignedInUser = witnessCareOfficer) => {
    const request = t.http().post(`/api/v1/journeys/${journeyId}/expense-claims/${claimId}/decision`).set('authorization', user.bearer);
    if (etag) request.set('if-match', etag);
    return request.send(body);
  };
  const payDutyOf = async (journeyId: string, claimId: string) => {
    const response = await t.http().get(`/api/v1/journeys/${journeyId}/duties`).set('authorization', caseworker.bearer);
    return (response.body.items as Array<{ key: string }>).find((duty) => duty.key === `cps.pay-expenses|expense_claim:${claimId}`);
  };

  it('gives the CPS 10 working days to pay a claim, met when it is paid', async () => {
    const journeyId = await referred();
    const received = await claim(journeyId, { amountClaimedPence: 4250 });
    expect(received.status).toBe(201);
    expect(received.headers.etag).toBe('"1"');
    const id = received.body.id as string;
    expect(received.body).toEqual({
      id: expect.any(String), journeyId, receivedAt: '2026-06-01T10:00:00.000Z', amountClaimedPence: 4250, status: 'received', decideBy: '2026-06-15T22:59:59.999Z',
      decidedAt: null, amountPaidPence: null, refusalReason: null, createdBy: witnessCareOfficer.id, version: 1,
    });
    expect(await payDutyOf(journeyId, id)).toEqual(expect.objectContaining({ status: 'open', owner: 'cps', right: 10, dueAt: '2026-06-15T22:59:59.999Z' }));

    expectProblem(await decide(journeyId, id, null, { decision: 'paid', decidedAt: '2026-06-09T10:00:00Z', amountPaidPence: 4250 }), 428, 'PRECONDITION_REQUIRED');
    const paid = await decide(journeyId, id, '"1"', { decision: 'paid', decidedAt: '2026-06-09T10:00:00Z', amountPaidPence: 4000 });
    expect(paid.status).toBe(200);
    expect(paid.headers.etag).toBe('"2"');
    expect(paid.body).toEqual(expect.objectContaining({ status: 'paid', decidedAt: '2026-06-09T10:00:00.000Z', amountPaidPence: 4000, refusalReason: null, version: 2 }));
    expect(await payDutyOf(journeyId, id)).toEqual(expect.objectContaining({ status: 'met', metAt: '2026-06-09T10:00:00.000Z' }));
    expectProblem(await decide(journeyId, id, '"1"', { decision: 'refused', decidedAt: '2026-06-09T11:00:00Z', refusalReason: 'other' }), 409, 'CONFLICT');
    expectProblem(await decide(journeyId, id, '"2"', { decision: 'refused', decidedAt: '2026-06-09T11:00:00Z', refusalReason: 'other' }), 422, 'EXPENSE_CLAIM_DECIDED');

    const events = await t.dataSource.query(`SELECT type, payload FROM journey_events WHERE journey_id = $1 AND type LIKE 'expenses.%' ORDER BY seq`, [journeyId]);
    expect(events).toEqual([
      { type: 'expenses.claim-received', payload: { claimId: id } },
      { type: 'expenses.claim-decided', payload: { claimId: id, decision: 'paid' } },
    ]);
    const audit = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'expense_claim' AND entity_id = $1 ORDER BY seq`, [id]);
    expect(audit).toEqual([{ action: 'create', details: { journeyId } }, { action: 'update', details: { journeyId, decision: 'paid' } }]);
    const list = await t.http().get(`/api/v1/journeys/${journeyId}/expense-claims`).set('authorization', caseworker.bearer);
    expect(list.body.items).toEqual([paid.body]);
  });

  it('meets the duty with a refusal and its reason, late when after the 10 working days, whatever the witness’s enhanced rights', async () => {
    const journeyId = await referred({ enhancedRights: { categories: ['intimidated'] } });
    const received = await claim(journeyId, { receivedAt: '2026-05-18T10:00:00Z' });
    // Monday 18 May, 10 working days with the spring bank holiday: Tuesday 2 June.
    expect(received.body.decideBy).toBe('2026-06-02T22:59:59.999Z');
    const refused = await decide(journeyId, received.body.id, '"1"', { decision: 'refused', decidedAt: '2026-06-04T10:00:00Z', refusalReason: 'out_of_time' });
    expect(refused.body).toEqual(expect.objectContaining({ status: 'refused', refusalReason: 'out_of_time', amountPaidPence: null }));
    expect(await payDutyOf(journeyId, received.body.id)).toEqual(expect.objectContaining({ status: 'met_late', enhanced: true, workingDaysLate: 2 }));
  });

  it('names each bad field: amounts, a paid claim without its amount, a refusal without its reason, a decision before the claim', async () => {
    const journeyId = await referred();
    expect(fieldsOf(expectProblem(await claim(journeyId, { receivedAt: 'Monday', amountClaimedPence: -1 }), 400, 'VALIDATION_FAILED'))).toEqual(['amountClaimedPence', 'receivedAt']);
    expect(fieldsOf(expectProblem(await claim(journeyId, { amountClaimedPence: 12.5 }), 400))).toEqual(['amountClaimedPence']);
    const received = await claim(journeyId);
    const id = received.body.id as string;
    expect(fieldsOf(expectProblem(await decide(journeyId, id, '"1"', { decision: 'paid', decidedAt: '2026-06-09T10:00:00Z' }), 400))).toEqual(['amountPaidPence']);
    expect(fieldsOf(expectProblem(await decide(journeyId, id, '"1"', { decision: 'refused', decidedAt: '2026-06-09T10:00:00Z', amountPaidPence: 10 }), 400))).toEqual([
      'amountPaidPence', 'refusalReason',
    ]);
    expect(fieldsOf(expectProblem(await decide(journeyId, id, '"1"', { decision: 'waived', decidedAt: '2026-06-09T10:00:00Z' }), 400))).toEqual(['decision']);
    expect(fieldsOf(expectProblem(await decide(journeyId, id, '"1"', { decision: 'paid', decidedAt: '2026-05-30T10:00:00Z', amountPaidPence: 10 }), 400))).toEqual(['decidedAt']);
    expect((await eventTypes(t, journeyId)).filter((type) => type === 'expenses.claim-decided')).toEqual([]);
  });

  it('takes a claim received after support closed, the CPS owing its decision', async () => {
    const journeyId = await referred();
    await closeJourney(t, caseworker, journeyId, new Date('2026-05-29T12:00:00Z'));
    const received = await claim(journeyId);
    expect(received.status).toBe(201);
    expect(await payDutyOf(journeyId, received.body.id)).toEqual(expect.objectContaining({ status: 'open' }));
    expect((await decide(journeyId, received.body.id, '"1"', { decision: 'paid', decidedAt: '2026-06-09T10:00:00Z', amountPaidPence: 100 })).status).toBe(200);
  });

  it('answers another area’s journey as not found', async () => {
    const journeyId = await referred();
    const received = await claim(journeyId);
    expectProblem(await claim(journeyId, {}, durhamOfficer), 404, 'NOT_FOUND');
    expectProblem(await decide(journeyId, received.body.id, '"1"', { decision: 'paid', decidedAt: '2026-06-09T10:00:00Z', amountPaidPence: 1 }, durhamOfficer), 404, 'NOT_FOUND');
    expectProblem(await t.http().get(`/api/v1/journeys/${journeyId}/expense-claims`).set('authorization', durhamOfficer.bearer), 404, 'NOT_FOUND');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' AND entity_id = $2`, [
      durhamOfficer.id,
      journeyId,
    ]);
    expect(n).toBe(3);
    expectProblem(
      await t.http().post(`/api/v1/journeys/${journeyId}/expense-claims`).set('authorization', witnessCareOfficer.bearer).set('if-match', '"1"').send({ receivedAt: '2026-06-01T10:00:00Z' }),
      409,
      'CONFLICT',
    );
  });
});
