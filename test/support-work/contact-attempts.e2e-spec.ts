import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aReferredJourney, dutiesByRule, eventTypes, journeyEtag } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// A Tuesday with no bank holiday near it: referred at 07:00, the attempts are made during the day.
const REFERRED_AT = new Date('2026-04-14T07:00:00Z');
const NOW = new Date('2026-04-14T12:00:00Z');

describe('contact attempts', () => {
  let t: TestApp;
  let caseworker: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let witnessCareOfficer: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { UNABLE_TO_CONTACT_ATTEMPTS: '3' } });
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    witnessCareOfficer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  afterAll(() => t.close());

  const referred = async () => {
    t.clock.set(REFERRED_AT);
    const journey = await aReferredJourney(t, caseworker, clevelandId);
    t.clock.set(NOW);
    return journey;
  };

  const attempt = (journeyId: string, body: object, user: SignedInUser = caseworker) =>
    t.http().post(`/api/v1/journeys/${journeyId}/contact-attempts`).set('authorization', user.bearer).send(body);

  it('meets the first-contact duty with the first successful contact and moves the journey to contacted', async () => {
    const { journeyId } = await referred();
    const response = await attempt(journeyId, { method: 'phone', outcome: 'contacted', attemptedAt: '2026-04-14T09:30:00Z', notes: 'Spoke to Ann' });
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe(await journeyEtag(t, caseworker, journeyId));
    expect(response.body).toEqual(expect.objectContaining({ journeyId, method: 'phone', outcome: 'contacted', attemptedAt: '2026-04-14T09:30:00.000Z', notes: 'Spoke to Ann' }));

    const duties = await dutiesByRule(t, caseworker, journeyId);
    expect(duties['support.first-contact']).toEqual(expect.objectContaining({ status: 'met', metAt: '2026-04-14T09:30:00.000Z' }));
    const journey = await t.http().get(`/api/v1/journeys/${journeyId}`).set('authorization', caseworker.bearer);
    expect(journey.body).toEqual(expect.objectContaining({ stage: 'contacted', firstContactedAt: '2026-04-14T09:30:00.000Z', unsuccessfulContactAttempts: 0 }));
    expect(await eventTypes(t, journeyId)).toEqual(['crime.reported', 'referral.received', 'contact.attempted', 'contact.succeeded']);
    const [event] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'contact.attempted'`, [journeyId]);
    expect(event.payload).toEqual({ contactAttemptId: response.body.id, method: 'phone', outcome: 'contacted', attemptNumber: 1 });
  });

  it('meets the first-contact duty as unable to contact after the policy’s number of unsuccessful attempts, once', async () => {
    const { journeyId } = await referred();
    await attempt(journeyId, { method: 'phone', outcome: 'no_answer', attemptedAt: '2026-04-14T08:00:00Z' });
    await attempt(journeyId, { method: 'phone', outcome: 'left_message', attemptedAt: '2026-04-14T08:30:00Z' });
    let duties = await dutiesByRule(t, caseworker, journeyId);
    expect(duties['support.first-contact']).toEqual(expect.objectContaining({ status: 'open' }));

    await attempt(journeyId, { method: 'letter', outcome: 'sent', attemptedAt: '2026-04-14T09:00:00Z' });
    await attempt(journeyId, { method: 'text', outcome: 'no_answer', attemptedAt: '2026-04-14T09:10:00Z' });
    duties = await dutiesByRule(t, caseworker, journeyId);
    expect(duties['support.first-contact']).toEqual(expect.objectContaining({ status: 'met', metAt: '2026-04-14T09:00:00.000Z' }));
    const journey = await t.http().get(`/api/v1/journeys/${journeyId}`).set('authorization', caseworker.bearer);
    expect(journey.body).toEqual(expect.objectContaining({ stage: 'referred', unsuccessfulContactAttempts: 4, unableToContactAt: '2026-04-14T09:00:00.000Z' }));
    expect((await eventTypes(t, journeyId)).filter((type) => type === 'contact.unable-to-contact')).toHaveLength(1);
  });

  it('opens the needs assessment and restorative justice duties when the victim accepts support, once', async () => {
    const { journeyId } = await referred();
    await attempt(journeyId, { method: 'phone', outcome: 'contacted', attemptedAt: '2026-04-14T09:00:00Z', supportWanted: 'accepted' });
    await attempt(journeyId, { method: 'visit', outcome: 'contacted', attemptedAt: '2026-04-14T09:40:00Z', supportWanted: 'accepted' });
    const duties = await dutiesByRule(t, caseworker, journeyId);
    // 5 working days from Tuesday 14 April: Tuesday 21 April, end of day in London.
    expect(duties['support.needs-assessment']).toEqual(expect.objectContaining({ status: 'open', dueAt: '2026-04-21T22:59:59.999Z' }));
    expect(duties['support.rj-offer']).toEqual(expect.objectContaining({ status: 'open' }));
    const types = await eventTypes(t, journeyId);
    expect(types.filter((type) => type === 'support.accepted')).toHaveLength(1);
    expect(types.filter((type) => type === 'contact.succeeded')).toHaveLength(1);
  });

  it('records two first contacts sent at the same moment one after the other: one contact.succeeded, attempts numbered 1 and 2', async () => {
    const { journeyId } = await referred();
    const [a, b] = await Promise.all([
      attempt(journeyId, { method: 'phone', outcome: 'contacted', attemptedAt: '2026-04-14T09:00:00Z', supportWanted: 'accepted' }),
      attempt(journeyId, { method: 'phone', outcome: 'contacted', attemptedAt: '2026-04-14T09:00:00Z', supportWanted: 'accepted' }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const types = await eventTypes(t, journeyId);
    expect(types.filter((type) => type === 'contact.succeeded')).toHaveLength(1);
    expect(types.filter((type) => type === 'support.accepted')).toHaveLength(1);
    const numbers = await t.dataSource.query(
      `SELECT (payload->>'attemptNumber')::int AS n, payload->>'supportWanted' AS wanted FROM journey_events WHERE journey_id = $1 AND type = 'contact.attempted' ORDER BY seq`,
      [journeyId],
    );
    expect(numbers).toEqual([{ n: 1, wanted: 'accepted' }, { n: 2, wanted: 'accepted' }]);
  });

  it('records a victim declining support on the timeline, owing no assessment', async () => {
    const { journeyId } = await referred();
    await attempt(journeyId, { method: 'phone', outcome: 'contacted', attemptedAt: '2026-04-14T09:00:00Z', supportWanted: 'declined' });
    expect(await eventTypes(t, journeyId)).toContain('support.declined');
    expect((await dutiesByRule(t, caseworker, journeyId))['support.needs-assessment']).toBeUndefined();
  });

  it('lists the attempts newest first, to a witness care officer too, and audits the read', async () => {
    const { journeyId } = await referred();
    await attempt(journeyId, { method: 'phone', outcome: 'no_answer', attemptedAt: '2026-04-14T08:00:00Z', nextAttemptAt: '2026-04-15T10:00:00Z' });
    await attempt(journeyId, { method: 'email', outcome: 'sent', attemptedAt: '2026-04-14T09:00:00Z' });
    const response = await t.http().get(`/api/v1/journeys/${journeyId}/contact-attempts`).set('authorization', witnessCareOfficer.bearer);
    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { method: string }) => item.method)).toEqual(['email', 'phone']);
    expect(response.body.items[1].nextAttemptAt).toBe('2026-04-15T10:00:00.000Z');
    const audit = await t.dataSource.query(`SELECT action, entity_type, details FROM audit_log WHERE actor_user_id = $1 AND entity_id = $2`, [
      witnessCareOfficer.id,
      journeyId,
    ]);
    expect(audit).toEqual([{ action: 'read', entity_type: 'journey', details: { what: 'contact_attempts' } }]);
  });

  it('audits each attempt without its notes', async () => {
    const { journeyId } = await referred();
    const response = await attempt(journeyId, { method: 'phone', outcome: 'refused', attemptedAt: '2026-04-14T09:00:00Z', notes: 'Private words' });
    const [row] = await t.dataSource.query(`SELECT action, area_id, details FROM audit_log WHERE entity_type = 'contact_attempt' AND entity_id = $1`, [response.body.id]);
    expect(row).toEqual({ action: 'create', area_id: clevelandId, details: { journeyId, method: 'phone', outcome: 'refused', attemptNumber: 1 } });
  });

  it('names every bad field: unknown method and outcome, a future attempt, support wanted without contact, an attempt before the referral', async () => {
    const { journeyId } = await referred();
    const bad = await attempt(journeyId, { method: 'pigeon', outcome: 'maybe', attemptedAt: 'today' });
    expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['attemptedAt', 'method', 'outcome']);
    const rules = await attempt(journeyId, { method: 'phone', outcome: 'no_answer', attemptedAt: '2026-04-15T09:00:00Z', supportWanted: 'accepted' });
    expect(fieldsOf(expectProblem(rules, 400, 'VALIDATION_FAILED'))).toEqual(['attemptedAt', 'supportWanted']);
    const early = await attempt(journeyId, { method: 'phone', outcome: 'no_answer', attemptedAt: '2026-04-13T09:00:00Z' });
    expect(fieldsOf(expectProblem(early, 400, 'VALIDATION_FAILED'))).toEqual(['attemptedAt']);
    expect(await t.dataSource.query(`SELECT 1 FROM contact_attempts WHERE journey_id = $1`, [journeyId])).toEqual([]);
  });

  it('does not find another area’s journey, and audits the attempt', async () => {
    const { journeyId } = await referred();
    expectProblem(await attempt(journeyId, { method: 'phone', outcome: 'no_answer', attemptedAt: '2026-04-14T09:00:00Z' }, durhamCaseworker), 404, 'NOT_FOUND');
    expectProblem(await t.http().get(`/api/v1/journeys/${journeyId}/contact-attempts`).set('authorization', durhamCaseworker.bearer), 404, 'NOT_FOUND');
    const denied = await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' AND entity_id = $2`, [
      durhamCaseworker.id,
      journeyId,
    ]);
    expect(denied[0].count).toBe(2);
  });

  it('checks If-Match when sent: a stale ETag is a 409 and writes nothing', async () => {
    const { journeyId } = await referred();
    const etag = await journeyEtag(t, caseworker, journeyId);
    await attempt(journeyId, { method: 'phone', outcome: 'no_answer', attemptedAt: '2026-04-14T09:00:00Z' });
    const stale = await t.http().post(`/api/v1/journeys/${journeyId}/contact-attempts`).set('authorization', caseworker.bearer).set('if-match', etag)
      .send({ method: 'phone', outcome: 'no_answer', attemptedAt: '2026-04-14T09:10:00Z' });
    expectProblem(stale, 409, 'CONFLICT');
    const garbled = await t.http().post(`/api/v1/journeys/${journeyId}/contact-attempts`).set('authorization', caseworker.bearer).set('if-match', 'yesterday')
      .send({ method: 'phone', outcome: 'no_answer', attemptedAt: '2026-04-14T09:10:00Z' });
    expect(fieldsOf(expectProblem(garbled, 400, 'VALIDATION_FAILED'))).toEqual(['If-Match']);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM contact_attempts WHERE journey_id = $1`, [journeyId]);
    expect(count).toBe(1);
  });

  it('refuses a witness care officer recording an attempt', async () => {
    const { journeyId } = await referred();
    expectProblem(await attempt(journeyId, { method: 'phone', outcome: 'no_answer', attemptedAt: '2026-04-14T09:00:00Z' }, witnessCareOfficer), 403);
  });
});
