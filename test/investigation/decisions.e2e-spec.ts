import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCrimeWithTwoJourneys, aDecision, aDefendant, dutiesOf, eventsOf } from './crime.builder.js';

// Thursday 2 April 2026, before Easter: Good Friday (3rd) and Easter Monday (6th) are bank holidays.
const NOW = new Date('2026-04-02T12:00:00Z');
const DECIDED_AT = '2026-04-02T10:00:00.000Z';
// 5 working days after Thursday 2 April, skipping the weekend and both bank holidays: Monday 13 April, end of day in London (BST).
const STANDARD_DUE = '2026-04-13T22:59:59.999Z';
// 1 working day: Tuesday 7 April.
const ENHANCED_DUE = '2026-04-07T22:59:59.999Z';

describe('police and CPS decisions on a crime', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let officer: SignedInUser;
  let durhamOfficer: SignedInUser;
  let partner: Awaited<ReturnType<Fixtures['partnerClient']>>;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    officer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    durhamOfficer = await fixtures.signedIn(['witness_care_officer'], ['durham']);
    partner = await fixtures.partnerClient(['cleveland']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  it('records a charge on every journey of the crime, with the duty to tell each victim and to offer a VPS, and marks the defendant charged', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const charged = await aDefendant(t, officer, crime.crimeId);
    const other = await aDefendant(t, officer, crime.crimeId, { givenName: 'Alex' });
    const response = await t.http().post(`/api/v1/crimes/${crime.crimeId}/police-decisions`).set('authorization', officer.bearer)
      .send({ kind: 'charged', decidedAt: DECIDED_AT, defendantIds: [charged.id] });
    expect(response.status).toBe(201);
    const decisionId = response.body.id;
    expect(response.body).toEqual(expect.objectContaining({
      crimeId: crime.crimeId, body: 'police', kind: 'charged', decidedAt: DECIDED_AT, recordedBy: officer.id,
      defendants: [{ id: charged.id, reference: charged.reference }],
    }));
    expect(response.body.journeysTold.map((journey: { id: string }) => journey.id).sort()).toEqual([crime.standard, crime.enhanced].sort());
    expect(JSON.stringify(response.body)).not.toContain('Offender');

    const [row] = await t.dataSource.query(`SELECT area_id, crime_id, kind, decided_at FROM police_decisions WHERE id = $1`, [decisionId]);
    expect(row).toEqual({ area_id: clevelandId, crime_id: crime.crimeId, kind: 'charged', decided_at: new Date(DECIDED_AT) });
    expect(await t.dataSource.query(`SELECT defendant_id FROM police_decision_defendants WHERE decision_id = $1`, [decisionId])).toEqual([{ defendant_id: charged.id }]);

    for (const journeyId of [crime.standard, crime.enhanced]) {
      expect(await eventsOf(t, journeyId, 'police.decision-made')).toEqual([expect.objectContaining({ occurredAt: DECIDED_AT, payload: { decisionId, kind: 'charged' } })]);
    }
    expect(await dutiesOf(t, crime.standard, 'police.inform-decision')).toEqual([
      { key: `police.inform-decision|police_decision:${decisionId}`, status: 'open', dueAt: STANDARD_DUE, metAt: null, enhanced: false },
    ]);
    expect(await dutiesOf(t, crime.enhanced, 'police.inform-decision')).toEqual([
      { key: `police.inform-decision|police_decision:${decisionId}`, status: 'open', dueAt: ENHANCED_DUE, metAt: null, enhanced: true },
    ]);
    expect(await dutiesOf(t, crime.standard, 'support.vps-offer')).toEqual([expect.objectContaining({ status: 'open', dueAt: STANDARD_DUE })]);
    expect(await dutiesOf(t, crime.enhanced, 'support.vps-offer')).toEqual([expect.objectContaining({ status: 'open', dueAt: ENHANCED_DUE })]);

    const defendants = await t.dataSource.query(`SELECT id, status, charged_at, version FROM defendants WHERE crime_id = $1 ORDER BY reference`, [crime.crimeId]);
    expect(defendants).toEqual([
      { id: charged.id, status: 'charged', charged_at: new Date(DECIDED_AT), version: 2 },
      { id: other.id, status: 'suspect', charged_at: null, version: 1 },
    ]);
    const [audit] = await t.dataSource.query(`SELECT action, area_id, details FROM audit_log WHERE entity_type = 'police_decision' AND entity_id = $1`, [decisionId]);
    expect(audit).toEqual({ action: 'create', area_id: clevelandId, details: { crimeId: crime.crimeId, kind: 'charged', defendantIds: [charged.id], journeyIds: expect.arrayContaining([crime.standard, crime.enhanced]) } });
  });

  it('opens no VPS duty for a decision other than a charge', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const decision = await aDecision(t, officer, crime.crimeId, 'police', { kind: 'released_under_investigation', decidedAt: DECIDED_AT });
    expect(decision.defendants).toEqual([]);
    expect(await dutiesOf(t, crime.standard, 'police.inform-decision')).toEqual([expect.objectContaining({ status: 'open', dueAt: STANDARD_DUE })]);
    expect(await dutiesOf(t, crime.standard, 'support.vps-offer')).toEqual([]);
  });

  it('records a CPS decision on every journey, opening the CPS duty to tell each victim', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const defendant = await aDefendant(t, officer, crime.crimeId);
    const response = await t.http().post(`/api/v1/crimes/${crime.crimeId}/cps-decisions`).set('authorization', officer.bearer)
      .send({ kind: 'discontinue', decidedAt: DECIDED_AT, defendantIds: [defendant.id] });
    expect(response.status).toBe(201);
    expect(response.body).toEqual(expect.objectContaining({ body: 'cps', kind: 'discontinue', defendants: [{ id: defendant.id, reference: defendant.reference }] }));
    for (const journeyId of [crime.standard, crime.enhanced]) {
      expect((await eventsOf(t, journeyId, 'cps.decision-made')).map((event) => event.payload)).toEqual([{ decisionId: response.body.id, kind: 'discontinue' }]);
    }
    expect(await dutiesOf(t, crime.standard, 'cps.inform-decision')).toEqual([expect.objectContaining({ status: 'open', dueAt: STANDARD_DUE, enhanced: false })]);
    expect(await dutiesOf(t, crime.enhanced, 'cps.inform-decision')).toEqual([expect.objectContaining({ status: 'open', dueAt: ENHANCED_DUE, enhanced: true })]);
    expect(await dutiesOf(t, crime.standard, 'police.inform-decision')).toEqual([]);
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE entity_type = 'cps_decision' AND entity_id = $1`, [response.body.id]);
    expect(audit.details).toEqual(expect.objectContaining({ kind: 'discontinue', defendantIds: [defendant.id] }));
  });

  it('names each bad field, and a charge that names nobody', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const url = `/api/v1/crimes/${crime.crimeId}/police-decisions`;
    const bad = await t.http().post(url).set('authorization', officer.bearer).send({ kind: 'arrested', decidedAt: '2026-04-02 10:00', defendantIds: ['not-a-uuid'] });
    expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(expect.arrayContaining(['decidedAt', 'defendantIds', 'kind']));
    const chargeOfNobody = await t.http().post(url).set('authorization', officer.bearer).send({ kind: 'charged', decidedAt: DECIDED_AT });
    expect(fieldsOf(expectProblem(chargeOfNobody, 400, 'VALIDATION_FAILED'))).toEqual(['defendantIds']);
    const future = await t.http().post(url).set('authorization', officer.bearer).send({ kind: 'suspect_arrested', decidedAt: '2026-04-03T10:00:00Z' });
    expect(fieldsOf(expectProblem(future, 400, 'VALIDATION_FAILED'))).toEqual(['decidedAt']);
    const cps = await t.http().post(`/api/v1/crimes/${crime.crimeId}/cps-decisions`).set('authorization', officer.bearer).send({ kind: 'charged', decidedAt: DECIDED_AT });
    expect(fieldsOf(expectProblem(cps, 400, 'VALIDATION_FAILED'))).toEqual(['kind']);
    expect(await t.dataSource.query(`SELECT 1 FROM police_decisions WHERE crime_id = $1`, [crime.crimeId])).toEqual([]);
  });

  it('refuses a defendant of another crime with a 422, recording nothing', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const elsewhere = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const stranger = await aDefendant(t, officer, elsewhere.crimeId);
    const response = await t.http().post(`/api/v1/crimes/${crime.crimeId}/police-decisions`).set('authorization', officer.bearer)
      .send({ kind: 'charged', decidedAt: DECIDED_AT, defendantIds: [stranger.id] });
    expect(expectProblem(response, 422, 'DEFENDANT_NOT_ON_CRIME').defendantIds).toEqual([stranger.id]);
    expect(await t.dataSource.query(`SELECT 1 FROM police_decisions WHERE crime_id = $1`, [crime.crimeId])).toEqual([]);
    expect(await eventsOf(t, crime.standard, 'police.decision-made')).toEqual([]);
    const [defendant] = await t.dataSource.query(`SELECT status FROM defendants WHERE id = $1`, [stranger.id]);
    expect(defendant.status).toBe('suspect');
  });

  it('answers 404 for a crime of another area, and audits the attempt', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const response = await t.http().post(`/api/v1/crimes/${crime.crimeId}/police-decisions`).set('authorization', durhamOfficer.bearer)
      .send({ kind: 'suspect_arrested', decidedAt: DECIDED_AT });
    expectProblem(response, 404, 'NOT_FOUND');
    const denied = await t.dataSource.query(`SELECT 1 FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' AND entity_type = 'crime' AND entity_id = $2`, [durhamOfficer.id, crime.crimeId]);
    expect(denied).toHaveLength(1);
    await expectProblem(await t.http().get(`/api/v1/crimes/${crime.crimeId}/decisions`).set('authorization', durhamOfficer.bearer), 404, 'NOT_FOUND');
  });

  it('takes a police feed’s decision once however often it retries with the same Idempotency-Key', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const url = `/api/v1/crimes/${crime.crimeId}/police-decisions`;
    const body = { kind: 'suspect_arrested', decidedAt: DECIDED_AT };
    expect(fieldsOf(expectProblem(await t.http().post(url).set('x-api-key', partner.apiKey).send(body), 400, 'VALIDATION_FAILED'))).toEqual(['Idempotency-Key']);
    const first = await t.http().post(url).set('x-api-key', partner.apiKey).set('idempotency-key', 'niche-decision-0001').send(body);
    const retry = await t.http().post(url).set('x-api-key', partner.apiKey).set('idempotency-key', 'niche-decision-0001').send(body);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await t.dataSource.query(`SELECT id FROM police_decisions WHERE crime_id = $1`, [crime.crimeId])).toEqual([{ id: first.body.id }]);
    for (const journeyId of [crime.standard, crime.enhanced]) expect(await eventsOf(t, journeyId, 'police.decision-made')).toHaveLength(1);
    const reused = await t.http().post(url).set('x-api-key', partner.apiKey).set('idempotency-key', 'niche-decision-0001').send({ ...body, kind: 'released_nfa' });
    expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a caseworker, who reads decisions but does not record them', async () => {
    const crime = await aCrimeWithTwoJourneys(t, caseworker, clevelandId);
    const response = await t.http().post(`/api/v1/crimes/${crime.crimeId}/police-decisions`).set('authorization', caseworker.bearer).send({ kind: 'suspect_arrested', decidedAt: DECIDED_AT });
    expect(response.status).toBe(403);
  });
});
