import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aCharge, aHearing, aHearingMove, aWitnessInformedOfHearing, type ListedHearing } from '../support/hearing.builder.js';
import { aJourneyReferredAt } from '../support/journey.builder.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Thursday 16 April 2026. Ten working days on is Thursday 30 April; from Saturday 18 April it is Friday 1 May.
const THURSDAY = new Date('2026-04-16T12:00:00Z');
const SATURDAY = new Date('2026-04-18T10:00:00Z');

interface QueueItem {
  journey: { id: string; reference: string; personName: string };
  hearing: { id: string; listingVersion: number; listedFor: string };
  warned?: boolean;
  outstandingSpecialMeasures?: Array<{ measure: string; status: string }>;
  duty?: { dueAt: string; status: string };
  followUp?: { attendanceId: string; reason: string; version: number };
}

describe('the witness care officer’s queue', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let officer: SignedInUser;
  let colleague: SignedInUser;
  let caseworker: SignedInUser;
  let durhamOfficer: SignedInUser;
  let clevelandId: string;
  let ann: { journeyId: string; crimeId: string };
  let bea: { journeyId: string; crimeId: string };
  let cai: { journeyId: string; crimeId: string };
  let earlierToday: ListedHearing;
  let lastDay: ListedHearing;
  let dayAfter: ListedHearing;
  let beaTrial: ListedHearing;
  let caiTrial: ListedHearing;

  const aWitnessLedBy = async (lead: SignedInUser, givenName: string) => {
    const journey = await aJourneyReferredAt(t, caseworker, clevelandId, new Date('2026-04-14T09:00:00Z'), { person: { givenName } });
    await aCharge(t, lead, journey.crimeId, new Date('2026-04-15T09:00:00Z'));
    const opened = await t.http().post(`/api/v1/journeys/${journey.journeyId}/witness-care`).set('authorization', lead.bearer)
      .send({ openedAt: '2026-04-15T10:00:00Z', givingEvidence: true, officerId: lead.id });
    expect(opened.status).toBe(201);
    return journey;
  };
  const queue = (user: SignedInUser, query: Record<string, string | number | boolean>) =>
    t.http().get('/api/v1/witness-care/queue').query(query).set('authorization', user.bearer);

  beforeAll(async () => {
    t = await startTestApp({ now: THURSDAY });
    fixtures = new Fixtures(t);
    officer = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    colleague = await fixtures.signedIn(['witness_care_officer'], ['cleveland']);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    durhamOfficer = await fixtures.signedIn(['witness_care_officer'], ['durham']);
    clevelandId = await fixtures.areaId('cleveland');

    ann = await aWitnessLedBy(officer, 'Ann');
    bea = await aWitnessLedBy(officer, 'Bea');
    cai = await aWitnessLedBy(colleague, 'Cai');
    earlierToday = await aHearing(t, officer, ann.crimeId, { listedFor: new Date('2026-04-16T08:00:00Z'), type: 'first_hearing', listedAt: new Date('2026-04-15T12:00:00Z') });
    lastDay = await aHearing(t, officer, ann.crimeId, { listedFor: new Date('2026-04-30T09:00:00Z') });
    dayAfter = await aHearing(t, officer, ann.crimeId, { listedFor: new Date('2026-05-01T09:00:00Z'), type: 'sentencing' });
    beaTrial = await aHearing(t, officer, bea.crimeId, { listedFor: new Date('2026-04-20T09:00:00Z') });
    caiTrial = await aHearing(t, colleague, cai.crimeId, { listedFor: new Date('2026-04-21T09:00:00Z') });

    const post = (path: string, body: object, etag?: string) => {
      const request = t.http().post(`/api/v1${path}`).set('authorization', officer.bearer);
      if (etag) request.set('if-match', etag);
      return request.send(body);
    };
    // Ann: warned for the last day's hearing; failed to attend this morning's.
    expect((await post(`/journeys/${ann.journeyId}/hearings/${lastDay.hearingId}/warnings`, { warnedAt: '2026-04-16T10:00:00Z', method: 'letter' })).status).toBe(201);
    expect((await post(`/journeys/${ann.journeyId}/hearings/${earlierToday.hearingId}/attendance`, { outcome: 'failed_to_attend', reason: 'transport' })).status).toBe(201);
    // Bea: warned, then the trial moved, so her warning is for an old listing; screens still to be decided, live link granted.
    expect((await post(`/journeys/${bea.journeyId}/hearings/${beaTrial.hearingId}/warnings`, { warnedAt: '2026-04-16T10:00:00Z', method: 'phone' })).status).toBe(201);
    beaTrial = await aHearingMove(t, officer, bea.crimeId, beaTrial.hearingId, new Date('2026-04-22T09:00:00Z'));
    await post(`/journeys/${bea.journeyId}/special-measures`, { measure: 'screens', requestedAt: '2026-04-16T09:00:00Z' });
    const link = await post(`/journeys/${bea.journeyId}/special-measures`, { measure: 'live_link', requestedAt: '2026-04-16T09:00:00Z', hearingId: beaTrial.hearingId });
    await post(`/journeys/${bea.journeyId}/special-measures/${link.body.id}/applied-for`, { at: '2026-04-16T10:00:00Z' }, '"1"');
    await post(`/journeys/${bea.journeyId}/special-measures/${link.body.id}/granted`, { at: '2026-04-16T11:00:00Z' }, '"2"');
    // Ann was told of every hearing but the sentencing; Bea of nothing yet (her trial's first listing is superseded by the move).
    await aWitnessInformedOfHearing(t, officer, ann.journeyId, earlierToday);
    await aWitnessInformedOfHearing(t, officer, ann.journeyId, lastDay);
  });
  afterAll(() => t.close());

  it('lists my witnesses’ hearings in the next 10 working days, soonest first, with warning status for the current listing and undecided special measures', async () => {
    const response = await queue(officer, { mine: true, section: 'hearings' });
    expect(response.status).toBe(200);
    const items = response.body.items as QueueItem[];
    expect(items.map((item) => [item.journey.id, item.hearing.id, item.warned])).toEqual([
      [ann.journeyId, earlierToday.hearingId, false],
      [bea.journeyId, beaTrial.hearingId, false],
      [ann.journeyId, lastDay.hearingId, true],
    ]);
    expect(items[1].hearing.listingVersion).toBe(2);
    expect(items[1].outstandingSpecialMeasures).toEqual([expect.objectContaining({ measure: 'screens', status: 'requested' })]);
    expect(items[1].journey.personName).toMatch(/^Bea /);
    expect(response.body.total).toBe(3);
    expect(response.body.horizon).toBe('2026-04-30T22:59:59.999Z');
    expect(response.body.counts).toEqual({ hearings: 3, notWarned: 2, notInformed: 2, notInformedOverdue: 0, followUps: 1, ulsWindows: 0, ulsWindowsClosingSoon: 0 });
  });

  it('looks ten working days on from a Saturday: Monday is the first, so Friday week’s hearing comes in and Thursday’s has gone', async () => {
    t.clock.set(SATURDAY);
    try {
      const signedIn = await fixtures.login(officer);
      const response = await queue(signedIn, { mine: true, section: 'hearings' });
      expect(response.body.horizon).toBe('2026-05-01T22:59:59.999Z');
      expect((response.body.items as QueueItem[]).map((item) => item.hearing.id)).toEqual([beaTrial.hearingId, lastDay.hearingId, dayAfter.hearingId]);
      const notInformed = await queue(signedIn, { mine: true, section: 'not_informed' });
      // Due by the end of Friday: past due on Saturday.
      expect((notInformed.body.items as QueueItem[]).map((item) => item.duty?.status)).toEqual(['breached', 'breached']);
      expect(notInformed.body.counts.notInformedOverdue).toBe(2);
    } finally {
      t.clock.set(THURSDAY);
    }
  });

  it('lists witnesses not yet told of a listing, due first, naming the hearing version owed (a moved hearing’s earlier listing is superseded)', async () => {
    const response = await queue(officer, { mine: true, section: 'not_informed' });
    const items = response.body.items as QueueItem[];
    expect(items.map((item) => [item.journey.id, item.hearing.id, item.hearing.listingVersion])).toEqual([
      [ann.journeyId, dayAfter.hearingId, 1],
      [bea.journeyId, beaTrial.hearingId, 2],
    ]);
    expect(items.map((item) => item.duty!.dueAt)).toEqual([...items.map((item) => item.duty!.dueAt)].sort());
    expect(items.every((item) => item.duty!.status === 'open')).toBe(true);
  });

  it('lists unresolved failures to attend until the follow-up is resolved', async () => {
    const response = await queue(officer, { mine: true, section: 'follow_ups' });
    const items = response.body.items as QueueItem[];
    expect(items).toEqual([expect.objectContaining({ journey: expect.objectContaining({ id: ann.journeyId }), followUp: expect.objectContaining({ reason: 'transport', version: 1 }) })]);
    const resolved = await t.http().post(`/api/v1/journeys/${ann.journeyId}/hearings/${earlierToday.hearingId}/attendance/follow-up`).set('authorization', officer.bearer)
      .set('if-match', `"${items[0].followUp!.version}"`).send({ resolvedAt: '2026-04-16T11:30:00Z', note: 'witness_contacted' });
    expect(resolved.status).toBe(200);
    const after = await queue(officer, { mine: true, section: 'follow_ups' });
    expect(after.body).toEqual(expect.objectContaining({ items: [], total: 0 }));
    expect(after.body.counts.followUps).toBe(0);
  });

  it('shows the team’s witnesses with mine=false, pages by date, and nothing of another area', async () => {
    const team = await queue(colleague, { mine: false, section: 'hearings' });
    const journeys = (team.body.items as QueueItem[]).map((item) => item.journey.id);
    expect(journeys).toEqual(expect.arrayContaining([ann.journeyId, bea.journeyId, cai.journeyId]));
    const mine = await queue(colleague, { mine: true, section: 'hearings' });
    expect((mine.body.items as QueueItem[]).map((item) => item.hearing.id)).toEqual([caiTrial.hearingId]);
    const page = await queue(officer, { mine: true, section: 'hearings', limit: 1, offset: 1 });
    expect(page.body).toEqual(expect.objectContaining({ total: 3 }));
    expect((page.body.items as QueueItem[]).map((item) => item.hearing.id)).toEqual([beaTrial.hearingId]);
    const durham = await queue(durhamOfficer, { mine: false, section: 'hearings' });
    expect(durham.body).toEqual(expect.objectContaining({ items: [], total: 0 }));
    expect(durham.body.counts).toEqual({ hearings: 0, notWarned: 0, notInformed: 0, notInformedOverdue: 0, followUps: 0, ulsWindows: 0, ulsWindowsClosingSoon: 0 });
  });

  it('audits each page as a listing of its journeys, by id only; the counts carry no names and are not audited', async () => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_user_id = $1`, [officer.id]);
    const counts = await t.http().get('/api/v1/witness-care/queue/counts').query({ mine: 'true' }).set('authorization', officer.bearer);
    expect(counts.body).toEqual({ hearings: 3, notWarned: 2, notInformed: 2, notInformedOverdue: 0, followUps: 0, ulsWindows: 0, ulsWindowsClosingSoon: 0 });
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_user_id = $1`, [officer.id])).toEqual(before);
    await queue(officer, { mine: true, section: 'hearings' });
    const audits = await t.dataSource.query(
      `SELECT entity_type, entity_id, details FROM audit_log WHERE actor_user_id = $1 AND action = 'list' ORDER BY seq DESC LIMIT 2`, [officer.id]);
    expect(audits.map((audit: { entity_id: string }) => audit.entity_id).sort()).toEqual([ann.journeyId, bea.journeyId].sort());
    expect(audits[0]).toEqual(expect.objectContaining({ entity_type: 'journey', details: { what: 'witness_care_queue', section: 'hearings' } }));
  });

  it('names bad query fields, and is for witness care officers and supervisors only', async () => {
    const bad = await queue(officer, { mine: 'perhaps', section: 'everything', limit: 500 });
    expect(fieldsOf(expectProblem(bad, 400, 'VALIDATION_FAILED'))).toEqual(['limit', 'mine', 'section']);
    expect((await queue(caseworker, {})).status).toBe(403);
  });
});
