import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aCharge, aHearing, aNotGuiltyPlea } from '../support/hearing.builder.js';
import { aJourneyReferredAt, dutiesByRule, eventTypes, journeyEtag } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Thursday 16 April 2026: two working days on is Monday 20 April, one is Friday 17 April.
const REFERRED_AT = new Date('2026-04-14T09:00:00Z');
const CHARGED_AT = new Date('2026-04-15T09:00:00Z');
const NOW = new Date('2026-04-16T12:00:00Z');

const CHARTER_AREAS = ['childcare', 'travel', 'disability', 'language', 'intimidation', 'special_measures', 'pre_trial_visit', 'expenses'];
const allNeeds = (needed: Record<string, object> = {}) =>
  CHARTER_AREAS.map((area) => (needed[area] ? { area, needed: true, ...needed[area] } : { area, needed: false }));

describe('the witness care case, the Charter needs assessment and the pre-trial visit', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let officer: SignedInUser;
  let supervisor: SignedInUser;
  let caseworker: SignedInUser;
  let durhamOfficer: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    fixtures = new Fixtures(t);
    officer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    supervisor = await fixtures.signedIn(['supervisor'], ['cleveland']);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    durhamOfficer = await fixtures.signedIn(['witness_care_officer'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const aChargedJourney = async (overrides = {}) => {
    const journey = await aJourneyReferredAt(t, caseworker, clevelandId, REFERRED_AT, overrides);
    await aCharge(t, officer, journey.crimeId, CHARGED_AT);
    return journey;
  };
  const open = (journeyId: string, body: object = {}, user: SignedInUser = officer) =>
    t.http().post(`/api/v1/journeys/${journeyId}/witness-care`).set('authorization', user.bearer).send({ openedAt: '2026-04-15T10:00:00Z', givingEvidence: true, ...body });
  const assess = (journeyId: string, body: object = {}, user: SignedInUser = officer) =>
    t.http().post(`/api/v1/journeys/${journeyId}/witness-care/needs-assessments`).set('authorization', user.bearer)
      .send({ assessedAt: '2026-04-16T11:00:00Z', needs: allNeeds(), ...body });
  const visit = (journeyId: string, body: object, etag: string | null) => {
    const request = t.http().post(`/api/v1/journeys/${journeyId}/witness-care/pre-trial-visit`).set('authorization', officer.bearer);
    if (etag) request.set('if-match', etag);
    return request.send(body);
  };

  describe('opening the case', () => {
    it('opens the case at charge with its lead officer, moves the journey to witness care, and records and audits it', async () => {
      const { journeyId } = await aChargedJourney();
      const response = await open(journeyId, { officerId: officer.id, givingEvidence: 'unknown' });
      expect(response.status).toBe(201);
      expect(response.headers.etag).toBe('"1"');
      expect(response.body).toEqual(expect.objectContaining({
        journeyId, openedAt: '2026-04-15T10:00:00.000Z', openedBy: officer.id, givingEvidence: 'unknown',
        officer: { id: officer.id, name: expect.any(String) }, preTrialVisit: { status: null, offeredAt: null, takenAt: null, declinedAt: null }, version: 1,
      }));
      const [row] = await t.dataSource.query(`SELECT giving_evidence, officer_id, area_id FROM witness_care_cases WHERE id = $1`, [response.body.id]);
      expect(row).toEqual({ giving_evidence: null, officer_id: officer.id, area_id: clevelandId });
      const journey = await t.http().get(`/api/v1/journeys/${journeyId}`).set('authorization', officer.bearer);
      expect(journey.body.stage).toBe('witness_care');
      const [event] = await t.dataSource.query(`SELECT occurred_at, payload FROM journey_events WHERE journey_id = $1 AND type = 'witness-care.opened'`, [journeyId]);
      expect(event).toEqual({ occurred_at: new Date('2026-04-15T10:00:00Z'), payload: { caseId: response.body.id, givingEvidence: 'unknown', officerId: officer.id } });
      const [audit] = await t.dataSource.query(`SELECT action, area_id, details FROM audit_log WHERE entity_type = 'witness_care_case' AND entity_id = $1`, [response.body.id]);
      expect(audit).toEqual({ action: 'create', area_id: clevelandId, details: { journeyId, givingEvidence: 'unknown', officerAssigned: true } });
    });

    it('opens one case per journey: a second is a 409', async () => {
      const { journeyId } = await aChargedJourney();
      expect((await open(journeyId)).status).toBe(201);
      expectProblem(await open(journeyId, {}, supervisor), 409, 'WITNESS_CARE_ALREADY_OPEN');
      expect(await t.dataSource.query(`SELECT 1 FROM witness_care_cases WHERE journey_id = $1`, [journeyId])).toHaveLength(1);
    });

    it('refuses to open before a charge, and opens once a hearing is listed on the crime', async () => {
      const { journeyId, crimeId } = await aJourneyReferredAt(t, caseworker, clevelandId, REFERRED_AT);
      expectProblem(await open(journeyId), 422, 'NOT_CHARGED');
      await aHearing(t, officer, crimeId, { listedFor: new Date('2026-05-05T09:00:00Z') });
      expect((await open(journeyId)).status).toBe(201);
    });

    it('keeps a closed journey closed while opening witness care: the right to it does not end with victim support', async () => {
      const { journeyId } = await aChargedJourney();
      const closed = await t.http().post(`/api/v1/journeys/${journeyId}/closure`).set('authorization', caseworker.bearer)
        .set('if-match', await journeyEtag(t, caseworker, journeyId)).send({ reason: 'declined', endScoreMissingReason: 'declined', satisfaction: { declined: true } });
      expect(closed.status).toBe(200);
      expect((await open(journeyId)).status).toBe(201);
      const journey = await t.http().get(`/api/v1/journeys/${journeyId}`).set('authorization', officer.bearer);
      expect(journey.body.stage).toBe('closed');
    });

    it('names each bad field, refuses an officer who is not a witness care officer of the area, and a future opening', async () => {
      const { journeyId } = await aChargedJourney();
      const bad = await t.http().post(`/api/v1/journeys/${journeyId}/witness-care`).set('authorization', officer.bearer)
        .send({ openedAt: '15/04/2026', givingEvidence: 'maybe', officerId: 'x', colour: 'red' });
      expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['colour', 'givingEvidence', 'officerId', 'openedAt']);
      expect(fieldsOf(expectProblem(await open(journeyId, { officerId: caseworker.id }), 400, 'VALIDATION_FAILED'))).toEqual(['officerId']);
      expect(fieldsOf(expectProblem(await open(journeyId, { officerId: durhamOfficer.id }), 400, 'VALIDATION_FAILED'))).toEqual(['officerId']);
      expect(fieldsOf(expectProblem(await open(journeyId, { openedAt: '2026-04-17T10:00:00Z' }), 400, 'VALIDATION_FAILED'))).toEqual(['openedAt']);
      expect(await t.dataSource.query(`SELECT 1 FROM witness_care_cases WHERE journey_id = $1`, [journeyId])).toEqual([]);
    });

    it('answers 404 for another area’s journey and audits the attempt; a caseworker may not open a case', async () => {
      const { journeyId } = await aChargedJourney();
      expectProblem(await open(journeyId, {}, durhamOfficer), 404, 'NOT_FOUND');
      const denied = await t.dataSource.query(`SELECT 1 FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' AND entity_id = $2`, [durhamOfficer.id, journeyId]);
      expect(denied).toHaveLength(1);
      expect((await open(journeyId, {}, caseworker)).status).toBe(403);
    });

    it('checks a journey If-Match when one is sent', async () => {
      const { journeyId } = await aChargedJourney();
      const stale = await t.http().post(`/api/v1/journeys/${journeyId}/witness-care`).set('authorization', officer.bearer).set('if-match', '"99"')
        .send({ openedAt: '2026-04-15T10:00:00Z', givingEvidence: false });
      expectProblem(stale, 409, 'CONFLICT');
      const fresh = await t.http().post(`/api/v1/journeys/${journeyId}/witness-care`).set('authorization', officer.bearer)
        .set('if-match', await journeyEtag(t, officer, journeyId)).send({ openedAt: '2026-04-15T10:00:00Z', givingEvidence: false });
      expect(fresh.body.givingEvidence).toBe(false);
    });
  });

  describe('reading the case', () => {
    it('shows a caseworker the whole case and audits the read; another area gets 404; no case is a 422', async () => {
      const { journeyId } = await aChargedJourney();
      expectProblem(await t.http().get(`/api/v1/journeys/${journeyId}/witness-care`).set('authorization', caseworker.bearer), 422, 'WITNESS_CARE_NOT_OPEN');
      const opened = await open(journeyId);
      await assess(journeyId);
      const response = await t.http().get(`/api/v1/journeys/${journeyId}/witness-care`).set('authorization', caseworker.bearer);
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"1"');
      expect(response.body).toEqual(expect.objectContaining({
        id: opened.body.id, givingEvidence: true, officer: null,
        specialMeasures: [], interpreterBookings: [], warnings: [], attendance: [],
      }));
      expect(response.body.needsAssessments).toHaveLength(1);
      const audits = await t.dataSource.query(`SELECT details FROM audit_log WHERE actor_user_id = $1 AND action = 'read' AND entity_id = $2`, [caseworker.id, journeyId]);
      expect(audits).toContainEqual({ details: { what: 'witness_care' } });
      expectProblem(await t.http().get(`/api/v1/journeys/${journeyId}/witness-care`).set('authorization', durhamOfficer.bearer), 404, 'NOT_FOUND');
    });
  });

  describe('the Witness Charter needs assessment', () => {
    it('meets the needs assessment duty a not-guilty plea opened, within two working days for a standard witness', async () => {
      const { journeyId, crimeId } = await aChargedJourney();
      await open(journeyId);
      await aNotGuiltyPlea(t, officer, crimeId, new Date('2026-04-16T09:00:00Z'));
      expect((await dutiesByRule(t, officer, journeyId))['wcu.needs-assessment']).toEqual(expect.objectContaining({ status: 'open', enhanced: false, dueAt: '2026-04-20T22:59:59.999Z' }));

      const response = await assess(journeyId, {
        assessedAt: '2026-04-16T11:30:00Z',
        needs: allNeeds({ travel: { level: 'medium', action: 'arranged' }, special_measures: { level: 'high', action: 'application_to_court' } }),
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual(expect.objectContaining({ journeyId, assessedAt: '2026-04-16T11:30:00.000Z', assessedBy: officer.id }));
      expect(response.body.needs.map((need: { area: string }) => need.area)).toEqual(CHARTER_AREAS);
      expect(response.body.needs[1]).toEqual({ area: 'travel', needed: true, level: 'medium', action: 'arranged' });
      expect(response.body.needs[0]).toEqual({ area: 'childcare', needed: false, level: null, action: null });
      expect((await dutiesByRule(t, officer, journeyId))['wcu.needs-assessment']).toEqual(expect.objectContaining({ status: 'met', metAt: '2026-04-16T11:30:00.000Z' }));
      const [event] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'witness.needs-assessed'`, [journeyId]);
      expect(event.payload).toEqual({});
      const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE entity_type = 'witness_needs_assessment' AND details->>'journeyId' = $1`, [journeyId]);
      expect(audit.details).toEqual({ journeyId, needed: ['travel', 'special_measures'], dutiesMet: 1 });
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM witness_needs n JOIN witness_needs_assessments a ON a.id = n.assessment_id WHERE a.journey_id = $1`, [journeyId]))
        .toEqual([{ n: 8 }]);
    });

    it('gives an enhanced witness one working day for the needs assessment', async () => {
      const { journeyId, crimeId } = await aChargedJourney({ enhancedRights: { categories: ['intimidated'] } });
      await open(journeyId);
      await aNotGuiltyPlea(t, officer, crimeId, NOW);
      expect((await dutiesByRule(t, officer, journeyId))['wcu.needs-assessment']).toEqual(expect.objectContaining({ status: 'open', enhanced: true, dueAt: '2026-04-17T22:59:59.999Z' }));
    });

    it('keeps an assessment made before the plea, but it meets nothing: the duty the plea opens stays open', async () => {
      const { journeyId, crimeId } = await aChargedJourney();
      await open(journeyId);
      expect((await assess(journeyId, { assessedAt: '2026-04-16T10:00:00Z' })).status).toBe(201);
      expect((await dutiesByRule(t, officer, journeyId))['wcu.needs-assessment']).toBeUndefined();
      await aNotGuiltyPlea(t, officer, crimeId, NOW);
      expect((await dutiesByRule(t, officer, journeyId))['wcu.needs-assessment']).toEqual(expect.objectContaining({ status: 'open', dueAt: '2026-04-20T22:59:59.999Z' }));
      expect(await eventTypes(t, journeyId)).toEqual(expect.arrayContaining(['witness.needs-assessed', 'plea.not-guilty']));
    });

    it('wants every Charter area once, a level only for a need, and an open case', async () => {
      const { journeyId } = await aChargedJourney();
      expectProblem(await assess(journeyId), 422, 'WITNESS_CARE_NOT_OPEN');
      await open(journeyId);
      const needs = allNeeds();
      needs[7] = { area: 'travel', needed: false, level: 'high' } as never;
      const bad = await assess(journeyId, { needs });
      expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['needs[7].area', 'needs[7].level']);
      const short = await assess(journeyId, { assessedAt: 'tomorrow', needs: [{ area: 'moon', needed: 'yes', action: 'pray' }] });
      expect(fieldsOf(expectProblem(short, 400, 'VALIDATION_FAILED'))).toEqual(['assessedAt', 'needs', 'needs[0].action', 'needs[0].area', 'needs[0].needed']);
      expect(await t.dataSource.query(`SELECT 1 FROM witness_needs_assessments WHERE journey_id = $1`, [journeyId])).toEqual([]);
    });
  });

  describe('the pre-trial court familiarisation visit', () => {
    it('is offered, then taken, each step guarded by the case’s ETag and on the timeline', async () => {
      const { journeyId } = await aChargedJourney();
      await open(journeyId);
      expectProblem(await visit(journeyId, { status: 'offered', at: '2026-04-16T09:00:00Z' }, null), 428, 'PRECONDITION_REQUIRED');
      const offered = await visit(journeyId, { status: 'offered', at: '2026-04-16T09:00:00Z' }, '"1"');
      expect(offered.status).toBe(200);
      expect(offered.headers.etag).toBe('"2"');
      expect(offered.body.preTrialVisit).toEqual({ status: 'offered', offeredAt: '2026-04-16T09:00:00.000Z', takenAt: null, declinedAt: null });
      expectProblem(await visit(journeyId, { status: 'taken', at: '2026-04-16T11:00:00Z' }, '"1"'), 409, 'CONFLICT');
      const taken = await visit(journeyId, { status: 'taken', at: '2026-04-16T11:00:00Z' }, '"2"');
      expect(taken.body.preTrialVisit).toEqual({ status: 'taken', offeredAt: '2026-04-16T09:00:00.000Z', takenAt: '2026-04-16T11:00:00.000Z', declinedAt: null });
      const events = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'pre-trial-visit.recorded' ORDER BY seq`, [journeyId]);
      expect(events.map((event: { payload: { status: string } }) => event.payload.status)).toEqual(['offered', 'taken']);
      const audits = await t.dataSource.query(`SELECT details FROM audit_log WHERE entity_type = 'witness_care_case' AND action = 'update' AND details->>'journeyId' = $1`, [journeyId]);
      expect(audits).toHaveLength(2);
    });

    it('refuses a visit taken or declined before it is offered, and one taken before the offer', async () => {
      const { journeyId } = await aChargedJourney();
      await open(journeyId);
      expectProblem(await visit(journeyId, { status: 'declined', at: '2026-04-16T09:00:00Z' }, '"1"'), 422, 'PRE_TRIAL_VISIT_TRANSITION_NOT_ALLOWED');
      await visit(journeyId, { status: 'offered', at: '2026-04-16T09:00:00Z' }, '"1"');
      expect(fieldsOf(expectProblem(await visit(journeyId, { status: 'taken', at: '2026-04-16T08:00:00Z' }, '"2"'), 400, 'VALIDATION_FAILED'))).toEqual(['at']);
      expect((await visit(journeyId, { status: 'declined', at: '2026-04-16T10:00:00Z' }, '"2"')).body.preTrialVisit.status).toBe('declined');
      expectProblem(await visit(journeyId, { status: 'taken', at: '2026-04-16T11:00:00Z' }, '"3"'), 422, 'PRE_TRIAL_VISIT_TRANSITION_NOT_ALLOWED');
      expect(fieldsOf(expectProblem(await visit(journeyId, { status: 'maybe', at: 'soon' }, '"3"'), 400, 'VALIDATION_FAILED'))).toEqual(['at', 'status']);
    });
  });

  describe('interpreters', () => {
    it('books an interpreter for a hearing of the journey’s crime, once per language, and refuses another crime’s hearing', async () => {
      const { journeyId, crimeId } = await aChargedJourney();
      const other = await aChargedJourney();
      await open(journeyId);
      const { hearingId } = await aHearing(t, officer, crimeId, { listedFor: new Date('2026-05-05T09:00:00Z') });
      const { hearingId: otherHearingId } = await aHearing(t, officer, other.crimeId, { listedFor: new Date('2026-05-05T09:00:00Z') });
      const book = (body: object) => t.http().post(`/api/v1/journeys/${journeyId}/interpreter-bookings`).set('authorization', officer.bearer)
        .send({ language: 'pl', hearingId, bookedAt: '2026-04-16T10:00:00Z', ...body });
      const response = await book({});
      expect(response.status).toBe(201);
      expect(response.body).toEqual(expect.objectContaining({ journeyId, hearingId, language: 'pl', bookedBy: officer.id }));
      const [event] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'interpreter.booked'`, [journeyId]);
      expect(event.payload).toEqual({ bookingId: response.body.id, hearingId, language: 'pl' });
      expectProblem(await book({}), 409, 'INTERPRETER_ALREADY_BOOKED');
      expectProblem(await book({ hearingId: otherHearingId }), 422, 'HEARING_NOT_ON_CRIME');
      expect(fieldsOf(expectProblem(await book({ language: 'Polish', hearingId: 'h1' }), 400, 'VALIDATION_FAILED'))).toEqual(['hearingId', 'language']);
      const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE entity_type = 'interpreter_booking' AND entity_id = $1`, [response.body.id]);
      expect(audit.details).toEqual({ journeyId, hearingId, language: 'pl' });
    });
  });
});
