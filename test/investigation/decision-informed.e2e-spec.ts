import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { journeyEtag } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCrimeWithTwoJourneys, aDecision, dutiesOf, eventsOf } from './crime.builder.js';

// Thursday 9 April 2026; the decisions were made a week before.
const NOW = new Date('2026-04-09T12:00:00Z');
const DECIDED_AT = '2026-04-02T10:00:00.000Z';
const INFORMED_AT = '2026-04-08T09:00:00.000Z';

describe('telling the victim of a police or CPS decision', () => {
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

  const inform = (journeyId: string, body: 'police' | 'cps', decisionId: string, request: object = { informedAt: INFORMED_AT, method: 'phone' }, user = caseworker) =>
    t.http().post(`/api/v1/journeys/${journeyId}/${body}-decisions/${decisionId}/informed`).set('authorization', user.bearer).send(request);

  it('meets exactly that decision’s duty on that journey, and no other decision’s or victim’s', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const arrested = await aDecision(t, officer, crime.crimeId, 'police', { kind: 'suspect_arrested', decidedAt: DECIDED_AT });
    const bailed = await aDecision(t, officer, crime.crimeId, 'police', { kind: 'released_on_bail', decidedAt: '2026-04-02T18:00:00Z' });
    const etagBefore = await journeyEtag(t, caseworker, crime.standard);

    const response = await inform(crime.standard, 'police', arrested.id);
    expect(response.status).toBe(201);
    expect(response.headers.etag).not.toBe(etagBefore);
    expect(response.body).toEqual(expect.objectContaining({
      journeyId: crime.standard, body: 'police', decisionId: arrested.id, informedAt: INFORMED_AT, method: 'phone', recordedBy: caseworker.id,
      duty: expect.objectContaining({ ruleId: 'police.inform-decision', status: 'met', metAt: INFORMED_AT }),
      reviewWindow: null,
    }));
    expect((await eventsOf(t, crime.standard, 'victim.informed')).map((event) => event.payload)).toEqual([{ about: 'police_decision', subjectId: arrested.id }]);
    const byKey = Object.fromEntries((await dutiesOf(t, crime.standard, 'police.inform-decision')).map((duty) => [duty.key, duty]));
    expect(byKey[`police.inform-decision|police_decision:${arrested.id}`]).toEqual(expect.objectContaining({ status: 'met', metAt: INFORMED_AT }));
    expect(byKey[`police.inform-decision|police_decision:${bailed.id}`]).toEqual(expect.objectContaining({ status: 'open', metAt: null }));
    expect(await eventsOf(t, crime.enhanced, 'victim.informed')).toEqual([]);
    expect((await dutiesOf(t, crime.enhanced, 'police.inform-decision')).every((duty) => duty.metAt === null)).toBe(true);

    const [notice] = await t.dataSource.query(`SELECT id, journey_id, police_decision_id, cps_decision_id, method, event_id FROM decision_notices WHERE journey_id = $1`, [crime.standard]);
    const [event] = await eventsOf(t, crime.standard, 'victim.informed');
    expect(notice).toEqual(expect.objectContaining({ journey_id: crime.standard, police_decision_id: arrested.id, cps_decision_id: null, method: 'phone', event_id: event.id }));
    const [audit] = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'decision_notice' AND entity_id = $1`, [notice.id]);
    expect(audit).toEqual({ action: 'create', details: { journeyId: crime.standard, about: 'police_decision', decisionId: arrested.id, method: 'phone' } });
  });

  it('takes the same telling again without a second event, and refuses a different one', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const decision = await aDecision(t, officer, crime.crimeId, 'police', { kind: 'suspect_arrested', decidedAt: DECIDED_AT });
    const first = await inform(crime.standard, 'police', decision.id);
    const again = await inform(crime.standard, 'police', decision.id);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual(first.body);
    expect(await eventsOf(t, crime.standard, 'victim.informed')).toHaveLength(1);
    const different = await inform(crime.standard, 'police', decision.id, { informedAt: INFORMED_AT, method: 'letter' });
    expect(expectProblem(different, 409, 'ALREADY_INFORMED')).toEqual(expect.objectContaining({ informedAt: INFORMED_AT, method: 'phone' }));
    expect(await eventsOf(t, crime.standard, 'victim.informed')).toHaveLength(1);
  });

  it('refuses a decision that is not on the journey’s crime, or of the other body, with a 422', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const elsewhere = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const foreign = await aDecision(t, officer, elsewhere.crimeId, 'police', { kind: 'suspect_arrested', decidedAt: DECIDED_AT });
    const police = await aDecision(t, officer, crime.crimeId, 'police', { kind: 'suspect_arrested', decidedAt: DECIDED_AT });
    expectProblem(await inform(crime.standard, 'police', foreign.id), 422, 'DECISION_NOT_ON_CRIME');
    expectProblem(await inform(crime.standard, 'cps', police.id), 422, 'DECISION_NOT_ON_CRIME');
    expect(await eventsOf(t, crime.standard, 'victim.informed')).toEqual([]);
  });

  it('names bad fields, and a telling dated before the decision', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const decision = await aDecision(t, officer, crime.crimeId, 'cps', { kind: 'not_to_charge', decidedAt: DECIDED_AT });
    const bad = await inform(crime.standard, 'cps', decision.id, { informedAt: 'yesterday', method: 'carrier_pigeon' });
    expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['informedAt', 'method']);
    const early = await inform(crime.standard, 'cps', decision.id, { informedAt: '2026-04-01T10:00:00Z', method: 'phone' });
    expect(fieldsOf(expectProblem(early, 400, 'VALIDATION_FAILED'))).toEqual(['informedAt']);
    const future = await inform(crime.standard, 'cps', decision.id, { informedAt: '2026-04-10T10:00:00Z', method: 'phone' });
    expect(fieldsOf(expectProblem(future, 400, 'VALIDATION_FAILED'))).toEqual(['informedAt']);
    expectProblem(await t.http().post(`/api/v1/journeys/${crime.standard}/cps-decisions/nope/informed`).set('authorization', caseworker.bearer).send({ informedAt: INFORMED_AT, method: 'phone' }), 400, 'VALIDATION_FAILED');
  });

  it('records the telling on a journey whose support has closed: the right to be told is the victim’s', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const closed = await t.http().post(`/api/v1/journeys/${crime.standard}/closure`).set('authorization', caseworker.bearer)
      .set('if-match', await journeyEtag(t, caseworker, crime.standard))
      .send({ reason: 'unable_to_contact', endScoreMissingReason: 'unable_to_contact', satisfaction: { declined: true } });
    expect(closed.status).toBe(200);
    t.clock.set(new Date('2026-04-09T16:00:00Z'));
    try {
      // Signed in again: access tokens do not outlive the hours the clock moved on.
      const [laterOfficer, laterCaseworker] = [await fixtures.session(officer), await fixtures.session(caseworker)];
      const decision = await aDecision(t, laterOfficer, crime.crimeId, 'police', { kind: 'released_nfa', decidedAt: '2026-04-09T14:00:00Z' });
      expect(await dutiesOf(t, crime.standard, 'police.inform-decision')).toEqual([expect.objectContaining({ status: 'open' })]);
      const response = await inform(crime.standard, 'police', decision.id, { informedAt: '2026-04-09T15:00:00Z', method: 'letter' }, laterCaseworker);
      expect(response.status).toBe(201);
      expect(response.body.duty).toEqual(expect.objectContaining({ status: 'met', metAt: '2026-04-09T15:00:00.000Z' }));
      // A decision not to charge: the police review window opens when the victim is told.
      expect(response.body.reviewWindow).toEqual({ id: 'police.victims-right-to-review', askBy: null, closesAt: expect.any(String) });
    } finally {
      t.clock.set(NOW);
    }
  });

  it('checks If-Match when sent, and answers 404 for another area’s journey, audited', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const decision = await aDecision(t, officer, crime.crimeId, 'police', { kind: 'suspect_arrested', decidedAt: DECIDED_AT });
    const stale = await t.http().post(`/api/v1/journeys/${crime.standard}/police-decisions/${decision.id}/informed`).set('authorization', caseworker.bearer)
      .set('if-match', '"1"').send({ informedAt: INFORMED_AT, method: 'phone' });
    expectProblem(stale, 409, 'CONFLICT');
    const current = await t.http().post(`/api/v1/journeys/${crime.standard}/police-decisions/${decision.id}/informed`).set('authorization', caseworker.bearer)
      .set('if-match', await journeyEtag(t, caseworker, crime.standard)).send({ informedAt: INFORMED_AT, method: 'phone' });
    expect(current.status).toBe(201);
    expectProblem(await inform(crime.enhanced, 'police', decision.id, undefined, durhamCaseworker), 404, 'NOT_FOUND');
    const denied = await t.dataSource.query(`SELECT 1 FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' AND entity_type = 'journey' AND entity_id = $2`, [durhamCaseworker.id, crime.enhanced]);
    expect(denied).toHaveLength(1);
    expect(await eventsOf(t, crime.enhanced, 'victim.informed')).toEqual([]);
  });

  describe('the decision lists', () => {
    it('shows a victim each decision with whether they were told, the duty, and the CPS review window once told', async () => {
      const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
      const notToCharge = await aDecision(t, officer, crime.crimeId, 'cps', { kind: 'not_to_charge', decidedAt: DECIDED_AT });
      const arrested = await aDecision(t, officer, crime.crimeId, 'police', { kind: 'suspect_arrested', decidedAt: '2026-04-01T10:00:00Z' });
      expect((await inform(crime.standard, 'cps', notToCharge.id, { informedAt: INFORMED_AT, method: 'via_named_person' })).status).toBe(201);

      const response = await t.http().get(`/api/v1/journeys/${crime.standard}/decisions`).set('authorization', caseworker.bearer);
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([
        expect.objectContaining({
          id: arrested.id, body: 'police', kind: 'suspect_arrested', informed: null, reviewWindow: null,
          duty: expect.objectContaining({ ruleId: 'police.inform-decision', dueAt: '2026-04-10T22:59:59.999Z', metAt: null }),
        }),
        expect.objectContaining({
          id: notToCharge.id, body: 'cps', kind: 'not_to_charge',
          informed: { at: INFORMED_AT, method: 'via_named_person', recordedBy: caseworker.id },
          duty: expect.objectContaining({ ruleId: 'cps.inform-decision', status: 'met', metAt: INFORMED_AT }),
          // Ask within 10 working days of being told (Wednesday 8 April: Wednesday 22 April); accepted up to 3 months.
          reviewWindow: { id: 'cps.victims-right-to-review', askBy: '2026-04-22T22:59:59.999Z', closesAt: '2026-07-08T22:59:59.999Z' },
        }),
      ]);
      const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE actor_user_id = $1 AND action = 'read' AND entity_type = 'journey' AND entity_id = $2 ORDER BY seq DESC LIMIT 1`, [caseworker.id, crime.standard]);
      expect(audit.details).toEqual({ what: 'decisions' });
    });

    it('shows a crime’s decisions with which of its victims have been told', async () => {
      const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
      const decision = await aDecision(t, officer, crime.crimeId, 'police', { kind: 'suspect_arrested', decidedAt: DECIDED_AT });
      await aDecision(t, officer, crime.crimeId, 'cps', { kind: 'alter_charges', decidedAt: DECIDED_AT });
      await inform(crime.enhanced, 'police', decision.id);
      const response = await t.http().get(`/api/v1/crimes/${crime.crimeId}/decisions`).set('authorization', caseworker.bearer);
      expect(response.status).toBe(200);
      expect(response.body.police).toHaveLength(1);
      expect(response.body.cps).toEqual([expect.objectContaining({ kind: 'alter_charges' })]);
      const told = Object.fromEntries(response.body.police[0].journeys.map((journey: { journeyId: string; informedAt: string | null }) => [journey.journeyId, journey.informedAt]));
      expect(told).toEqual({ [crime.standard]: null, [crime.enhanced]: INFORMED_AT });
      const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE actor_user_id = $1 AND action = 'read' AND entity_type = 'crime' AND entity_id = $2`, [caseworker.id, crime.crimeId]);
      expect(audit.details).toEqual({ what: 'decisions' });
      await expectProblem(await t.http().get(`/api/v1/journeys/${crime.standard}/decisions`).set('authorization', durhamCaseworker.bearer), 404, 'NOT_FOUND');
    });
  });
});
