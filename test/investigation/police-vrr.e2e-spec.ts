import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCrimeWithTwoJourneys, aDecision, dutiesOf, eventsOf } from './crime.builder.js';

// Thursday 9 April 2026.
const NOW = new Date('2026-04-09T12:00:00Z');
const DECIDED_AT = '2026-04-02T10:00:00.000Z';
const REQUESTED_AT = '2026-04-08T10:00:00.000Z';

describe('the police Victims’ Right to Review', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let officer: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    officer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  // Keyed by hand, a request says when the police received it (issue 16).
  const ask = (journeyId: string, body: object, user = caseworker) =>
    t.http().post(`/api/v1/journeys/${journeyId}/police-vrr-requests`).set('authorization', user.bearer).send({ receivedAt: receivedWhen(body), ...body });
  /** Received as the victim asked (by phone to the police), unless that is not a past instant. */
  const receivedWhen = (body: object): string => {
    const requestedAt = (body as { requestedAt?: unknown }).requestedAt;
    return typeof requestedAt === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(requestedAt) && Date.parse(requestedAt) <= NOW.getTime() ? requestedAt : NOW.toISOString();
  };
  const answer = (journeyId: string, requestId: string, step: 'acknowledgement' | 'decision', etag: string | undefined, body: object) => {
    const request = t.http().post(`/api/v1/journeys/${journeyId}/police-vrr-requests/${requestId}/${step}`).set('authorization', officer.bearer);
    if (etag) request.set('if-match', etag);
    return request.send(body);
  };
  /** A crime whose suspect was released with no further action on 2 April. */
  const anNfa = async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const decision = await aDecision(t, officer, crime.crimeId, 'police', { kind: 'released_nfa', decidedAt: DECIDED_AT });
    return { ...crime, decisionId: decision.id as string };
  };

  it('records the request on the victim’s journey, opening the police’s duties to acknowledge in 10 and decide in 30 working days', async () => {
    const crime = await anNfa();
    const response = await ask(crime.standard, { requestedAt: REQUESTED_AT, decisionId: crime.decisionId });
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    const requestId = response.body.id;
    expect(response.body).toEqual(expect.objectContaining({
      journeyId: crime.standard, decisionId: crime.decisionId, requestedAt: REQUESTED_AT, late: false, windowClosesAt: null,
      status: 'requested', acknowledgedAt: null, decidedAt: null, outcome: null, recordedBy: caseworker.id, version: 1,
    }));
    // Wednesday 8 April + 10 working days = Wednesday 22 April; + 30 (the May Day holiday skipped) = Thursday 21 May.
    expect(response.body.duties).toEqual([
      expect.objectContaining({ ruleId: 'police.vrr-acknowledge', dueAt: '2026-04-22T22:59:59.999Z', status: 'open' }),
      expect.objectContaining({ ruleId: 'police.vrr-decide', dueAt: '2026-05-21T22:59:59.999Z', status: 'open' }),
    ]);
    expect((await eventsOf(t, crime.standard, 'vrr.police-requested')).map((event) => event.payload)).toEqual([{ requestId }]);
    expect(await eventsOf(t, crime.enhanced, 'vrr.police-requested')).toEqual([]);
    const [row] = await t.dataSource.query(`SELECT area_id, police_decision_id, status, late FROM vrr_requests WHERE id = $1`, [requestId]);
    expect(row).toEqual({ area_id: clevelandId, police_decision_id: crime.decisionId, status: 'requested', late: false });
    const [audit] = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'vrr_request' AND entity_id = $1`, [requestId]);
    expect(audit).toEqual({ action: 'create', details: { journeyId: crime.standard, decisionId: crime.decisionId, late: false } });
  });

  it('counts the 3-month window from when the victim was told, and flags a later request without refusing it', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const decision = await aDecision(t, officer, crime.crimeId, 'police', { kind: 'investigation_closed', decidedAt: '2026-01-02T10:00:00Z' });
    for (const journeyId of [crime.standard, crime.enhanced]) {
      const told = await t.http().post(`/api/v1/journeys/${journeyId}/police-decisions/${decision.id}/informed`).set('authorization', caseworker.bearer)
        .send({ informedAt: '2026-01-05T10:00:00Z', method: 'letter' });
      expect(told.status).toBe(201);
    }
    const inTime = await ask(crime.enhanced, { requestedAt: '2026-04-02T10:00:00Z', decisionId: decision.id });
    expect(inTime.body).toEqual(expect.objectContaining({ late: false, windowClosesAt: '2026-04-05T22:59:59.999Z' }));
    const late = await ask(crime.standard, { requestedAt: REQUESTED_AT, decisionId: decision.id });
    expect(late.status).toBe(201);
    expect(late.body).toEqual(expect.objectContaining({ late: true, windowClosesAt: '2026-04-05T22:59:59.999Z', status: 'requested' }));
    expect(late.body.duties.map((duty: { ruleId: string }) => duty.ruleId)).toEqual(['police.vrr-acknowledge', 'police.vrr-decide']);
  });

  it('refuses a decision the scheme does not cover, one not on the crime, and a second request', async () => {
    const crime = await anNfa();
    const charge = await aDecision(t, officer, crime.crimeId, 'police', { kind: 'suspect_arrested', decidedAt: DECIDED_AT });
    const cps = await aDecision(t, officer, crime.crimeId, 'cps', { kind: 'not_to_charge', decidedAt: DECIDED_AT });
    expectProblem(await ask(crime.standard, { requestedAt: REQUESTED_AT, decisionId: charge.id }), 422, 'DECISION_NOT_REVIEWABLE');
    expectProblem(await ask(crime.standard, { requestedAt: REQUESTED_AT, decisionId: cps.id }), 422, 'DECISION_NOT_ON_CRIME');
    expect((await ask(crime.standard, { requestedAt: REQUESTED_AT, decisionId: crime.decisionId })).status).toBe(201);
    expectProblem(await ask(crime.standard, { requestedAt: REQUESTED_AT, decisionId: crime.decisionId }), 409, 'VRR_ALREADY_REQUESTED');
    expect(await eventsOf(t, crime.standard, 'vrr.police-requested')).toHaveLength(1);
  });

  it('names bad fields, and a request dated before the decision', async () => {
    const crime = await anNfa();
    expect(fieldsOf(expectProblem(await ask(crime.standard, { requestedAt: '8 April', decisionId: 'x' }), 400, 'VALIDATION_FAILED'))).toEqual(['decisionId', 'requestedAt']);
    expect(fieldsOf(expectProblem(await ask(crime.standard, { requestedAt: '2026-04-01T10:00:00Z', decisionId: crime.decisionId }), 400, 'VALIDATION_FAILED'))).toEqual(['requestedAt']);
    expect(fieldsOf(expectProblem(await ask(crime.standard, { requestedAt: '2026-04-10T10:00:00Z', decisionId: crime.decisionId }), 400, 'VALIDATION_FAILED'))).toEqual(['requestedAt']);
  });

  it('records the acknowledgement with the request’s If-Match, meeting the duty to acknowledge', async () => {
    const crime = await anNfa();
    const requested = await ask(crime.standard, { requestedAt: REQUESTED_AT, decisionId: crime.decisionId });
    const requestId = requested.body.id;
    expectProblem(await answer(crime.standard, requestId, 'acknowledgement', undefined, { at: '2026-04-09T09:00:00Z' }), 428, 'PRECONDITION_REQUIRED');
    expectProblem(await answer(crime.standard, requestId, 'acknowledgement', '"4"', { at: '2026-04-09T09:00:00Z' }), 409, 'CONFLICT');
    expect(fieldsOf(expectProblem(await answer(crime.standard, requestId, 'acknowledgement', '"1"', { at: '2026-04-07T09:00:00Z' }), 400, 'VALIDATION_FAILED'))).toEqual(['at']);

    const acknowledged = await answer(crime.standard, requestId, 'acknowledgement', requested.headers.etag as string, { at: '2026-04-09T09:00:00Z' });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.headers.etag).toBe('"2"');
    expect(acknowledged.body).toEqual(expect.objectContaining({ status: 'acknowledged', acknowledgedAt: '2026-04-09T09:00:00.000Z', version: 2 }));
    expect(acknowledged.body.duties).toEqual([
      expect.objectContaining({ ruleId: 'police.vrr-acknowledge', status: 'met', metAt: '2026-04-09T09:00:00.000Z' }),
      expect.objectContaining({ ruleId: 'police.vrr-decide', status: 'open' }),
    ]);
    expect((await eventsOf(t, crime.standard, 'vrr.police-acknowledged')).map((event) => event.payload)).toEqual([{ requestId }]);
    expectProblem(await answer(crime.standard, requestId, 'acknowledgement', '"2"', { at: '2026-04-09T09:00:00Z' }), 409, 'VRR_ALREADY_ACKNOWLEDGED');
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE entity_type = 'vrr_request' AND entity_id = $1 AND action = 'update'`, [requestId]);
    expect(audit.details).toEqual({ journeyId: crime.standard, status: 'acknowledged' });
  });

  it('records the review’s outcome, meeting the duty to decide (and to acknowledge, if it was never acknowledged)', async () => {
    const crime = await anNfa();
    const requested = await ask(crime.standard, { requestedAt: REQUESTED_AT, decisionId: crime.decisionId });
    const requestId = requested.body.id;
    expect(fieldsOf(expectProblem(await answer(crime.standard, requestId, 'decision', '"1"', { at: '2026-04-09T09:00:00Z', outcome: 'maybe' }), 400, 'VALIDATION_FAILED'))).toEqual(['outcome']);
    const decided = await answer(crime.standard, requestId, 'decision', '"1"', { at: '2026-04-09T09:00:00Z', outcome: 'not_upheld' });
    expect(decided.status).toBe(200);
    expect(decided.body).toEqual(expect.objectContaining({ status: 'decided', decidedAt: '2026-04-09T09:00:00.000Z', outcome: 'not_upheld', acknowledgedAt: null }));
    expect(decided.body.duties.map((duty: { ruleId: string; status: string }) => [duty.ruleId, duty.status])).toEqual([
      ['police.vrr-acknowledge', 'met'],
      ['police.vrr-decide', 'met'],
    ]);
    expect(await eventsOf(t, crime.standard, 'vrr.police-decided')).toHaveLength(1);
    expectProblem(await answer(crime.standard, requestId, 'decision', '"2"', { at: '2026-04-09T10:00:00Z', outcome: 'upheld' }), 409, 'VRR_ALREADY_DECIDED');
    expectProblem(await answer(crime.standard, requestId, 'acknowledgement', '"2"', { at: '2026-04-09T10:00:00Z' }), 409, 'VRR_ALREADY_DECIDED');

    const list = await t.http().get(`/api/v1/journeys/${crime.standard}/police-vrr-requests`).set('authorization', caseworker.bearer);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: requestId, status: 'decided', outcome: 'not_upheld', version: 2 })]);
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE actor_user_id = $1 AND action = 'read' AND entity_id = $2 ORDER BY seq DESC LIMIT 1`, [caseworker.id, crime.standard]);
    expect(audit.details).toEqual({ what: 'police_vrr_requests' });
  });

  it('answers 404 for another area’s journey, audited, and for a request on another journey', async () => {
    const crime = await anNfa();
    expectProblem(await ask(crime.standard, { requestedAt: REQUESTED_AT, decisionId: crime.decisionId }, durhamCaseworker), 404, 'NOT_FOUND');
    const denied = await t.dataSource.query(`SELECT 1 FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' AND entity_id = $2`, [durhamCaseworker.id, crime.standard]);
    expect(denied).toHaveLength(1);
    await expectProblem(await t.http().get(`/api/v1/journeys/${crime.standard}/police-vrr-requests`).set('authorization', durhamCaseworker.bearer), 404, 'NOT_FOUND');
    const requested = await ask(crime.standard, { requestedAt: REQUESTED_AT, decisionId: crime.decisionId });
    expectProblem(await answer(crime.enhanced, requested.body.id, 'acknowledgement', '"1"', { at: '2026-04-09T09:00:00Z' }), 404, 'NOT_FOUND');
  });
});
