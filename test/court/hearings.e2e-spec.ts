import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aDefendant } from '../support/defendant.builder.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCrimeWithTwoJourneys, auditRows, courtId, dutiesOf, eventsOf, type CrimeOnTrial } from './court-helpers.js';

// Thursday before Easter 2026: Good Friday (3 April) and Easter Monday (6 April) are bank holidays.
const NOW = new Date('2026-04-02T10:00:00Z');
// One working day after Thursday 2 April: Tuesday 7 April, end of day in London (BST).
const ONE_WORKING_DAY = '2026-04-07T22:59:59.999Z';

describe('court: the court list and hearings on a crime', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let officer: SignedInUser;
  let durhamOfficer: SignedInUser;
  let commissioner: SignedInUser;
  let partnerKey: string;
  let clevelandId: string;
  let durhamId: string;
  let teessideCrown: string;
  let teessideMagistrates: string;
  let durhamCrown: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    officer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    durhamOfficer = await fixtures.signedIn(['witness_care_officer'], ['durham']);
    commissioner = await fixtures.signedIn(['commissioner'], ['cleveland']);
    partnerKey = (await fixtures.partnerClient(['cleveland'])).apiKey;
    clevelandId = await fixtures.areaId('cleveland');
    durhamId = await fixtures.areaId('durham');
    teessideCrown = await courtId(t, 'teesside-crown');
    teessideMagistrates = await courtId(t, 'teesside-magistrates');
    durhamCrown = await courtId(t, 'durham-crown');
  });
  afterAll(() => t.close());

  const crime = (options: { enhancedWitness?: boolean } = {}) => aCrimeWithTwoJourneys(t, caseworker, clevelandId, options);

  /** Received when it happened (an adjournment on the day), or now; never in the future. */
  const receivedWhen = (happenedAt: unknown): string =>
    typeof happenedAt === 'string' && new Date(happenedAt).getTime() <= NOW.getTime() + 5 * 60_000 ? happenedAt : NOW.toISOString();

  /** People keying a listing say when it was received; a partner feed may leave it to the API. */
  const receivedNow = (user: SignedInUser) => (user.roles.includes('partner_system') ? {} : { receivedAt: NOW.toISOString() });

  const list = (on: CrimeOnTrial, overrides: Record<string, unknown> = {}, user: SignedInUser = officer) =>
    t
      .http()
      .post(`/api/v1/crimes/${on.crimeId}/hearings`)
      .set('authorization', user.bearer)
      .send({ type: 'trial', courtId: teessideCrown, listedFor: '2026-05-11T09:30:00Z', defendantIds: [on.defendant.id], ...receivedNow(user), ...overrides });

  const listed = async (on: CrimeOnTrial, overrides: Record<string, unknown> = {}): Promise<{ id: string; version: number }> => {
    const response = await list(on, overrides);
    if (response.status !== 201) throw new Error(`listing failed: ${response.status} ${JSON.stringify(response.body)}`);
    return { id: response.body.id, version: response.body.version };
  };

  const change = (hearingId: string, what: 'move' | 'adjourn' | 'vacate' | 'result', body: Record<string, unknown>, etag?: string) => {
    const request = t.http().post(`/api/v1/hearings/${hearingId}/${what}`).set('authorization', officer.bearer);
    if (etag) request.set('if-match', etag);
    // A person keys the court's news by hand: they say when the unit received it (issue 16).
    return request.send(what === 'result' ? body : { receivedAt: receivedWhen(body.adjournedAt), ...body });
  };

  const tell = (journeyId: string, hearingId: string, hearingVersion: number, informedAt = '2026-04-02T10:00:00Z') =>
    t
      .http()
      .post(`/api/v1/journeys/${journeyId}/hearings/${hearingId}/informed`)
      .set('authorization', officer.bearer)
      .send({ informedAt, method: 'phone', hearingVersion });

  describe('the court list', () => {
    it('lists the active magistrates’ and Crown courts of an area', async () => {
      const response = await t.http().get('/api/v1/courts').query({ areaId: clevelandId }).set('authorization', officer.bearer);
      expect(response.status).toBe(200);
      expect(response.body.items.map((court: { code: string; kind: string }) => [court.code, court.kind]).sort()).toEqual([
        ['teesside-crown', 'crown'],
        ['teesside-magistrates', 'magistrates'],
      ]);
    });

    it('leaves out inactive courts, and lists all of your areas when no area is given', async () => {
      await t.dataSource.query(`INSERT INTO courts (area_id, code, name, kind, active) VALUES ($1, 'closed-court', 'Closed Court', 'magistrates', false)`, [clevelandId]);
      const response = await t.http().get('/api/v1/courts').set('authorization', officer.bearer);
      expect(response.body.items.map((court: { code: string }) => court.code).sort()).toEqual(['teesside-crown', 'teesside-magistrates']);
    });

    it('does not find the courts of an area that is not yours', async () => {
      await expectProblem(await t.http().get('/api/v1/courts').query({ areaId: durhamId }).set('authorization', officer.bearer), 404, 'NOT_FOUND');
    });

    it('lists the trial effectiveness reasons, marking those that are witness issues', async () => {
      const response = await t.http().get('/api/v1/courts/effectiveness-reasons').set('authorization', commissioner.bearer);
      expect(response.status).toBe(200);
      const byCode = new Map(response.body.items.map((reason: { code: string }) => [reason.code, reason]));
      expect(byCode.get('prosecution_witness_absent')).toEqual({ code: 'prosecution_witness_absent', explains: ['cracked', 'ineffective'], side: 'prosecution', witnessIssue: true });
      expect(byCode.get('guilty_plea_on_the_day')).toEqual(expect.objectContaining({ explains: ['cracked'], witnessIssue: false }));
      expect(byCode.get('no_court_time')).toEqual(expect.objectContaining({ explains: ['ineffective'], witnessIssue: false }));
    });
  });

  describe('listing a hearing', () => {
    it('stores hearing version 1 and tells every journey, each owed a reply within 1 working day across the Easter weekend', async () => {
      const on = await crime({ enhancedWitness: true });
      const response = await list(on);
      expect(response.status).toBe(201);
      expect(response.headers.etag).toBe('"1"');
      expect(response.body).toEqual(
        expect.objectContaining({
          crimeId: on.crimeId,
          type: 'trial',
          status: 'listed',
          listingVersion: 1,
          listedFor: '2026-05-11T09:30:00.000Z',
          court: expect.objectContaining({ id: teessideCrown, kind: 'crown' }),
          defendants: [{ id: on.defendant.id, reference: on.defendant.reference, plea: null }],
        }),
      );
      expect(JSON.stringify(response.body)).not.toContain('Defendant-');
      const hearingId = response.body.id;
      const [row] = await t.dataSource.query(`SELECT status, listing_version, created_by FROM hearings WHERE id = $1`, [hearingId]);
      expect(row).toEqual({ status: 'listed', listing_version: 1, created_by: officer.id });
      for (const journeyId of [on.victimJourneyId, on.witnessJourneyId]) {
        expect((await eventsOf(t, journeyId, 'hearing.listed')).map((event) => event.payload)).toEqual([{ hearingId, version: 1 }]);
        const [duty] = await dutiesOf(t, journeyId, 'wcu.inform-hearing');
        expect({ key: duty.key, status: duty.status, dueAt: new Date(duty.due_at).toISOString() }).toEqual({
          key: `wcu.inform-hearing|hearing:${hearingId}@v1`,
          status: 'open',
          dueAt: ONE_WORKING_DAY,
        });
      }
      expect(response.body.journeys.map((journey: { journeyId: string; toldOfCurrentVersion: boolean }) => [journey.journeyId, journey.toldOfCurrentVersion]).sort()).toEqual(
        [[on.victimJourneyId, false], [on.witnessJourneyId, false]].sort(),
      );
      const [audit] = await auditRows(t, officer.id, 'hearing', hearingId);
      expect(audit).toEqual({
        action: 'create',
        details: expect.objectContaining({ crimeId: on.crimeId, type: 'trial', courtId: teessideCrown, defendantIds: [on.defendant.id], listingVersion: 1 }),
      });
      expect(JSON.stringify(audit)).not.toMatch(/Dee|Defendant-/);
    });

    it('names every bad field', async () => {
      const on = await crime();
      const response = await list(on, { type: 'tea_party', courtId: 'nope', listedFor: '2026-05-11 09:30', defendantIds: [] });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response.body)).toEqual(expect.arrayContaining(['courtId', 'defendantIds', 'listedFor', 'type']));
    });

    it('refuses a court of another area', async () => {
      const on = await crime();
      const response = await list(on, { courtId: durhamCrown });
      expectProblem(response, 422, 'COURT_NOT_IN_AREA');
      expect(response.body.field).toBe('courtId');
    });

    it('refuses a defendant of another crime', async () => {
      const on = await crime();
      const other = await crime();
      expectProblem(await list(on, { defendantIds: [on.defendant.id, other.defendant.id] }), 422, 'DEFENDANT_NOT_ON_CRIME');
      expect(await t.dataSource.query(`SELECT 1 FROM hearings WHERE crime_id = $1`, [on.crimeId])).toHaveLength(0);
    });

    it('does not find a crime of another area, and audits the attempt', async () => {
      const on = await crime();
      expectProblem(await list(on, {}, durhamOfficer), 404, 'NOT_FOUND');
      const denied = await t.dataSource.query(`SELECT 1 FROM audit_log WHERE actor_user_id = $1 AND action = 'access_denied' AND entity_id = $2`, [durhamOfficer.id, on.crimeId]);
      expect(denied).toHaveLength(1);
    });

    it('takes a court feed’s listing once, replaying the first answer for a retry with the same Idempotency-Key', async () => {
      const on = await crime();
      const body = { type: 'first_hearing', courtId: teessideMagistrates, listedFor: '2026-04-20T09:00:00Z', defendantIds: [on.defendant.id] };
      const post = (key?: string, payload: Record<string, unknown> = body) => {
        const request = t.http().post(`/api/v1/crimes/${on.crimeId}/hearings`).set('x-api-key', partnerKey);
        if (key) request.set('idempotency-key', key);
        return request.send(payload);
      };
      const missing = await post();
      expectProblem(missing, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(missing.body)).toEqual(['Idempotency-Key']);

      const first = await post('feed-listing-0001');
      expect(first.status).toBe(201);
      const retry = await post('feed-listing-0001');
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body.id).toBe(first.body.id);
      expect(await t.dataSource.query(`SELECT 1 FROM hearings WHERE crime_id = $1`, [on.crimeId])).toHaveLength(1);
      expect(await eventsOf(t, on.victimJourneyId, 'hearing.listed')).toHaveLength(1);

      expectProblem(await post('feed-listing-0001', { ...body, listedFor: '2026-04-21T09:00:00Z' }), 422, 'IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('changing a listing', () => {
    it('needs the hearing’s ETag, and refuses a stale one', async () => {
      const on = await crime();
      const hearing = await listed(on);
      expectProblem(await change(hearing.id, 'move', { listedFor: '2026-05-12T09:30:00Z' }), 428, 'PRECONDITION_REQUIRED');
      expect((await change(hearing.id, 'move', { listedFor: '2026-05-12T09:30:00Z' }, '"1"')).status).toBe(200);
      expectProblem(await change(hearing.id, 'move', { listedFor: '2026-05-13T09:30:00Z' }, '"1"'), 409, 'CONFLICT');
      expectProblem(await change(hearing.id, 'adjourn', { adjournedAt: '2026-04-02T09:00:00Z', reason: 'no_court_time' }, '"1"'), 409, 'CONFLICT');
      expectProblem(await change(hearing.id, 'vacate', { reason: 'listed_in_error' }, '"1"'), 409, 'CONFLICT');
      expectProblem(await change(hearing.id, 'result', { heardAt: '2026-04-02T09:00:00Z' }, '"1"'), 409, 'CONFLICT');
    });

    it('moves the hearing to version 2 on every journey, superseding the duty for version 1', async () => {
      const on = await crime();
      const hearing = await listed(on);
      const response = await change(hearing.id, 'move', { listedFor: '2026-05-12T13:00:00Z', courtId: teessideMagistrates }, '"1"');
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.body).toEqual(expect.objectContaining({ status: 'listed', listingVersion: 2, listedFor: '2026-05-12T13:00:00.000Z', court: expect.objectContaining({ id: teessideMagistrates }) }));
      expect(response.body.listings.map((listing: { listingVersion: number; change: string }) => [listing.listingVersion, listing.change])).toEqual([[1, 'listed'], [2, 'moved']]);
      for (const journeyId of [on.victimJourneyId, on.witnessJourneyId]) {
        expect((await eventsOf(t, journeyId, 'hearing.moved')).map((event) => event.payload)).toEqual([{ hearingId: hearing.id, version: 2 }]);
        const duties = await dutiesOf(t, journeyId, 'wcu.inform-hearing');
        expect(duties.map((duty) => [duty.key.split('@')[1], duty.status, duty.withdrawn_reason])).toEqual([
          ['v1', 'withdrawn', 'superseded'],
          ['v2', 'open', null],
        ]);
      }
      const audits = await auditRows(t, officer.id, 'hearing', hearing.id);
      expect(audits[1]).toEqual({ action: 'update', details: expect.objectContaining({ change: 'moved', listingVersion: 2, courtId: teessideMagistrates }) });
    });

    it('does not meet the duty for version 2 when the victim is told of version 1 after the move', async () => {
      const on = await crime();
      const hearing = await listed(on);
      await change(hearing.id, 'move', { listedFor: '2026-05-12T09:30:00Z' }, '"1"');
      const toldOfOld = await tell(on.victimJourneyId, hearing.id, 1);
      expect(toldOfOld.status).toBe(201);
      expect(toldOfOld.body.dutyMet).toBeNull();
      expect((await dutiesOf(t, on.victimJourneyId, 'wcu.inform-hearing'))[1].status).toBe('open');

      const toldOfNew = await tell(on.victimJourneyId, hearing.id, 2);
      expect(toldOfNew.status).toBe(201);
      expect(toldOfNew.body.dutyMet).toEqual(expect.objectContaining({ key: `wcu.inform-hearing|hearing:${hearing.id}@v2`, status: 'met' }));
      expect((await eventsOf(t, on.victimJourneyId, 'victim.informed')).map((event) => event.payload)).toEqual([
        { about: 'hearing', subjectId: hearing.id, hearingVersion: 1 },
        { about: 'hearing', subjectId: hearing.id, hearingVersion: 2 },
      ]);
      // The witness was told nothing: their version 2 duty is still owed.
      expect((await dutiesOf(t, on.witnessJourneyId, 'wcu.inform-hearing'))[1].status).toBe('open');

      const view = await t.http().get(`/api/v1/hearings/${hearing.id}`).set('authorization', officer.bearer);
      const told = new Map(view.body.journeys.map((journey: { journeyId: string; toldOfCurrentVersion: boolean }) => [journey.journeyId, journey.toldOfCurrentVersion]));
      expect(told.get(on.victimJourneyId)).toBe(true);
      expect(told.get(on.witnessJourneyId)).toBe(false);
    });

    it('refuses a move that changes nothing', async () => {
      const on = await crime();
      const hearing = await listed(on);
      expectProblem(await change(hearing.id, 'move', { listedFor: '2026-05-11T09:30:00Z' }, '"1"'), 422, 'HEARING_UNCHANGED');
    });

    it('adjourns without a new date, then relists it when the court gives one', async () => {
      const on = await crime();
      const hearing = await listed(on);
      const adjourned = await change(hearing.id, 'adjourn', { adjournedAt: '2026-04-02T10:00:00Z', reason: 'prosecution_not_ready' }, '"1"');
      expect(adjourned.status).toBe(200);
      expect(adjourned.body).toEqual(expect.objectContaining({ status: 'adjourned', listingVersion: 2, adjournmentReason: 'prosecution_not_ready', adjournedAt: '2026-04-02T10:00:00.000Z' }));
      expect(adjourned.body.listings[1]).toEqual(expect.objectContaining({ change: 'adjourned', status: 'adjourned', listedFor: null, reason: 'prosecution_not_ready' }));
      expect((await eventsOf(t, on.witnessJourneyId, 'hearing.adjourned')).map((event) => event.payload)).toEqual([{ hearingId: hearing.id, version: 2 }]);
      expectProblem(await change(hearing.id, 'adjourn', { adjournedAt: '2026-04-02T10:01:00Z', reason: 'no_court_time' }, '"2"'), 409, 'HEARING_NOT_LISTED');

      const relisted = await change(hearing.id, 'move', { listedFor: '2026-06-01T09:30:00Z' }, '"2"');
      expect(relisted.body).toEqual(expect.objectContaining({ status: 'listed', listingVersion: 3, listedFor: '2026-06-01T09:30:00.000Z' }));
    });

    it('adjourns to a new date given on the day, keeping the hearing listed', async () => {
      const on = await crime();
      const hearing = await listed(on);
      const response = await change(hearing.id, 'adjourn', { adjournedAt: '2026-04-02T10:00:00Z', reason: 'interpreter_unavailable', relistedFor: '2026-05-20T10:00:00Z' }, '"1"');
      expect(response.body).toEqual(expect.objectContaining({ status: 'listed', listingVersion: 2, listedFor: '2026-05-20T10:00:00.000Z' }));
      const duties = await dutiesOf(t, on.victimJourneyId, 'wcu.inform-hearing');
      expect(duties.map((duty) => duty.status)).toEqual(['withdrawn', 'open']);
    });

    it('names bad adjournment fields', async () => {
      const on = await crime();
      const hearing = await listed(on);
      const response = await change(hearing.id, 'adjourn', { adjournedAt: '2026-04-09T09:00:00Z', reason: 'bored' }, '"1"');
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response.body)).toEqual(['reason']);
      const future = await change(hearing.id, 'adjourn', { adjournedAt: '2026-04-09T09:00:00Z', reason: 'no_court_time' }, '"1"');
      expect(fieldsOf(future.body)).toEqual(['adjournedAt']);
      const beforeListing = await change(hearing.id, 'adjourn', { adjournedAt: '2026-04-02T09:00:00Z', reason: 'no_court_time' }, '"1"');
      expect(fieldsOf(beforeListing.body)).toEqual(['adjournedAt']);
    });

    it('vacates the hearing as a new version, after which it can no longer change', async () => {
      const on = await crime();
      const hearing = await listed(on);
      const response = await change(hearing.id, 'vacate', { reason: 'guilty_plea_entered' }, '"1"');
      expect(response.body).toEqual(expect.objectContaining({ status: 'vacated', listingVersion: 2, vacationReason: 'guilty_plea_entered' }));
      expect((await eventsOf(t, on.victimJourneyId, 'hearing.vacated')).map((event) => event.payload)).toEqual([{ hearingId: hearing.id, version: 2 }]);
      expectProblem(await change(hearing.id, 'move', { listedFor: '2026-05-12T09:30:00Z' }, '"2"'), 409, 'HEARING_CLOSED');
      expectProblem(await change(hearing.id, 'vacate', { reason: 'other' }, '"2"'), 409, 'HEARING_CLOSED');
    });

    it('does not find another area’s hearing, and audits the attempt', async () => {
      const on = await crime();
      const hearing = await listed(on);
      const response = await t.http().post(`/api/v1/hearings/${hearing.id}/move`).set('authorization', durhamOfficer.bearer).set('if-match', '"1"').send({ listedFor: '2026-05-12T09:30:00Z', receivedAt: NOW.toISOString() });
      expectProblem(response, 404, 'NOT_FOUND');
      expect(await auditRows(t, durhamOfficer.id, 'hearing', hearing.id)).toEqual([{ action: 'access_denied', details: {} }]);
      expectProblem(await t.http().get(`/api/v1/hearings/${hearing.id}`).set('authorization', durhamOfficer.bearer), 404, 'NOT_FOUND');
      expect((await auditRows(t, durhamOfficer.id, 'hearing', hearing.id)).map((row) => row.action)).toEqual(['access_denied', 'access_denied']);
    });
  });

  describe('the result of a hearing', () => {
    it('records a not-guilty plea on every journey, opening the witness needs assessment, and an effective trial', async () => {
      const on = await crime({ enhancedWitness: true });
      const hearing = await listed(on);
      const response = await change(hearing.id, 'result', { heardAt: '2026-04-02T09:30:00Z', pleas: [{ defendantId: on.defendant.id, plea: 'not_guilty' }], effectiveness: 'effective' }, '"1"');
      expect(response.status).toBe(200);
      expect(response.body).toEqual(expect.objectContaining({ status: 'heard', heardAt: '2026-04-02T09:30:00.000Z', effectiveness: 'effective', effectivenessReason: null, listingVersion: 1 }));
      expect(response.body.defendants).toEqual([{ id: on.defendant.id, reference: on.defendant.reference, plea: 'not_guilty' }]);
      for (const journeyId of [on.victimJourneyId, on.witnessJourneyId]) {
        expect(await eventsOf(t, journeyId, 'plea.not-guilty')).toHaveLength(1);
        expect((await eventsOf(t, journeyId, 'hearing.heard')).map((event) => event.payload)).toEqual([
          { hearingId: hearing.id, type: 'trial', effectiveness: 'effective', effectivenessReason: null, pleas: [{ defendantId: on.defendant.id, plea: 'not_guilty' }] },
        ]);
      }
      // Standard 2 working days from Thursday (Easter between): Wednesday 8 April; enhanced 1: Tuesday 7 April.
      const [victimDuty] = await dutiesOf(t, on.victimJourneyId, 'wcu.needs-assessment');
      const [witnessDuty] = await dutiesOf(t, on.witnessJourneyId, 'wcu.needs-assessment');
      expect(new Date(victimDuty.due_at).toISOString()).toBe('2026-04-08T22:59:59.999Z');
      expect(new Date(witnessDuty.due_at).toISOString()).toBe(ONE_WORKING_DAY);
      expect(await dutiesOf(t, on.victimJourneyId, 'wcu.inform-hearing')).toHaveLength(1);
    });

    it('records a cracked trial with the courts’ reason, and opens nothing for a guilty plea', async () => {
      const on = await crime();
      const hearing = await listed(on);
      const response = await change(hearing.id, 'result', {
        heardAt: '2026-04-02T09:30:00Z',
        pleas: [{ defendantId: on.defendant.id, plea: 'guilty' }],
        effectiveness: 'cracked',
        effectivenessReason: 'guilty_plea_on_the_day',
      }, '"1"');
      expect(response.body).toEqual(expect.objectContaining({ effectiveness: 'cracked', effectivenessReason: 'guilty_plea_on_the_day' }));
      const [row] = await t.dataSource.query(`SELECT effectiveness, effectiveness_reason FROM hearings WHERE id = $1`, [hearing.id]);
      expect(row).toEqual({ effectiveness: 'cracked', effectiveness_reason: 'guilty_plea_on_the_day' });
      expect(await eventsOf(t, on.victimJourneyId, 'plea.not-guilty')).toHaveLength(0);
      expectProblem(await change(hearing.id, 'result', { heardAt: '2026-04-02T09:30:00Z' }, '"2"'), 409, 'HEARING_NOT_LISTED');
    });

    it('refuses effectiveness for a hearing that is not a trial', async () => {
      const on = await crime();
      const hearing = await listed(on, { type: 'first_hearing' });
      const response = await change(hearing.id, 'result', { heardAt: '2026-04-02T09:30:00Z', effectiveness: 'effective' }, '"1"');
      expectProblem(response, 422, 'EFFECTIVENESS_NOT_FOR_HEARING_TYPE');
      expect(response.body.field).toBe('effectiveness');
    });

    it('needs a reason that explains a cracked or ineffective trial, and none for an effective one', async () => {
      const on = await crime();
      const hearing = await listed(on);
      const result = (body: Record<string, unknown>) => change(hearing.id, 'result', { heardAt: '2026-04-02T09:30:00Z', ...body }, '"1"');
      for (const body of [
        { effectiveness: 'ineffective' },
        { effectiveness: 'cracked', effectivenessReason: 'no_court_time' },
        { effectiveness: 'ineffective', effectivenessReason: 'guilty_plea_on_the_day' },
        { effectiveness: 'effective', effectivenessReason: 'defence_not_ready' },
        { effectivenessReason: 'defence_not_ready' },
      ]) {
        const response = await result(body);
        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(response.body)).toEqual(['effectivenessReason']);
      }
      const bad = await result({ effectiveness: 'smashing', effectivenessReason: 'because', pleas: [{ defendantId: 'x', plea: 'maybe' }] });
      expect(fieldsOf(bad.body)).toEqual(['effectiveness', 'effectivenessReason', 'pleas[0].defendantId', 'pleas[0].plea']);
      const ineffective = await result({ effectiveness: 'ineffective', effectivenessReason: 'prosecution_witness_absent' });
      expect(ineffective.status).toBe(200);
    });

    it('refuses a plea by a defendant not listed for the hearing', async () => {
      const on = await crime();
      const second = await aDefendant(t, on);
      const hearing = await listed(on);
      expectProblem(await change(hearing.id, 'result', { heardAt: '2026-04-02T09:30:00Z', pleas: [{ defendantId: second.id, plea: 'guilty' }] }, '"1"'), 422, 'DEFENDANT_NOT_ON_HEARING');
    });
  });

  describe('telling the victim or witness', () => {
    it('refuses a version the hearing never had, a hearing of another crime, and a second record of the same telling', async () => {
      const on = await crime();
      const other = await crime();
      const hearing = await listed(on);
      const elsewhere = await listed(other);
      expectProblem(await tell(on.victimJourneyId, hearing.id, 2), 422, 'HEARING_VERSION_UNKNOWN');
      expectProblem(await tell(on.victimJourneyId, elsewhere.id, 1), 422, 'SUBJECT_NOT_ON_CRIME');
      expectProblem(await tell(on.victimJourneyId, hearing.id, 1, '2026-04-02T09:00:00Z'), 422, 'INFORMED_BEFORE_NEWS');
      const first = await tell(on.victimJourneyId, hearing.id, 1);
      expect(first.status).toBe(201);
      expect(first.body.dutyMet).toEqual(expect.objectContaining({ status: 'met', metAt: '2026-04-02T10:00:00.000Z' }));
      expectProblem(await tell(on.victimJourneyId, hearing.id, 1, '2026-04-02T10:01:00Z'), 409, 'ALREADY_INFORMED');
      const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE actor_user_id = $1 AND entity_type = 'court_informing' AND entity_id = $2`, [officer.id, first.body.id]);
      expect(audit.details).toEqual({
        journeyId: on.victimJourneyId,
        subject: 'hearing',
        subjectId: hearing.id,
        hearingVersion: 1,
        stage: null,
        method: 'phone',
        dutyMet: `wcu.inform-hearing|hearing:${hearing.id}@v1`,
      });
    });

    it('names bad fields, and refuses a caseworker', async () => {
      const on = await crime();
      const hearing = await listed(on);
      const response = await t.http().post(`/api/v1/journeys/${on.victimJourneyId}/hearings/${hearing.id}/informed`).set('authorization', officer.bearer).send({ informedAt: 'today', method: 'pigeon', hearingVersion: 0 });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response.body)).toEqual(['hearingVersion', 'informedAt', 'method']);
      const asCaseworker = await t.http().post(`/api/v1/journeys/${on.victimJourneyId}/hearings/${hearing.id}/informed`).set('authorization', caseworker.bearer).send({ informedAt: '2026-04-02T10:00:00Z', method: 'phone', hearingVersion: 1 });
      expect(asCaseworker.status).toBe(403);
    });

    it('does not find another area’s journey', async () => {
      const on = await crime();
      const hearing = await listed(on);
      const response = await t.http().post(`/api/v1/journeys/${on.victimJourneyId}/hearings/${hearing.id}/informed`).set('authorization', durhamOfficer.bearer).send({ informedAt: '2026-04-02T10:00:00Z', method: 'phone', hearingVersion: 1 });
      expectProblem(response, 404, 'NOT_FOUND');
    });
  });

  describe('reading hearings', () => {
    it('lists the crime’s hearings and the journey’s, each read audited', async () => {
      const on = await crime();
      const first = await listed(on);
      const second = await listed(on, { type: 'sentencing', listedFor: '2026-06-01T09:30:00Z' });
      await tell(on.witnessJourneyId, first.id, 1);

      const forCrime = await t.http().get(`/api/v1/crimes/${on.crimeId}/hearings`).set('authorization', caseworker.bearer);
      expect(forCrime.status).toBe(200);
      expect(forCrime.body.items.map((hearing: { id: string }) => hearing.id)).toEqual([first.id, second.id]);
      expect(forCrime.body.items[0].journeys).toHaveLength(2);
      const crimeAudits = await t.dataSource.query(`SELECT details FROM audit_log WHERE actor_user_id = $1 AND action = 'read' AND entity_type = 'crime' AND entity_id = $2`, [caseworker.id, on.crimeId]);
      expect(crimeAudits).toEqual([{ details: { what: 'hearings' } }]);

      const forJourney = await t.http().get(`/api/v1/journeys/${on.witnessJourneyId}/hearings`).set('authorization', officer.bearer);
      expect(forJourney.body.items.map((hearing: { journeys: Array<{ journeyId: string; toldOfCurrentVersion: boolean; informed: unknown[] }> }) => hearing.journeys)).toEqual([
        [expect.objectContaining({ journeyId: on.witnessJourneyId, toldOfCurrentVersion: true, informed: [{ hearingVersion: 1, stage: null, informedAt: '2026-04-02T10:00:00.000Z', method: 'phone' }] })],
        [expect.objectContaining({ journeyId: on.witnessJourneyId, toldOfCurrentVersion: false, informed: [] })],
      ]);
      const journeyAudits = await t.dataSource.query(`SELECT details FROM audit_log WHERE actor_user_id = $1 AND action = 'read' AND entity_type = 'journey' AND entity_id = $2`, [officer.id, on.witnessJourneyId]);
      expect(journeyAudits).toEqual([{ details: { what: 'hearings' } }]);

      const one = await t.http().get(`/api/v1/hearings/${first.id}`).set('authorization', officer.bearer);
      expect(one.headers.etag).toBe('"1"');
      expect(await auditRows(t, officer.id, 'hearing', first.id)).toEqual([
        expect.objectContaining({ action: 'create' }),
        // the read names the crime's journeys, so "who saw this person" finds it (issue 18)
        { action: 'read', details: { crimeId: on.crimeId, journeyIds: [on.victimJourneyId, on.witnessJourneyId].sort() } },
      ]);
    });

    it('does not show another area’s crime', async () => {
      const on = await crime();
      expectProblem(await t.http().get(`/api/v1/crimes/${on.crimeId}/hearings`).set('authorization', durhamOfficer.bearer), 404, 'NOT_FOUND');
      expectProblem(await t.http().get(`/api/v1/journeys/${on.victimJourneyId}/hearings`).set('authorization', durhamOfficer.bearer), 404, 'NOT_FOUND');
    });
  });
});
