import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aJourneyReferredAt, eventTypes } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { closeJourney } from './court-news.builder.js';

// Received Monday 1 June 2026: acknowledgement owed 10 working days on (Monday 15 June), the
// response 20 (Monday 29 June).
const REFERRED_AT = new Date('2026-04-14T07:00:00Z');
const NOW = new Date('2026-06-10T12:00:00Z');
const SUMMARY = 'Not told about the charge until the day before court';

describe('complaints (right 12)', () => {
  let t: TestApp;
  let caseworker: SignedInUser;
  let witnessCareOfficer: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    witnessCareOfficer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const referred = async () => (await aJourneyReferredAt(t, caseworker, clevelandId, REFERRED_AT)).journeyId;
  const complain = (journeyId: string, body: object = {}, user: SignedInUser = witnessCareOfficer) =>
    t.http().post(`/api/v1/journeys/${journeyId}/complaints`).set('authorization', user.bearer).send({ against: 'police', receivedAt: '2026-06-01T10:00:00Z', ...body });
  const step = (journeyId: string, complaintId: string, path: 'acknowledgement' | 'response' | 'escalation', etag: string | null, body: object, user: SignedInUser = caseworker) => {
    const request = t.http().post(`/api/v1/journeys/${journeyId}/complaints/${complaintId}/${path}`).set('authorization', user.bearer);
    if (etag) request.set('if-match', etag);
    return request.send(body);
  };
  const dutiesOf = async (journeyId: string, complaintId: string) => {
    const response = await t.http().get(`/api/v1/journeys/${journeyId}/duties`).set('authorization', caseworker.bearer);
    const items = (response.body.items as Array<Record<string, unknown>>).filter((duty) => (duty.subject as { id?: string }).id === complaintId);
    return Object.fromEntries(items.map((duty) => [duty.ruleId as string, duty]));
  };

  it('follows a complaint through the organisation’s process: received, acknowledged, answered, escalated to the next stage and to the Ombudsman', async () => {
    const journeyId = await referred();
    const received = await complain(journeyId, { receivedVia: 'letter', rightsConcerned: [6, 9], summary: SUMMARY });
    expect(received.status).toBe(201);
    expect(received.headers.etag).toBe('"1"');
    const id = received.body.id as string;
    expect(received.body).toEqual({
      id: expect.any(String), journeyId, against: 'police', receivedAt: '2026-06-01T10:00:00.000Z', receivedVia: 'letter', rightsConcerned: [6, 9],
      summary: SUMMARY, status: 'received', acknowledgeBy: '2026-06-15T22:59:59.999Z', respondBy: '2026-06-29T22:59:59.999Z', acknowledgedAt: null,
      respondedAt: null, finding: null, escalatedTo: null, escalatedAt: null, createdBy: witnessCareOfficer.id, version: 1,
    });
    let duties = await dutiesOf(journeyId, id);
    expect(duties['complaint.acknowledge']).toEqual(expect.objectContaining({ status: 'open', owner: 'police', right: 12, dueAt: '2026-06-15T22:59:59.999Z' }));
    expect(duties['complaint.respond']).toEqual(expect.objectContaining({ status: 'open', owner: 'police', dueAt: '2026-06-29T22:59:59.999Z' }));

    const acknowledged = await step(journeyId, id, 'acknowledgement', '"1"', { acknowledgedAt: '2026-06-03T09:00:00Z' });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.headers.etag).toBe('"2"');
    expect(acknowledged.body).toEqual(expect.objectContaining({ status: 'acknowledged', acknowledgedAt: '2026-06-03T09:00:00.000Z', version: 2 }));
    expectProblem(await step(journeyId, id, 'acknowledgement', '"1"', { acknowledgedAt: '2026-06-03T09:00:00Z' }), 409, 'CONFLICT');
    expectProblem(await step(journeyId, id, 'acknowledgement', '"2"', { acknowledgedAt: '2026-06-04T09:00:00Z' }), 422, 'COMPLAINT_ALREADY_ACKNOWLEDGED');

    const answered = await step(journeyId, id, 'response', '"2"', { respondedAt: '2026-06-09T15:00:00Z', finding: 'partly_upheld' });
    expect(answered.body).toEqual(expect.objectContaining({ status: 'responded', respondedAt: '2026-06-09T15:00:00.000Z', finding: 'partly_upheld', version: 3 }));
    expectProblem(await step(journeyId, id, 'response', '"3"', { respondedAt: '2026-06-09T16:00:00Z', finding: 'upheld' }), 422, 'COMPLAINT_ALREADY_RESPONDED');
    duties = await dutiesOf(journeyId, id);
    expect(duties['complaint.acknowledge']).toEqual(expect.objectContaining({ status: 'met', metAt: '2026-06-03T09:00:00.000Z' }));
    expect(duties['complaint.respond']).toEqual(expect.objectContaining({ status: 'met', metAt: '2026-06-09T15:00:00.000Z' }));

    const nextStage = await step(journeyId, id, 'escalation', '"3"', { escalatedAt: '2026-06-10T09:00:00Z', to: 'next_stage' });
    expect(nextStage.body).toEqual(expect.objectContaining({ status: 'escalated', escalatedTo: 'next_stage', escalatedAt: '2026-06-10T09:00:00.000Z' }));
    const ombudsman = await step(journeyId, id, 'escalation', '"4"', { escalatedAt: '2026-06-10T11:00:00Z', to: 'ombudsman' }, witnessCareOfficer);
    expect(ombudsman.body).toEqual(expect.objectContaining({ escalatedTo: 'ombudsman', version: 5 }));
    expectProblem(await step(journeyId, id, 'escalation', '"5"', { escalatedAt: '2026-06-10T11:30:00Z', to: 'next_stage' }), 422, 'COMPLAINT_AT_OMBUDSMAN');

    expect((await eventTypes(t, journeyId)).slice(-5)).toEqual([
      'complaint.received', 'complaint.acknowledged', 'complaint.responded', 'complaint.escalated', 'complaint.escalated',
    ]);
    const payloads = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type LIKE 'complaint.%' ORDER BY seq`, [journeyId]);
    expect(payloads.map((row: { payload: object }) => row.payload)).toEqual([
      { complaintId: id, against: 'police' }, { complaintId: id }, { complaintId: id }, { complaintId: id, to: 'next_stage' }, { complaintId: id, to: 'ombudsman' },
    ]);
    const audit = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'complaint' AND entity_id = $1 ORDER BY seq`, [id]);
    expect(audit).toEqual([
      { action: 'create', details: { journeyId, against: 'police', rightsConcerned: [6, 9] } },
      { action: 'update', details: { journeyId, status: 'acknowledged' } },
      { action: 'update', details: { journeyId, status: 'responded', finding: 'partly_upheld' } },
      { action: 'update', details: { journeyId, status: 'escalated', escalatedTo: 'next_stage' } },
      { action: 'update', details: { journeyId, status: 'escalated', escalatedTo: 'ombudsman' } },
    ]);
    const [{ n }] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM audit_log WHERE details::text LIKE '%told about the charge%') + (SELECT count(*) FROM journey_events WHERE payload::text LIKE '%told about the charge%') AS n`,
    );
    expect(Number(n)).toBe(0);

    const list = await t.http().get(`/api/v1/journeys/${journeyId}/complaints`).set('authorization', witnessCareOfficer.bearer);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([ombudsman.body]);
  });

  it('owes the acknowledgement and response to the organisation complained about, and a full response meets both', async () => {
    const journeyId = await referred();
    const received = await complain(journeyId, { against: 'witness_care_unit' }, caseworker);
    const answered = await step(journeyId, received.body.id, 'response', '"1"', { respondedAt: '2026-06-05T10:00:00Z', finding: 'not_upheld' });
    expect(answered.body).toEqual(expect.objectContaining({ status: 'responded', acknowledgedAt: null }));
    const duties = await dutiesOf(journeyId, received.body.id);
    expect(duties['complaint.acknowledge']).toEqual(expect.objectContaining({ owner: 'witness_care_unit', status: 'met', metAt: '2026-06-05T10:00:00.000Z' }));
    expect(duties['complaint.respond']).toEqual(expect.objectContaining({ owner: 'witness_care_unit', status: 'met' }));
    expectProblem(await step(journeyId, received.body.id, 'acknowledgement', '"2"', { acknowledgedAt: '2026-06-06T10:00:00Z' }), 422, 'COMPLAINT_ALREADY_ACKNOWLEDGED');
  });

  it('escalates before an answer only once the response is overdue, and a late answer keeps it escalated', async () => {
    const journeyId = await referred();
    const recent = await complain(journeyId);
    expectProblem(await step(journeyId, recent.body.id, 'escalation', '"1"', { escalatedAt: '2026-06-10T09:00:00Z', to: 'next_stage' }), 422, 'COMPLAINT_NOT_RESPONDED');

    // Received Monday 20 April: 20 working days, with the May Day bank holiday, end on Tuesday 19 May.
    const old = await complain(journeyId, { receivedAt: '2026-04-20T10:00:00Z' });
    expect(old.body.respondBy).toBe('2026-05-19T22:59:59.999Z');
    const escalated = await step(journeyId, old.body.id, 'escalation', '"1"', { escalatedAt: '2026-06-01T09:00:00Z', to: 'ombudsman' });
    expect(escalated.body).toEqual(expect.objectContaining({ status: 'escalated', escalatedTo: 'ombudsman', respondedAt: null }));
    expect((await dutiesOf(journeyId, old.body.id))['complaint.respond']).toEqual(expect.objectContaining({ status: 'breached' }));
    const late = await step(journeyId, old.body.id, 'response', '"2"', { respondedAt: '2026-06-02T09:00:00Z', finding: 'upheld' });
    expect(late.body).toEqual(expect.objectContaining({ status: 'escalated', finding: 'upheld' }));
    expect((await dutiesOf(journeyId, old.body.id))['complaint.respond']).toEqual(expect.objectContaining({ status: 'met_late', workingDaysLate: 9 }));
  });

  it('names each bad field, and keeps steps in order', async () => {
    const journeyId = await referred();
    const bad = await complain(journeyId, { against: 'ombudsman', receivedAt: '1 June', rightsConcerned: [0, 13], summary: 'x'.repeat(501), text: 'the complaint' });
    expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['against', 'receivedAt', 'rightsConcerned', 'summary', 'text']);
    expect(fieldsOf(expectProblem(await complain(journeyId, { receivedAt: '2026-07-01T10:00:00Z' }), 400))).toEqual(['receivedAt']);
    const received = await complain(journeyId);
    expect(fieldsOf(expectProblem(await step(journeyId, received.body.id, 'acknowledgement', '"1"', { acknowledgedAt: '2026-05-31T10:00:00Z' }), 400))).toEqual(['acknowledgedAt']);
    expect(fieldsOf(expectProblem(await step(journeyId, received.body.id, 'response', '"1"', { respondedAt: '2026-06-02T10:00:00Z' }), 400))).toEqual(['finding']);
    expect(fieldsOf(expectProblem(await step(journeyId, received.body.id, 'escalation', '"1"', { escalatedAt: '2026-06-02T10:00:00Z', to: 'mp' }), 400))).toEqual(['to']);
    expectProblem(await step(journeyId, received.body.id, 'response', null, { respondedAt: '2026-06-02T10:00:00Z', finding: 'upheld' }), 428, 'PRECONDITION_REQUIRED');
    expectProblem(await step(journeyId, '3f1c2a4e-8b7d-4c6e-9a5f-0d1e2f3a4b5c', 'acknowledgement', '"1"', { acknowledgedAt: '2026-06-02T10:00:00Z' }), 404, 'NOT_FOUND');
  });

  it('takes a complaint received after support closed, owing its acknowledgement and response', async () => {
    const journeyId = await referred();
    await closeJourney(t, caseworker, journeyId, new Date('2026-06-05T12:00:00Z'));
    const received = await complain(journeyId, { against: 'victim_care_service', receivedAt: '2026-06-08T10:00:00Z' });
    expect(received.status).toBe(201);
    expect((await dutiesOf(journeyId, received.body.id))['complaint.acknowledge']).toEqual(expect.objectContaining({ status: 'open', owner: 'victim_care_service' }));
  });

  it('answers another area’s journey as not found', async () => {
    const journeyId = await referred();
    const received = await complain(journeyId);
    expectProblem(await complain(journeyId, {}, durhamCaseworker), 404, 'NOT_FOUND');
    expectProblem(await step(journeyId, received.body.id, 'acknowledgement', '"1"', { acknowledgedAt: '2026-06-02T10:00:00Z' }, durhamCaseworker), 404, 'NOT_FOUND');
    expectProblem(await t.http().get(`/api/v1/journeys/${journeyId}/complaints`).set('authorization', durhamCaseworker.bearer), 404, 'NOT_FOUND');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' AND entity_id = $2`, [
      durhamCaseworker.id,
      journeyId,
    ]);
    expect(n).toBe(3);
  });
});
