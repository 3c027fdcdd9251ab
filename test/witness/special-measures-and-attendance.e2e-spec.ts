import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aCharge, aHearing, aHearingMove, aHearingVacated } from '../support/hearing.builder.js';
import { aJourneyReferredAt, eventTypes } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const REFERRED_AT = new Date('2026-04-14T09:00:00Z');
const NOW = new Date('2026-04-16T12:00:00Z');

describe('special measures, warning a witness and attendance at a hearing', () => {
  let t: TestApp;
  let officer: SignedInUser;
  let caseworker: SignedInUser;
  let durhamOfficer: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const fixtures = new Fixtures(t);
    officer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    durhamOfficer = await fixtures.signedIn(['witness_care_officer'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  /** A charged journey with its witness care case open and a trial listed on its crime. */
  const aWitnessWithATrial = async () => {
    const journey = await aJourneyReferredAt(t, caseworker, clevelandId, REFERRED_AT);
    await aCharge(t, officer, journey.crimeId, new Date('2026-04-15T09:00:00Z'));
    const opened = await t.http().post(`/api/v1/journeys/${journey.journeyId}/witness-care`).set('authorization', officer.bearer)
      .send({ openedAt: '2026-04-15T10:00:00Z', givingEvidence: true });
    expect(opened.status).toBe(201);
    const hearing = await aHearing(t, officer, journey.crimeId, { listedFor: new Date('2026-05-05T09:00:00Z') });
    return { ...journey, ...hearing };
  };
  const post = (path: string, body: object, etag?: string, user: SignedInUser = officer) => {
    const request = t.http().post(`/api/v1${path}`).set('authorization', user.bearer);
    if (etag) request.set('if-match', etag);
    return request.send(body);
  };

  describe('special measures', () => {
    it('takes a measure from requested through applied for to granted, each step on the timeline, audited, with the row’s ETag', async () => {
      const { journeyId, hearingId } = await aWitnessWithATrial();
      const requested = await post(`/journeys/${journeyId}/special-measures`, { measure: 'screens', requestedAt: '2026-04-15T11:00:00Z', hearingId });
      expect(requested.status).toBe(201);
      expect(requested.headers.etag).toBe('"1"');
      expect(requested.body).toEqual(expect.objectContaining({ journeyId, hearingId, measure: 'screens', status: 'requested', appliedForAt: null, decidedAt: null, refusalReason: null }));
      const id = requested.body.id;
      const applied = await post(`/journeys/${journeyId}/special-measures/${id}/applied-for`, { at: '2026-04-15T15:00:00Z' }, '"1"');
      expect(applied.status).toBe(200);
      expect(applied.headers.etag).toBe('"2"');
      const granted = await post(`/journeys/${journeyId}/special-measures/${id}/granted`, { at: '2026-04-16T10:00:00Z' }, '"2"');
      expect(granted.body).toEqual(expect.objectContaining({ status: 'granted', appliedForAt: '2026-04-15T15:00:00.000Z', decidedAt: '2026-04-16T10:00:00.000Z', version: 3 }));
      const events = await t.dataSource.query(
        `SELECT type, payload FROM journey_events WHERE journey_id = $1 AND type LIKE 'special-measure.%' ORDER BY seq`, [journeyId]);
      expect(events).toEqual([
        { type: 'special-measure.requested', payload: { specialMeasureId: id, measure: 'screens', hearingId } },
        { type: 'special-measure.applied-for', payload: { specialMeasureId: id, measure: 'screens' } },
        { type: 'special-measure.decided', payload: { specialMeasureId: id, measure: 'screens', decision: 'granted' } },
      ]);
      const audits = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'special_measure' AND entity_id = $1 ORDER BY seq`, [id]);
      expect(audits.map((audit: { details: { status: string } }) => audit.details.status)).toEqual(['requested', 'applied_for', 'granted']);
      const view = await t.http().get(`/api/v1/journeys/${journeyId}/witness-care`).set('authorization', caseworker.bearer);
      expect(view.body.specialMeasures).toEqual([expect.objectContaining({ id, status: 'granted' })]);
    });

    it('refuses with a reason code, and then the measure may be requested afresh; a live one cannot be requested twice', async () => {
      const { journeyId } = await aWitnessWithATrial();
      const requested = await post(`/journeys/${journeyId}/special-measures`, { measure: 'live_link', requestedAt: '2026-04-15T11:00:00Z' });
      expectProblem(await post(`/journeys/${journeyId}/special-measures`, { measure: 'live_link', requestedAt: '2026-04-15T12:00:00Z' }), 409, 'SPECIAL_MEASURE_ALREADY_REQUESTED');
      await post(`/journeys/${journeyId}/special-measures/${requested.body.id}/applied-for`, { at: '2026-04-15T15:00:00Z' }, '"1"');
      const refused = await post(`/journeys/${journeyId}/special-measures/${requested.body.id}/refused`, { at: '2026-04-16T10:00:00Z', reason: 'facilities_unavailable' }, '"2"');
      expect(refused.body).toEqual(expect.objectContaining({ status: 'refused', refusalReason: 'facilities_unavailable' }));
      const [event] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'special-measure.decided'`, [journeyId]);
      expect(event.payload).toEqual({ specialMeasureId: requested.body.id, measure: 'live_link', decision: 'refused', reason: 'facilities_unavailable' });
      expect((await post(`/journeys/${journeyId}/special-measures`, { measure: 'live_link', requestedAt: '2026-04-16T11:00:00Z' })).status).toBe(201);
    });

    it('refuses a step the state does not allow (422), a stale or missing ETag (409/428), and bad input naming fields', async () => {
      const { journeyId } = await aWitnessWithATrial();
      const { body } = await post(`/journeys/${journeyId}/special-measures`, { measure: 'intermediary', requestedAt: '2026-04-15T11:00:00Z' });
      const step = (name: string, payload: object, etag?: string) => post(`/journeys/${journeyId}/special-measures/${body.id}/${name}`, payload, etag);
      expectProblem(await step('granted', { at: '2026-04-16T10:00:00Z' }, '"1"'), 422, 'SPECIAL_MEASURE_TRANSITION_NOT_ALLOWED');
      expectProblem(await step('applied-for', { at: '2026-04-16T10:00:00Z' }), 428, 'PRECONDITION_REQUIRED');
      expectProblem(await step('applied-for', { at: '2026-04-16T10:00:00Z' }, '"7"'), 409, 'CONFLICT');
      expect(fieldsOf(expectProblem(await step('applied-for', { at: '2026-04-15T10:00:00Z' }, '"1"'), 400, 'VALIDATION_FAILED'))).toEqual(['at']);
      expect(fieldsOf(expectProblem(await step('refused', { at: 'later', reason: 'bored' }, '"1"'), 400, 'VALIDATION_FAILED'))).toEqual(['at', 'reason']);
      await step('applied-for', { at: '2026-04-16T10:00:00Z' }, '"1"');
      await step('granted', { at: '2026-04-16T11:00:00Z' }, '"2"');
      expectProblem(await step('refused', { at: '2026-04-16T11:30:00Z', reason: 'other' }, '"3"'), 422, 'SPECIAL_MEASURE_TRANSITION_NOT_ALLOWED');
      const bad = await post(`/journeys/${journeyId}/special-measures`, { measure: 'cake', requestedAt: '2026-04-15', hearingId: 'nope' });
      expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['hearingId', 'measure', 'requestedAt']);
    });

    it('refuses a hearing of another crime (422) and another area’s journey (404, audited)', async () => {
      const { journeyId } = await aWitnessWithATrial();
      const other = await aWitnessWithATrial();
      expectProblem(await post(`/journeys/${journeyId}/special-measures`, { measure: 'screens', requestedAt: '2026-04-15T11:00:00Z', hearingId: other.hearingId }), 422, 'HEARING_NOT_ON_CRIME');
      expectProblem(await post(`/journeys/${journeyId}/special-measures`, { measure: 'screens', requestedAt: '2026-04-15T11:00:00Z' }, undefined, durhamOfficer), 404, 'NOT_FOUND');
      expect(await t.dataSource.query(`SELECT 1 FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' AND entity_id = $2`, [durhamOfficer.id, journeyId])).toHaveLength(1);
      expect((await post(`/journeys/${journeyId}/special-measures`, { measure: 'screens', requestedAt: '2026-04-15T11:00:00Z' }, undefined, caseworker)).status).toBe(403);
    });
  });

  describe('warning a witness', () => {
    it('records how and when the witness was warned, for the hearing’s listing version, without telling the Code they were informed', async () => {
      const { journeyId, hearingId } = await aWitnessWithATrial();
      const response = await post(`/journeys/${journeyId}/hearings/${hearingId}/warnings`, { warnedAt: '2026-04-16T10:00:00Z', method: 'letter' });
      expect(response.status).toBe(201);
      expect(response.body).toEqual(expect.objectContaining({ journeyId, hearingId, listingVersion: 1, method: 'letter', warnedAt: '2026-04-16T10:00:00.000Z', warnedBy: officer.id }));
      const [event] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'witness.warned'`, [journeyId]);
      expect(event.payload).toEqual({ warningId: response.body.id, hearingId, hearingVersion: 1, method: 'letter' });
      expect(await eventTypes(t, journeyId)).not.toContain('victim.informed');
      const [duty] = await t.dataSource.query(`SELECT status FROM duties WHERE journey_id = $1 AND rule_id = 'wcu.inform-hearing'`, [journeyId]);
      expect(duty.status).toBe('open');
      const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE entity_type = 'witness_warning' AND entity_id = $1`, [response.body.id]);
      expect(audit.details).toEqual({ journeyId, hearingId, listingVersion: 1, method: 'letter' });
    });

    it('needs a new warning after the hearing moves, and refuses a second warning for the same listing', async () => {
      const { journeyId, crimeId, hearingId } = await aWitnessWithATrial();
      await post(`/journeys/${journeyId}/hearings/${hearingId}/warnings`, { warnedAt: '2026-04-16T10:00:00Z', method: 'phone' });
      expectProblem(await post(`/journeys/${journeyId}/hearings/${hearingId}/warnings`, { warnedAt: '2026-04-16T10:30:00Z', method: 'email' }), 409, 'WITNESS_ALREADY_WARNED');
      await aHearingMove(t, officer, crimeId, hearingId, new Date('2026-05-12T09:00:00Z'));
      const again = await post(`/journeys/${journeyId}/hearings/${hearingId}/warnings`, { warnedAt: '2026-04-16T11:00:00Z', method: 'via_named_person' });
      expect(again.body.listingVersion).toBe(2);
      const view = await t.http().get(`/api/v1/journeys/${journeyId}/witness-care`).set('authorization', officer.bearer);
      expect(view.body.warnings.map((warning: { listingVersion: number }) => warning.listingVersion)).toEqual([1, 2]);
    });

    it('refuses a hearing that is not listed or not on the journey’s crime (422), and bad input naming fields', async () => {
      const { journeyId, crimeId, hearingId } = await aWitnessWithATrial();
      const other = await aWitnessWithATrial();
      expectProblem(await post(`/journeys/${journeyId}/hearings/${other.hearingId}/warnings`, { warnedAt: '2026-04-16T10:00:00Z', method: 'phone' }), 422, 'HEARING_NOT_ON_CRIME');
      const bad = await post(`/journeys/${journeyId}/hearings/${hearingId}/warnings`, { warnedAt: '2026-04-30T10:00:00Z', method: 'pigeon' });
      expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['method']);
      expect(fieldsOf(expectProblem(await post(`/journeys/${journeyId}/hearings/${hearingId}/warnings`, { warnedAt: '2026-04-30T10:00:00Z', method: 'phone' }), 400, 'VALIDATION_FAILED'))).toEqual(['warnedAt']);
      await aHearingVacated(t, officer, crimeId, hearingId);
      expectProblem(await post(`/journeys/${journeyId}/hearings/${hearingId}/warnings`, { warnedAt: '2026-04-16T10:00:00Z', method: 'phone' }), 422, 'HEARING_NOT_LISTED');
      expectProblem(await post(`/journeys/${journeyId}/hearings/${hearingId}/warnings`, { warnedAt: '2026-04-16T10:00:00Z', method: 'phone' }, undefined, durhamOfficer), 404, 'NOT_FOUND');
    });
  });

  describe('attendance', () => {
    const attendance = (journeyId: string, hearingId: string) => `/journeys/${journeyId}/hearings/${hearingId}/attendance`;
    const put = (path: string, body: object, etag?: string) => {
      const request = t.http().put(`/api/v1${path}`).set('authorization', officer.bearer);
      if (etag) request.set('if-match', etag);
      return request.send(body);
    };

    it('opens a follow-up for a failure to attend, resolved with a note code under the row’s ETag', async () => {
      const { journeyId, hearingId } = await aWitnessWithATrial();
      const failed = await post(attendance(journeyId, hearingId), { outcome: 'failed_to_attend', reason: 'childcare' });
      expect(failed.status).toBe(201);
      expect(failed.headers.etag).toBe('"1"');
      expect(failed.body).toEqual(expect.objectContaining({ outcome: 'failed_to_attend', reason: 'childcare', followUp: { status: 'open', resolvedAt: null, note: null } }));
      expectProblem(await post(`${attendance(journeyId, hearingId)}/follow-up`, { resolvedAt: '2026-04-16T11:00:00Z', note: 'rewarned' }), 428, 'PRECONDITION_REQUIRED');
      expectProblem(await post(`${attendance(journeyId, hearingId)}/follow-up`, { resolvedAt: '2026-04-16T11:00:00Z', note: 'rewarned' }, '"5"'), 409, 'CONFLICT');
      const resolved = await post(`${attendance(journeyId, hearingId)}/follow-up`, { resolvedAt: '2026-04-16T11:00:00Z', note: 'rewarned' }, '"1"');
      expect(resolved.status).toBe(200);
      expect(resolved.body.followUp).toEqual({ status: 'resolved', resolvedAt: '2026-04-16T11:00:00.000Z', note: 'rewarned' });
      expectProblem(await post(`${attendance(journeyId, hearingId)}/follow-up`, { resolvedAt: '2026-04-16T11:00:00Z', note: 'rewarned' }, '"2"'), 422, 'NO_OPEN_FOLLOW_UP');
      const events = await t.dataSource.query(`SELECT type, payload FROM journey_events WHERE journey_id = $1 AND type IN ('witness.attendance-recorded', 'witness.follow-up-resolved') ORDER BY seq`, [journeyId]);
      expect(events).toEqual([
        { type: 'witness.attendance-recorded', payload: { attendanceId: failed.body.id, hearingId, outcome: 'failed_to_attend', reason: 'childcare', corrected: false } },
        { type: 'witness.follow-up-resolved', payload: { attendanceId: failed.body.id, hearingId, note: 'rewarned' } },
      ]);
      const audits = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'witness_attendance' AND entity_id = $1 ORDER BY seq`, [failed.body.id]);
      expect(audits).toEqual([
        { action: 'create', details: { journeyId, hearingId, outcome: 'failed_to_attend', reason: 'childcare', followUpOpened: true } },
        { action: 'update', details: { journeyId, hearingId, fields: ['followUp'], note: 'rewarned' } },
      ]);
    });

    it('corrects attendance only with PUT and its ETag; a correction away from a failure drops the open follow-up', async () => {
      const { journeyId, hearingId } = await aWitnessWithATrial();
      await post(attendance(journeyId, hearingId), { outcome: 'failed_to_attend', reason: 'unknown' });
      expectProblem(await post(attendance(journeyId, hearingId), { outcome: 'attended' }), 409, 'ATTENDANCE_ALREADY_RECORDED');
      expectProblem(await put(attendance(journeyId, hearingId), { outcome: 'attended' }), 428, 'PRECONDITION_REQUIRED');
      expectProblem(await put(attendance(journeyId, hearingId), { outcome: 'attended' }, '"9"'), 409, 'CONFLICT');
      const corrected = await put(attendance(journeyId, hearingId), { outcome: 'attended' }, '"1"');
      expect(corrected.status).toBe(200);
      expect(corrected.headers.etag).toBe('"2"');
      expect(corrected.body).toEqual(expect.objectContaining({ outcome: 'attended', reason: null, followUp: null }));
      const [event] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'witness.attendance-recorded' ORDER BY seq DESC LIMIT 1`, [journeyId]);
      expect(event.payload).toEqual({ attendanceId: corrected.body.id, hearingId, outcome: 'attended', reason: null, corrected: true });
      const back = await put(attendance(journeyId, hearingId), { outcome: 'failed_to_attend', reason: 'intimidation' }, '"2"');
      expect(back.body.followUp).toEqual({ status: 'open', resolvedAt: null, note: null });
    });

    it('wants a reason code for a failure to attend and only then, a hearing of the crime, and an attendance to correct', async () => {
      const { journeyId, hearingId } = await aWitnessWithATrial();
      const other = await aWitnessWithATrial();
      expect(fieldsOf(expectProblem(await post(attendance(journeyId, hearingId), { outcome: 'failed_to_attend' }), 400, 'VALIDATION_FAILED'))).toEqual(['reason']);
      expect(fieldsOf(expectProblem(await post(attendance(journeyId, hearingId), { outcome: 'excused', reason: 'illness' }), 400, 'VALIDATION_FAILED'))).toEqual(['reason']);
      expect(fieldsOf(expectProblem(await post(attendance(journeyId, hearingId), { outcome: 'late', reason: 'hangover' }), 400, 'VALIDATION_FAILED'))).toEqual(['outcome', 'reason']);
      expectProblem(await post(attendance(journeyId, other.hearingId), { outcome: 'attended' }), 422, 'HEARING_NOT_ON_CRIME');
      expectProblem(await put(attendance(journeyId, hearingId), { outcome: 'attended' }, '"1"'), 404, 'ATTENDANCE_NOT_RECORDED');
      expect((await post(attendance(journeyId, hearingId), { outcome: 'not_required' })).body.followUp).toBeNull();
      expectProblem(await post(attendance(journeyId, hearingId), { outcome: 'attended' }, undefined, durhamOfficer), 404, 'NOT_FOUND');
    });
  });
});
