import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aJourneyReferredAt } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const REFERRED_AT = new Date('2026-04-14T07:00:00Z');
const NOW = new Date('2026-04-14T12:00:00Z');
const UNKNOWN_ID = '0b9c1d6e-1111-4111-8111-111111111111';

describe('support plan actions and onward referrals', () => {
  let t: TestApp;
  let caseworker: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let witnessCareOfficer: SignedInUser;
  let clevelandId: string;
  let housingOrganisationId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    witnessCareOfficer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    clevelandId = await fixtures.areaId('cleveland');
    housingOrganisationId = await fixtures.organisationId('victim_care_service');
  });
  afterAll(() => t.close());

  const referred = async () => (await aJourneyReferredAt(t, caseworker, clevelandId, REFERRED_AT)).journeyId;
  const addAction = (journeyId: string, body: object, user: SignedInUser = caseworker) =>
    t.http().post(`/api/v1/journeys/${journeyId}/actions`).set('authorization', user.bearer).send(body);
  const patchAction = (journeyId: string, actionId: string, etag: string | null, body: object) => {
    const request = t.http().patch(`/api/v1/journeys/${journeyId}/actions/${actionId}`).set('authorization', caseworker.bearer);
    if (etag) request.set('if-match', etag);
    return request.send(body);
  };
  const refer = (journeyId: string, body: object) => t.http().post(`/api/v1/journeys/${journeyId}/onward-referrals`).set('authorization', caseworker.bearer).send(body);
  const anOnwardReferral = (overrides: object = {}) => ({
    service: 'isva', provider: 'Harbour ISVA service', consentGiven: true, consentRecordedAt: '2026-04-14T09:00:00Z', referredAt: '2026-04-14T09:30:00Z', ...overrides,
  });

  it('adds an action owned by a worker and an agency, on the timeline, with the action’s ETag', async () => {
    const journeyId = await referred();
    const response = await addAction(journeyId, { description: 'Arrange a lock change', ownerUserId: caseworker.id, ownerOrganisationId: housingOrganisationId, dueOn: '2026-04-21' });
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toEqual(expect.objectContaining({ journeyId, status: 'open', dueOn: '2026-04-21', ownerUserId: caseworker.id, completedAt: null, version: 1 }));
    const [event] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'support-plan.action-added'`, [journeyId]);
    expect(event.payload).toEqual({ actionId: response.body.id, status: 'open' });
    const [audit] = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'support_action' AND entity_id = $1`, [response.body.id]);
    expect(audit).toEqual({ action: 'create', details: { journeyId } });
  });

  it('marks an action done with when, under If-Match of the action, and then refuses to change it', async () => {
    const journeyId = await referred();
    const added = await addAction(journeyId, { description: 'Call the housing officer', ownerUserId: caseworker.id, dueOn: '2026-04-16' });
    const moved = await patchAction(journeyId, added.body.id, added.headers.etag, { dueOn: '2026-04-17', owner: { organisationId: housingOrganisationId } });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual(expect.objectContaining({ dueOn: '2026-04-17', ownerUserId: null, ownerOrganisationId: housingOrganisationId, version: 2 }));
    expect(moved.headers.etag).toBe('"2"');

    expectProblem(await patchAction(journeyId, added.body.id, added.headers.etag, { status: 'done' }), 409, 'CONFLICT');
    expectProblem(await patchAction(journeyId, added.body.id, null, { status: 'done' }), 428, 'PRECONDITION_REQUIRED');
    const done = await patchAction(journeyId, added.body.id, moved.headers.etag, { status: 'done' });
    expect(done.body).toEqual(expect.objectContaining({ status: 'done', completedAt: NOW.toISOString() }));
    expectProblem(await patchAction(journeyId, added.body.id, done.headers.etag, { description: 'Too late' }), 409, 'SUPPORT_ACTION_FINISHED');
    const events = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'support-plan.action-updated' ORDER BY seq`, [journeyId]);
    expect(events.map((event: { payload: unknown }) => event.payload)).toEqual([
      { actionId: added.body.id, status: 'open', changed: ['dueOn', 'owner'] },
      { actionId: added.body.id, status: 'done', changed: ['status'] },
    ]);
  });

  it('lists open actions first, by due date, to a witness care officer too', async () => {
    const journeyId = await referred();
    const later = await addAction(journeyId, { description: 'Later', ownerUserId: caseworker.id, dueOn: '2026-05-01' });
    await addAction(journeyId, { description: 'Sooner', ownerUserId: caseworker.id, dueOn: '2026-04-20' });
    const cancelled = await addAction(journeyId, { description: 'Dropped', ownerUserId: caseworker.id, dueOn: '2026-04-15' });
    await patchAction(journeyId, cancelled.body.id, cancelled.headers.etag, { status: 'cancelled' });
    const list = await t.http().get(`/api/v1/journeys/${journeyId}/actions`).set('authorization', witnessCareOfficer.bearer);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { description: string }) => item.description)).toEqual(['Sooner', 'Later', 'Dropped']);
    expect(list.body.items[1].id).toBe(later.body.id);
  });

  it('wants an owner who exists, a real date, and names each bad field', async () => {
    const journeyId = await referred();
    const noOwner = await addAction(journeyId, { description: 'Nobody', dueOn: '2026-04-20' });
    expect(fieldsOf(expectProblem(noOwner, 400, 'VALIDATION_FAILED'))).toEqual(['ownerUserId']);
    const unknown = await addAction(journeyId, { description: 'Ghost', ownerUserId: UNKNOWN_ID, ownerOrganisationId: UNKNOWN_ID, dueOn: '2026-04-20' });
    expect(fieldsOf(expectProblem(unknown, 400, 'VALIDATION_FAILED'))).toEqual(['ownerOrganisationId', 'ownerUserId']);
    const bad = await addAction(journeyId, { description: '', ownerUserId: 'me', dueOn: '2026-02-30' });
    expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['description', 'dueOn', 'ownerUserId']);
    expect(await t.dataSource.query(`SELECT 1 FROM support_actions WHERE journey_id = $1`, [journeyId])).toEqual([]);
  });

  it('does not find an action of another journey, nor another area’s journey', async () => {
    const journeyId = await referred();
    const other = await referred();
    const added = await addAction(other, { description: 'Theirs', ownerUserId: caseworker.id, dueOn: '2026-04-20' });
    expectProblem(await patchAction(journeyId, added.body.id, '"1"', { status: 'done' }), 404, 'NOT_FOUND');
    expectProblem(await addAction(journeyId, { description: 'X', ownerUserId: caseworker.id, dueOn: '2026-04-20' }, durhamCaseworker), 404, 'NOT_FOUND');
    expectProblem(await t.http().get(`/api/v1/journeys/${journeyId}/actions`).set('authorization', durhamCaseworker.bearer), 404, 'NOT_FOUND');
  });

  it('refers the victim on with their consent, then records the service’s answer under If-Match', async () => {
    const journeyId = await referred();
    const made = await refer(journeyId, anOnwardReferral({ notes: 'Prefers mornings' }));
    expect(made.status).toBe(201);
    expect(made.body).toEqual(expect.objectContaining({ journeyId, service: 'isva', outcome: 'pending', outcomeAt: null, referredAt: '2026-04-14T09:30:00.000Z', version: 1 }));
    const patch = (etag: string | null, body: object) => {
      const request = t.http().patch(`/api/v1/journeys/${journeyId}/onward-referrals/${made.body.id}`).set('authorization', caseworker.bearer);
      if (etag) request.set('if-match', etag);
      return request.send(body);
    };
    expectProblem(await patch(null, { outcome: 'accepted', outcomeAt: '2026-04-14T11:00:00Z' }), 428, 'PRECONDITION_REQUIRED');
    const early = await patch(made.headers.etag, { outcome: 'accepted', outcomeAt: '2026-04-14T08:00:00Z' });
    expect(fieldsOf(expectProblem(early, 400, 'VALIDATION_FAILED'))).toEqual(['outcomeAt']);
    const accepted = await patch(made.headers.etag, { outcome: 'accepted', outcomeAt: '2026-04-14T11:00:00Z' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual(expect.objectContaining({ outcome: 'accepted', outcomeAt: '2026-04-14T11:00:00.000Z', version: 2 }));
    expectProblem(await patch(made.headers.etag, { outcome: 'no_response', outcomeAt: '2026-04-14T11:30:00Z' }), 409, 'CONFLICT');

    const events = await t.dataSource.query(`SELECT type, payload FROM journey_events WHERE journey_id = $1 AND type LIKE 'onward-referral.%' ORDER BY seq`, [journeyId]);
    expect(events).toEqual([
      { type: 'onward-referral.made', payload: { onwardReferralId: made.body.id, service: 'isva' } },
      { type: 'onward-referral.outcome-recorded', payload: { onwardReferralId: made.body.id, service: 'isva', outcome: 'accepted' } },
    ]);
    const list = await t.http().get(`/api/v1/journeys/${journeyId}/onward-referrals`).set('authorization', caseworker.bearer);
    expect(list.body.items).toEqual([expect.objectContaining({ id: made.body.id, outcome: 'accepted', notes: 'Prefers mornings' })]);
    const audit = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'onward_referral' AND entity_id = $1 ORDER BY seq`, [made.body.id]);
    expect(audit).toEqual([
      { action: 'create', details: { journeyId, service: 'isva' } },
      { action: 'update', details: { journeyId, outcome: 'accepted' } },
    ]);
  });

  it('refuses to refer without consent: consent is required to refer', async () => {
    const journeyId = await referred();
    const response = await refer(journeyId, anOnwardReferral({ consentGiven: false }));
    expect(fieldsOf(expectProblem(response, 422, 'CONSENT_REQUIRED'))).toEqual(['consentGiven']);
    expect(await t.dataSource.query(`SELECT 1 FROM onward_referrals WHERE journey_id = $1`, [journeyId])).toEqual([]);
  });

  it('names bad onward referral fields: unknown service, consent after the referral, a future referral', async () => {
    const journeyId = await referred();
    const bad = await refer(journeyId, anOnwardReferral({ service: 'astrology', provider: '', consentGiven: 'yes' }));
    expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['consentGiven', 'provider', 'service']);
    const order = await refer(journeyId, anOnwardReferral({ consentRecordedAt: '2026-04-14T10:00:00Z', referredAt: '2026-04-15T09:30:00Z' }));
    expect(fieldsOf(expectProblem(order, 400, 'VALIDATION_FAILED'))).toEqual(['referredAt']);
    const after = await refer(journeyId, anOnwardReferral({ consentRecordedAt: '2026-04-14T10:00:00Z' }));
    expect(fieldsOf(expectProblem(after, 400, 'VALIDATION_FAILED'))).toEqual(['consentRecordedAt']);
  });
});
