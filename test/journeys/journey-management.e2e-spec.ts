import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser, type TestUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { aReferral } from '../support/referral.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Thursday before Easter 2026: Good Friday 3 April and Easter Monday 6 April are bank holidays.
const MAUNDY_THURSDAY = new Date('2026-04-02T10:00:00Z');

/** The fields a 400 names, each once (a field may break several rules). */
const fieldsNamed = (body: Parameters<typeof fieldsOf>[0]) => [...new Set(fieldsOf(body))];

describe('journey management: lead worker, enhanced rights, contact preferences', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let colleague: TestUser;
  let durhamCaseworker: SignedInUser;
  let witnessOfficer: SignedInUser;
  let clevelandId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: MAUNDY_THURSDAY });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    colleague = await fixtures.user({ roles: ['caseworker'], areas: ['cleveland'] });
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    witnessOfficer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    clevelandId = await fixtures.areaId('cleveland');
  });
  beforeEach(() => t.clock.set(MAUNDY_THURSDAY));
  afterAll(() => t.close());

  const referred = async (overrides: Parameters<typeof aReferral>[1] = {}): Promise<string> => {
    const response = await t.http().post('/api/v1/referrals').set('authorization', caseworker.bearer).send(aReferral(clevelandId, overrides));
    expect(response.status).toBe(201);
    return response.body.journeyId;
  };
  const etagOf = async (journeyId: string): Promise<string> => {
    const response = await t.http().get(`/api/v1/journeys/${journeyId}`).set('authorization', caseworker.bearer);
    return response.headers.etag as string;
  };
  const put = (journeyId: string, what: string, body: object, etag?: string, user: SignedInUser = caseworker) => {
    const request = t.http().put(`/api/v1/journeys/${journeyId}/${what}`).set('authorization', user.bearer);
    if (etag) request.set('if-match', etag);
    return request.send(body);
  };
  const eventsOf = (journeyId: string, type: string) =>
    t.dataSource.query(`SELECT payload, occurred_at FROM journey_events WHERE journey_id = $1 AND type = $2 ORDER BY seq`, [journeyId, type]);
  const dutyOf = async (journeyId: string, ruleId: string) => {
    const [row] = await t.dataSource.query(`SELECT status, due_at, enhanced FROM duties WHERE journey_id = $1 AND rule_id = $2`, [journeyId, ruleId]);
    return row as { status: string; due_at: Date; enhanced: boolean };
  };

  describe('PUT /journeys/:id/lead', () => {
    it('assigns a first lead worker, with their organisation, and answers the journey with a new ETag', async () => {
      const id = await referred();
      const etag = await etagOf(id);
      const response = await put(id, 'lead', { workerId: colleague.id }, etag);
      expect(response.status).toBe(200);
      expect(response.body.leadWorker).toEqual({ id: colleague.id, name: expect.any(String) });
      expect(response.body.leadOrganisation).toEqual(expect.objectContaining({ id: colleague.organisationId }));
      expect(response.headers.etag).toBe(`"${response.body.version}"`);
      expect(response.headers.etag).not.toBe(etag);
      const [event] = await eventsOf(id, 'lead-worker.assigned');
      expect(event.payload).toEqual({ workerId: colleague.id, organisationId: colleague.organisationId });
      const [row] = await t.dataSource.query(`SELECT lead_worker_id, lead_organisation_id FROM journeys WHERE id = $1`, [id]);
      expect(row).toEqual({ lead_worker_id: colleague.id, lead_organisation_id: colleague.organisationId });
    });

    it('refuses to hand a journey to another worker without a reason and a note, naming both', async () => {
      const id = await referred();
      const first = await put(id, 'lead', { workerId: caseworker.id }, await etagOf(id));
      const response = await put(id, 'lead', { workerId: colleague.id }, first.headers.etag as string);
      expect(fieldsNamed(expectProblem(response, 400, 'VALIDATION_FAILED'))).toEqual(['note', 'reason']);
      const onlyReason = await put(id, 'lead', { workerId: colleague.id, reason: 'caseload_balancing' }, first.headers.etag as string);
      expect(fieldsNamed(expectProblem(onlyReason, 400, 'VALIDATION_FAILED'))).toEqual(['note']);
      const [row] = await t.dataSource.query(`SELECT lead_worker_id FROM journeys WHERE id = $1`, [id]);
      expect(row.lead_worker_id).toBe(caseworker.id);
    });

    it('records a handover with who it passed from and to, the reason and the note', async () => {
      const id = await referred();
      const first = await put(id, 'lead', { workerId: caseworker.id }, await etagOf(id));
      const response = await put(
        id,
        'lead',
        { workerId: colleague.id, reason: 'worker_unavailable', note: 'Long-term leave from Monday' },
        first.headers.etag as string,
      );
      expect(response.status).toBe(200);
      expect(response.body.leadWorker.id).toBe(colleague.id);
      const [event] = await eventsOf(id, 'journey.handed-over');
      expect(event.payload).toEqual({
        from: { workerId: caseworker.id, organisationId: caseworker.organisationId },
        to: { workerId: colleague.id, organisationId: colleague.organisationId },
        reason: 'worker_unavailable',
        note: 'Long-term leave from Monday',
      });
      const [audit] = await t.dataSource.query(
        `SELECT action, actor_user_id, details FROM audit_log WHERE entity_type = 'journey' AND entity_id = $1 AND action = 'update' ORDER BY seq DESC LIMIT 1`,
        [id],
      );
      expect(audit).toEqual({ action: 'update', actor_user_id: caseworker.id, details: { fields: ['leadWorkerId', 'leadOrganisationId'], kind: 'handover' } });
    });

    it('treats passing the journey to another organisation as a handover and leaves it to that team', async () => {
      const id = await referred();
      const first = await put(id, 'lead', { workerId: caseworker.id }, await etagOf(id));
      const witnessCareUnit = await fixtures.organisationId('witness_care_unit');
      const missing = await put(id, 'lead', { organisationId: witnessCareUnit }, first.headers.etag as string);
      expect(fieldsNamed(expectProblem(missing, 400, 'VALIDATION_FAILED'))).toEqual(['note', 'reason']);
      const response = await put(
        id,
        'lead',
        { organisationId: witnessCareUnit, reason: 'specialist_support_needed', note: 'Trial listed; witness care to lead' },
        first.headers.etag as string,
      );
      expect(response.status).toBe(200);
      expect(response.body.leadWorker).toBeNull();
      expect(response.body.leadOrganisation.id).toBe(witnessCareUnit);
    });

    it('allocates a worker within the lead organisation without calling it a handover', async () => {
      const id = await referred();
      const team = await put(id, 'lead', { organisationId: colleague.organisationId }, await etagOf(id));
      expect(team.body.leadWorker).toBeNull();
      const response = await put(id, 'lead', { workerId: colleague.id }, team.headers.etag as string);
      expect(response.status).toBe(200);
      const assigned = await eventsOf(id, 'lead-worker.assigned');
      expect(assigned.map((event: { payload: unknown }) => event.payload)).toEqual([
        { workerId: null, organisationId: colleague.organisationId },
        { workerId: colleague.id, organisationId: colleague.organisationId },
      ]);
      expect(await eventsOf(id, 'journey.handed-over')).toEqual([]);
    });

    it('refuses a worker from another organisation than the one named', async () => {
      const id = await referred();
      const witnessCareUnit = await fixtures.organisationId('witness_care_unit');
      const response = await put(id, 'lead', { workerId: colleague.id, organisationId: witnessCareUnit }, await etagOf(id));
      expect(fieldsNamed(expectProblem(response, 400, 'VALIDATION_FAILED'))).toEqual(['organisationId']);
    });

    it('refuses to change the lead of a closed journey', async () => {
      const id = await referred();
      // Closing is the support module's command; here only the journey's state matters.
      await t.dataSource.query(`UPDATE journeys SET stage = 'closed', closed_at = now(), closure_reason = 'declined' WHERE id = $1`, [id]);
      expectProblem(await put(id, 'lead', { workerId: colleague.id }, await etagOf(id)), 409, 'JOURNEY_CLOSED');
    });

    it('refuses a worker who does not work in the journey’s area, or is not a caseworker, naming workerId', async () => {
      const id = await referred();
      const etag = await etagOf(id);
      expect(fieldsNamed(expectProblem(await put(id, 'lead', { workerId: durhamCaseworker.id }, etag), 400, 'VALIDATION_FAILED'))).toEqual(['workerId']);
      expect(fieldsNamed(expectProblem(await put(id, 'lead', { workerId: witnessOfficer.id }, etag), 400, 'VALIDATION_FAILED'))).toEqual(['workerId']);
      expect(fieldsNamed(expectProblem(await put(id, 'lead', { workerId: randomUUID() }, etag), 400, 'VALIDATION_FAILED'))).toEqual(['workerId']);
      const disabled = await fixtures.user({ roles: ['caseworker'], areas: ['cleveland'] });
      await t.dataSource.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [disabled.id]);
      expect(fieldsNamed(expectProblem(await put(id, 'lead', { workerId: disabled.id }, etag), 400, 'VALIDATION_FAILED'))).toEqual(['workerId']);
    });

    it('refuses an unknown organisation, a missing worker and organisation, and an unknown reason, naming the fields', async () => {
      const id = await referred();
      const etag = await etagOf(id);
      expect(fieldsNamed(expectProblem(await put(id, 'lead', { organisationId: randomUUID() }, etag), 400))).toEqual(['organisationId']);
      expect(fieldsNamed(expectProblem(await put(id, 'lead', {}, etag), 400))).toEqual(['organisationId', 'workerId']);
      expect(fieldsNamed(expectProblem(await put(id, 'lead', { workerId: colleague.id, reason: 'bored' }, etag), 400))).toEqual(['reason']);
      expect(fieldsNamed(expectProblem(await put(id, 'lead', { workerId: 'nobody' }, etag), 400))).toEqual(['workerId']);
    });

    it('needs If-Match (428) and refuses a stale one (409)', async () => {
      const id = await referred();
      const etag = await etagOf(id);
      expectProblem(await put(id, 'lead', { workerId: colleague.id }), 428, 'PRECONDITION_REQUIRED');
      expect((await put(id, 'lead', { workerId: colleague.id }, etag)).status).toBe(200);
      expectProblem(await put(id, 'lead', { workerId: caseworker.id, reason: 'other', note: 'Back' }, etag), 409, 'CONFLICT');
    });

    it('answers 404 for a journey of another area, and audits the attempt', async () => {
      const id = await referred();
      const etag = await etagOf(id);
      expectProblem(await put(id, 'lead', { workerId: durhamCaseworker.id }, etag, durhamCaseworker), 404, 'NOT_FOUND');
      const [denied] = await t.dataSource.query(`SELECT actor_user_id FROM audit_log WHERE action = 'access_denied' AND entity_id = $1`, [id]);
      expect(denied.actor_user_id).toBe(durhamCaseworker.id);
    });

    it('is not for witness care officers', async () => {
      const id = await referred();
      expectProblem(await put(id, 'lead', { workerId: colleague.id }, await etagOf(id), witnessOfficer), 403, 'ROLE_NOT_ALLOWED');
    });
  });

  describe('PUT /journeys/:id/enhanced-rights', () => {
    it('gives the still-open first contact the enhanced 1 working day when the entitlement dates from before the referral', async () => {
      const id = await referred();
      expect(await dutyOf(id, 'support.first-contact')).toEqual(expect.objectContaining({ due_at: new Date('2026-04-08T22:59:59.999Z'), enhanced: false }));
      const response = await put(
        id,
        'enhanced-rights',
        { categories: ['vulnerable'], reason: 'Victim is 16', decidedAt: '2026-04-02T09:30:00Z' },
        await etagOf(id),
      );
      expect(response.status).toBe(200);
      expect(response.body.enhancedRights).toEqual({
        entitled: true,
        categories: ['vulnerable'],
        reason: 'Victim is 16',
        since: '2026-04-02T09:30:00.000Z',
        // Issue 16: each basis with its source, who and when.
        bases: [{ category: 'vulnerable', reason: 'staff_finding', source: 'staff', recordedBy: caseworker.id, recordedAt: '2026-04-02T09:30:00.000Z' }],
      });
      // Thursday is day 0; Good Friday, the weekend and Easter Monday do not count: Tuesday is day 1.
      expect(await dutyOf(id, 'support.first-contact')).toEqual({ status: 'open', due_at: new Date('2026-04-07T22:59:59.999Z'), enhanced: true });
      const [row] = await t.dataSource.query(`SELECT enhanced_categories, enhanced_reason, enhanced_decided_by FROM journeys WHERE id = $1`, [id]);
      expect(row).toEqual({ enhanced_categories: ['vulnerable'], enhanced_reason: 'Victim is 16', enhanced_decided_by: caseworker.id });
      const [event] = await eventsOf(id, 'enhanced-rights.recorded');
      expect(event).toEqual({
        payload: { categories: ['vulnerable'], bases: [{ category: 'vulnerable', reason: 'staff_finding', source: 'staff', recordedBy: caseworker.id }], derived: false },
        occurred_at: new Date('2026-04-02T09:30:00Z'),
      });
      const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'update' AND entity_id = $1`, [id]);
      expect(audit.details).toEqual({
        fields: ['enhancedBases', 'enhancedCategories', 'enhancedReason'],
        kind: 'enhanced_rights',
        added: [{ category: 'vulnerable', reason: 'staff_finding' }],
        confirmed: [],
        removed: [],
      });
    });

    it('leaves a duty opened before the entitlement with its 2 working days', async () => {
      const id = await referred();
      t.clock.set(new Date('2026-04-02T10:05:00Z'));
      const response = await put(id, 'enhanced-rights', { categories: ['intimidated'], reason: 'Threatened by the suspect' }, await etagOf(id));
      expect(response.status).toBe(200);
      expect(response.body.enhancedRights.since).toBe('2026-04-02T10:05:00.000Z');
      expect(await dutyOf(id, 'support.first-contact')).toEqual({ status: 'open', due_at: new Date('2026-04-08T22:59:59.999Z'), enhanced: false });
    });

    it('refuses no category, an unknown category, a missing reason and a future decision, naming the fields', async () => {
      const id = await referred();
      const etag = await etagOf(id);
      expect(fieldsNamed(expectProblem(await put(id, 'enhanced-rights', { categories: [] }, etag), 400))).toEqual(['categories', 'reason']);
      expect(fieldsNamed(expectProblem(await put(id, 'enhanced-rights', { categories: ['famous'], reason: 'x' }, etag), 400))).toEqual(['categories']);
      const future = await put(id, 'enhanced-rights', { categories: ['vulnerable'], reason: 'x', decidedAt: '2026-04-03T10:00:00Z' }, etag);
      expect(fieldsNamed(expectProblem(future, 400))).toEqual(['decidedAt']);
      expectProblem(await put(id, 'enhanced-rights', { categories: ['vulnerable'], reason: 'x' }), 428);
    });
  });

  describe('PUT /journeys/:id/contact-preferences', () => {
    it('records the kinds newly opted out of and those opted back into, and who to tell the victim through', async () => {
      const id = await referred();
      const first = await put(id, 'contact-preferences', { optedOutOf: ['bail', 'hearing'], informationVia: 'Her sister, Jo' }, await etagOf(id));
      expect(first.status).toBe(200);
      expect(first.body.optedOutOf.sort()).toEqual(['bail', 'hearing']);
      expect(first.body.informationVia).toBe('Her sister, Jo');
      // Events of one instant are ordered by type, not by arrival: the second change comes a minute later.
      t.clock.set(new Date('2026-04-02T10:01:00Z'));
      const second = await put(id, 'contact-preferences', { optedOutOf: ['hearing', 'appeal'] }, first.headers.etag as string);
      expect(second.status).toBe(200);
      expect(second.body.optedOutOf.sort()).toEqual(['appeal', 'hearing']);
      expect(second.body.informationVia).toBe('Her sister, Jo');
      const out = await eventsOf(id, 'contact-preference.opted-out');
      expect(out.map((event: { payload: unknown }) => event.payload)).toEqual([{ kinds: ['bail', 'hearing'] }, { kinds: ['appeal'] }]);
      const back = await eventsOf(id, 'contact-preference.opted-in');
      expect(back.map((event: { payload: unknown }) => event.payload)).toEqual([{ kinds: ['bail'] }]);
      const [via] = await eventsOf(id, 'information-via.changed');
      expect(via.payload).toEqual({ named: true });
      const [row] = await t.dataSource.query(`SELECT information_via, opted_out_of FROM journeys WHERE id = $1`, [id]);
      expect(row.information_via).toBe('Her sister, Jo');
      expect(row.opted_out_of.sort()).toEqual(['appeal', 'hearing']);
      const audits = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'update' AND entity_id = $1 ORDER BY seq`, [id]);
      expect(audits.map((audit: { details: unknown }) => audit.details)).toEqual([{ fields: ['optedOutOf', 'informationVia'] }, { fields: ['optedOutOf'] }]);
    });

    it('clears the named person with null', async () => {
      const id = await referred();
      const first = await put(id, 'contact-preferences', { optedOutOf: [], informationVia: 'ISVA' }, await etagOf(id));
      const second = await put(id, 'contact-preferences', { optedOutOf: [], informationVia: null }, first.headers.etag as string);
      expect(second.body.informationVia).toBeNull();
    });

    it('refuses unknown kinds and a missing list, naming the field', async () => {
      const id = await referred();
      const etag = await etagOf(id);
      expect(fieldsNamed(expectProblem(await put(id, 'contact-preferences', { optedOutOf: ['gossip'] }, etag), 400))).toEqual(['optedOutOf']);
      expect(fieldsNamed(expectProblem(await put(id, 'contact-preferences', {}, etag), 400))).toEqual(['optedOutOf']);
      expectProblem(await put(id, 'contact-preferences', { optedOutOf: [] }), 428);
    });
  });
});
