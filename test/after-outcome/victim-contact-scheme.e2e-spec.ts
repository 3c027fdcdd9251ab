import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aJourneyReferredAt, dutiesByRule, eventTypes, journeyEtag } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { closeJourney, recordOnJourney, sentenced } from './court-news.builder.js';

// Sentenced Monday 1 June 2026: the referral is owed 10 working days on, Monday 15 June. Referred
// Wednesday 3 June: probation owes first contact 20 working days on, Wednesday 1 July.
const REFERRED_AT = new Date('2026-04-14T07:00:00Z');
const SENTENCED_AT = '2026-06-01T10:00:00Z';
const NOW = new Date('2026-06-10T12:00:00Z');

describe('victim contact scheme (right 11)', () => {
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

  const sentencedJourney = async (sentence: Parameters<typeof sentenced>[2] = {}, overrides = {}) => {
    const { journeyId } = await aJourneyReferredAt(t, caseworker, clevelandId, REFERRED_AT, overrides);
    await recordOnJourney(t, witnessCareOfficer, journeyId, [sentenced(SENTENCED_AT, 'OUT-1', sentence)]);
    return journeyId;
  };
  const refer = (journeyId: string, body: object = {}, user: SignedInUser = witnessCareOfficer) =>
    t.http().post(`/api/v1/journeys/${journeyId}/vcs-referrals`).set('authorization', user.bearer).send({ outcomeId: 'OUT-1', referredAt: '2026-06-03T10:00:00Z', ...body });
  const contact = (journeyId: string, referralId: string, etag: string | null, body: object = {}, user: SignedInUser = witnessCareOfficer) => {
    const request = t.http().patch(`/api/v1/journeys/${journeyId}/vcs-referrals/${referralId}/contact`).set('authorization', user.bearer);
    if (etag) request.set('if-match', etag);
    return request.send({ contactedAt: '2026-06-09T10:00:00Z', ...body });
  };

  it('refers an eligible victim, meeting the witness care unit’s duty and opening probation’s, then meets that with the contact', async () => {
    const journeyId = await sentencedJourney();
    expect((await dutiesByRule(t, caseworker, journeyId))['wcu.refer-to-vcs']).toEqual(
      expect.objectContaining({ status: 'open', owner: 'witness_care_unit', right: 11, dueAt: '2026-06-15T22:59:59.999Z', subject: { kind: 'outcome', id: 'OUT-1' } }),
    );
    const before = await t.http().get(`/api/v1/journeys/${journeyId}/vcs-referrals`).set('authorization', witnessCareOfficer.bearer);
    expect(before.body).toEqual({
      items: [],
      sentences: [{ outcomeId: 'OUT-1', eventId: expect.any(String), sentencedAt: '2026-06-01T10:00:00.000Z', offenceViolentOrSexual: true, custodialMonths: 18, hospitalOrder: false, eligible: true, referralId: null }],
    });

    const referred = await refer(journeyId);
    expect(referred.status).toBe(201);
    expect(referred.headers.etag).toBe('"1"');
    expect(referred.body).toEqual({
      id: expect.any(String), journeyId, outcomeId: 'OUT-1', basis: 'eligible_victim', referredAt: '2026-06-03T10:00:00.000Z', status: 'referred',
      contactedAt: null, victimChoice: null, createdBy: witnessCareOfficer.id, version: 1,
    });
    let duties = await dutiesByRule(t, caseworker, journeyId);
    expect(duties['wcu.refer-to-vcs']).toEqual(expect.objectContaining({ status: 'met', metAt: '2026-06-03T10:00:00.000Z' }));
    expect(duties['probation.vcs-contact']).toEqual(expect.objectContaining({ status: 'open', owner: 'probation', dueAt: '2026-07-01T22:59:59.999Z' }));
    const [row] = await t.dataSource.query(`SELECT r.sentence_event_id = e.id AS linked FROM vcs_referrals r JOIN journey_events e ON e.journey_id = r.journey_id AND e.type = 'court.sentence' WHERE r.id = $1`, [referred.body.id]);
    expect(row).toEqual({ linked: true });
    const [event] = await t.dataSource.query(`SELECT payload FROM journey_events WHERE journey_id = $1 AND type = 'vcs.referred'`, [journeyId]);
    expect(event.payload).toEqual({ outcomeId: 'OUT-1' });

    const id = referred.body.id as string;
    expectProblem(await contact(journeyId, id, null), 428, 'PRECONDITION_REQUIRED');
    const contacted = await contact(journeyId, id, '"1"', { victimChoice: 'joined' });
    expect(contacted.status).toBe(200);
    expect(contacted.headers.etag).toBe('"2"');
    expect(contacted.body).toEqual(expect.objectContaining({ status: 'contacted', contactedAt: '2026-06-09T10:00:00.000Z', victimChoice: 'joined', version: 2 }));
    duties = await dutiesByRule(t, caseworker, journeyId);
    expect(duties['probation.vcs-contact']).toEqual(expect.objectContaining({ status: 'met', metAt: '2026-06-09T10:00:00.000Z' }));
    expectProblem(await contact(journeyId, id, '"1"'), 409, 'CONFLICT');
    expectProblem(await contact(journeyId, id, '"2"'), 422, 'VCS_ALREADY_CONTACTED');
    expect((await eventTypes(t, journeyId)).filter((type) => type.startsWith('vcs.'))).toEqual(['vcs.referred', 'vcs.contacted']);

    const audit = await t.dataSource.query(`SELECT actor_user_id, action, details FROM audit_log WHERE entity_type = 'vcs_referral' AND entity_id = $1 ORDER BY seq`, [id]);
    expect(audit).toEqual([
      { actor_user_id: witnessCareOfficer.id, action: 'create', details: { journeyId, outcomeId: 'OUT-1', basis: 'eligible_victim' } },
      { actor_user_id: witnessCareOfficer.id, action: 'update', details: { journeyId, status: 'contacted', victimChoice: 'joined' } },
    ]);
    const after = await t.http().get(`/api/v1/journeys/${journeyId}/vcs-referrals`).set('authorization', caseworker.bearer);
    expect(after.body.items).toEqual([contacted.body]);
    expect(after.body.sentences[0].referralId).toBe(id);
  });

  it('gives a victim with enhanced rights the same 10 and 20 working days: the Code shortens neither', async () => {
    const journeyId = await sentencedJourney({}, { enhancedRights: { categories: ['intimidated'] } });
    await refer(journeyId);
    const duties = await dutiesByRule(t, caseworker, journeyId);
    expect(duties['wcu.refer-to-vcs']).toEqual(expect.objectContaining({ enhanced: true, dueAt: '2026-06-15T22:59:59.999Z' }));
    expect(duties['probation.vcs-contact']).toEqual(expect.objectContaining({ enhanced: true, dueAt: '2026-07-01T22:59:59.999Z' }));
  });

  it('refers a bereaved close relative when the offender is made subject to a hospital order', async () => {
    const journeyId = await sentencedJourney({ custodialMonths: 0, hospitalOrder: true }, { crime: { offenceCategory: 'homicide_bereaved' }, consent: { referral: 'given' } });
    const referred = await refer(journeyId);
    expect(referred.body).toEqual(expect.objectContaining({ basis: 'bereaved_relative' }));
  });

  it('refers a victim the sentence does not make eligible only for discretionary contact, which owes nobody a duty', async () => {
    const journeyId = await sentencedJourney({ custodialMonths: 6 });
    expect((await dutiesByRule(t, caseworker, journeyId))['wcu.refer-to-vcs']).toBeUndefined();
    const refused = expectProblem(await refer(journeyId), 422, 'VCS_NOT_ELIGIBLE');
    expect(fieldsOf(refused)).toEqual(['discretionary']);

    const referred = await refer(journeyId, { discretionary: true });
    expect(referred.status).toBe(201);
    expect(referred.body).toEqual(expect.objectContaining({ basis: 'discretionary', status: 'referred' }));
    const contacted = await contact(journeyId, referred.body.id, '"1"', { victimChoice: 'declined' });
    expect(contacted.body).toEqual(expect.objectContaining({ status: 'contacted', victimChoice: 'declined' }));
    const duties = await dutiesByRule(t, caseworker, journeyId);
    expect(duties['wcu.refer-to-vcs']).toBeUndefined();
    expect(duties['probation.vcs-contact']).toBeUndefined();
    const events = await t.dataSource.query(`SELECT type, payload FROM journey_events WHERE journey_id = $1 AND type LIKE 'vcs.%' ORDER BY seq`, [journeyId]);
    expect(events).toEqual([
      { type: 'vcs.discretionary-referred', payload: { vcsReferralId: referred.body.id, outcomeId: 'OUT-1' } },
      { type: 'vcs.discretionary-contacted', payload: { vcsReferralId: referred.body.id, outcomeId: 'OUT-1' } },
    ]);
  });

  it('takes eligibility from the sentence: a long sentence for a non-violent offence is not eligible', async () => {
    const journeyId = await sentencedJourney({ offenceViolentOrSexual: false, custodialMonths: 48 });
    expectProblem(await refer(journeyId), 422, 'VCS_NOT_ELIGIBLE');
    const list = await t.http().get(`/api/v1/journeys/${journeyId}/vcs-referrals`).set('authorization', witnessCareOfficer.bearer);
    expect(list.body.sentences).toEqual([expect.objectContaining({ outcomeId: 'OUT-1', eligible: false, custodialMonths: 48 })]);
  });

  it('refuses a referral with no such sentence on the journey, a second referral for one sentence, and a victim who opted out', async () => {
    const journeyId = await sentencedJourney();
    expect(fieldsOf(expectProblem(await refer(journeyId, { outcomeId: 'OUT-9' }), 422, 'SENTENCE_NOT_RECORDED'))).toEqual(['outcomeId']);
    expect((await refer(journeyId)).status).toBe(201);
    expectProblem(await refer(journeyId), 422, 'VCS_ALREADY_REFERRED');

    const optedOut = await sentencedJourney();
    const preferences = await t.http().put(`/api/v1/journeys/${optedOut}/contact-preferences`).set('authorization', caseworker.bearer)
      .set('if-match', await journeyEtag(t, caseworker, optedOut)).send({ optedOutOf: ['victim_contact_scheme'] });
    expect(preferences.status).toBe(200);
    expectProblem(await refer(optedOut), 422, 'VCS_OPTED_OUT');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM vcs_referrals WHERE journey_id = $1`, [optedOut]);
    expect(n).toBe(0);
  });

  it('names each bad field', async () => {
    const journeyId = await sentencedJourney();
    expect(fieldsOf(expectProblem(await refer(journeyId, { outcomeId: '', referredAt: 'soon', discretionary: 'no' }), 400, 'VALIDATION_FAILED'))).toEqual([
      'discretionary', 'outcomeId', 'referredAt',
    ]);
    expect(fieldsOf(expectProblem(await refer(journeyId, { referredAt: '2026-05-29T10:00:00Z' }), 400))).toEqual(['referredAt']);
    expect(fieldsOf(expectProblem(await refer(journeyId, { referredAt: '2026-06-30T10:00:00Z' }), 400))).toEqual(['referredAt']);
    const referred = await refer(journeyId);
    expect(fieldsOf(expectProblem(await contact(journeyId, referred.body.id, '"1"', { contactedAt: '2026-06-02T10:00:00Z' }), 400))).toEqual(['contactedAt']);
    expect(fieldsOf(expectProblem(await contact(journeyId, referred.body.id, '"1"', { victimChoice: 'maybe' }), 400))).toEqual(['victimChoice']);
  });

  it('records the referral and probation’s contact after support closed, probation owing the contact', async () => {
    const journeyId = await sentencedJourney();
    await closeJourney(t, caseworker, journeyId, new Date('2026-06-02T12:00:00Z'));
    const referred = await refer(journeyId);
    expect(referred.status).toBe(201);
    expect((await dutiesByRule(t, caseworker, journeyId))['probation.vcs-contact']).toEqual(expect.objectContaining({ status: 'open', dueAt: '2026-07-01T22:59:59.999Z' }));
    expect((await contact(journeyId, referred.body.id, '"1"')).status).toBe(200);
    expect((await dutiesByRule(t, caseworker, journeyId))['probation.vcs-contact']).toEqual(expect.objectContaining({ status: 'met' }));
  });

  it('answers another area’s journey as not found', async () => {
    const journeyId = await sentencedJourney();
    const referred = await refer(journeyId);
    expectProblem(await refer(journeyId, {}, durhamOfficer), 404, 'NOT_FOUND');
    expectProblem(await contact(journeyId, referred.body.id, '"1"', {}, durhamOfficer), 404, 'NOT_FOUND');
    expectProblem(await t.http().get(`/api/v1/journeys/${journeyId}/vcs-referrals`).set('authorization', durhamOfficer.bearer), 404, 'NOT_FOUND');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' AND entity_id = $2`, [
      durhamOfficer.id,
      journeyId,
    ]);
    expect(n).toBe(3);
    expectProblem(
      await t.http().post(`/api/v1/journeys/${journeyId}/vcs-referrals`).set('authorization', witnessCareOfficer.bearer).set('if-match', '"1"').send({ outcomeId: 'OUT-1', referredAt: '2026-06-03T10:00:00Z' }),
      409,
      'CONFLICT',
    );
  });
});
