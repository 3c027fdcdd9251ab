import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { aReferral } from '../support/referral.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NOW = new Date('2026-04-02T10:00:00Z');

describe('consents to share a victim’s details', () => {
  let t: TestApp;
  let caseworker: SignedInUser;
  let witnessOfficer: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    witnessOfficer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const referredWithConsent = async (): Promise<string> => {
    const body = aReferral(clevelandId, { consent: { sharing: [{ agency: 'Local housing authority', purpose: 'Rehousing', given: true }] } });
    const response = await t.http().post('/api/v1/referrals').set('authorization', caseworker.bearer).send(body);
    expect(response.status).toBe(201);
    return response.body.journeyId;
  };
  const list = (journeyId: string, user: SignedInUser = caseworker) =>
    t.http().get(`/api/v1/journeys/${journeyId}/sharing-consents`).set('authorization', user.bearer);
  const record = (journeyId: string, body: object, user: SignedInUser = caseworker) =>
    t.http().post(`/api/v1/journeys/${journeyId}/sharing-consents`).set('authorization', user.bearer).send(body);
  const withdraw = (journeyId: string, consentId: string, body: object, user: SignedInUser = caseworker) =>
    t.http().post(`/api/v1/journeys/${journeyId}/sharing-consents/${consentId}/withdrawal`).set('authorization', user.bearer).send(body);

  it('lists the consents taken at referral to anyone working the case, and audits the read', async () => {
    const id = await referredWithConsent();
    const response = await list(id, witnessOfficer);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({ agency: 'Local housing authority', purpose: 'Rehousing', given: true, withdrawnAt: null, recordedBy: caseworker.id }),
    ]);
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'read' AND entity_id = $1 AND actor_user_id = $2`, [
      id,
      witnessOfficer.id,
    ]);
    expect(audit.details).toEqual({ what: 'sharing_consents' });
  });

  it('records a later answer, with a timeline event that names the agency but not the purpose', async () => {
    const id = await referredWithConsent();
    const response = await record(id, { agency: 'Mental health team', purpose: 'Counselling referral', given: false });
    expect(response.status).toBe(201);
    expect(response.body).toEqual(expect.objectContaining({ agency: 'Mental health team', given: false, recordedAt: NOW.toISOString(), version: 1 }));
    const [event] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'sharing-consent.recorded'`, [id]);
    expect(event.payload).toEqual({ consentId: response.body.id, agency: 'Mental health team', given: false });
    const [audit] = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'sharing_consent' AND entity_id = $1`, [response.body.id]);
    expect(audit).toEqual({ action: 'create', details: { journeyId: id } });
    expect((await list(id)).body.items).toHaveLength(2);
  });

  it('records a withdrawal once, keeping the consent, and refuses a second with 409', async () => {
    const id = await referredWithConsent();
    const [consent] = (await list(id)).body.items;
    const response = await withdraw(id, consent.id, { reason: 'Victim changed her mind' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      expect.objectContaining({ id: consent.id, withdrawnAt: NOW.toISOString(), withdrawnBy: caseworker.id, withdrawalReason: 'Victim changed her mind', version: 2 }),
    );
    const [event] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'sharing-consent.withdrawn'`, [id]);
    expect(event.payload).toEqual({ consentId: consent.id, agency: 'Local housing authority' });
    expectProblem(await withdraw(id, consent.id, { reason: 'Again' }), 409, 'SHARING_CONSENT_WITHDRAWN');
  });

  it('has no consent to withdraw where the victim refused, and says so', async () => {
    const id = await referredWithConsent();
    const refused = await record(id, { agency: 'Mental health team', purpose: 'Counselling referral', given: false });
    expectProblem(await withdraw(id, refused.body.id, { reason: 'Tidying up' }), 409, 'SHARING_CONSENT_NOT_GIVEN');
    const [row] = await t.dataSource.query(`SELECT withdrawn_at FROM sharing_consents WHERE id = $1`, [refused.body.id]);
    expect(row.withdrawn_at).toBeNull();
  });

  it('refuses bad input, naming the fields', async () => {
    const id = await referredWithConsent();
    const bad = await record(id, { agency: '', given: 'yes' });
    expect([...new Set(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED')))]).toEqual(['agency', 'given', 'purpose']);
    const [consent] = (await list(id)).body.items;
    expect([...new Set(fieldsOf(expectProblem(await withdraw(id, consent.id, {}), 400)))]).toEqual(['reason']);
    expect(fieldsOf(expectProblem(await withdraw(id, 'x', { reason: 'r' }), 400))).toEqual(['consentId']);
  });

  it('does not find a consent of another journey, nor the journey of another area', async () => {
    const id = await referredWithConsent();
    const other = await referredWithConsent();
    const [consent] = (await list(other)).body.items;
    expectProblem(await withdraw(id, consent.id, { reason: 'r' }), 404, 'NOT_FOUND');
    expectProblem(await withdraw(id, randomUUID(), { reason: 'r' }), 404, 'NOT_FOUND');
    expectProblem(await list(id, durhamCaseworker), 404, 'NOT_FOUND');
    expectProblem(await record(id, { agency: 'A', purpose: 'B', given: true }, durhamCaseworker), 404, 'NOT_FOUND');
    const denied = await t.dataSource.query(`SELECT 1 FROM audit_log WHERE action = 'access_denied' AND entity_id = $1 AND actor_user_id = $2`, [
      id,
      durhamCaseworker.id,
    ]);
    expect(denied).toHaveLength(2);
  });

  it('lets only caseworkers and supervisors record or withdraw', async () => {
    const id = await referredWithConsent();
    expectProblem(await record(id, { agency: 'A', purpose: 'B', given: true }, witnessOfficer), 403, 'ROLE_NOT_ALLOWED');
  });
});
