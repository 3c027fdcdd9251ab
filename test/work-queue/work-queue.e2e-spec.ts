import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser, type TestUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { aReferral } from '../support/referral.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Monday 30 March and Wednesday 1 April 2026; Good Friday 3 April and Easter Monday 6 April are bank holidays.
const MONDAY = new Date('2026-03-30T09:00:00Z');
const WEDNESDAY = new Date('2026-04-01T09:00:00Z');
// Tuesday 7 April, 10:00 in London (BST).
const TUESDAY_AFTER_EASTER = new Date('2026-04-07T09:00:00Z');

interface Item {
  kind: string;
  journey: { id: string; reference: string; personName: string; leadWorker: { id: string } | null; enhanced: boolean; stage: string };
  duty?: { id: string; ruleId: string; dueAt: string; status: string };
  action?: { id: string; description: string; dueOn: string };
  dueAt: string;
}

describe('the work queue', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let me: SignedInUser;
  let meUser: TestUser;
  let witnessOfficerUser: TestUser;
  let witnessOfficer: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let clevelandId: string;
  let durhamId: string;
  /** Referred on Wednesday, led by me: first contact due today. */
  let mine: { id: string; reference: string; givenName: string; familyName: string };
  /** Referred on Monday, unallocated: first contact overdue since Wednesday. */
  let unallocated: string;
  /** Led by the witness care unit: not my team's. */
  let otherTeams: string;
  let durhamJourney: string;
  let actions: { mineDueToday: string; ownedByMeOnUnallocated: string; dueTomorrow: string; done: string };

  const refer = async (user: SignedInUser, body: ReturnType<typeof aReferral>) => {
    const response = await t.http().post('/api/v1/referrals').set('authorization', user.bearer).send(body);
    expect(response.status).toBe(201);
    return response.body as { journeyId: string; reference: string };
  };
  const lead = async (user: SignedInUser, journeyId: string, body: object) => {
    const read = await t.http().get(`/api/v1/journeys/${journeyId}`).set('authorization', user.bearer);
    const response = await t.http().put(`/api/v1/journeys/${journeyId}/lead`).set('authorization', user.bearer).set('if-match', read.headers.etag as string).send(body);
    expect(response.status).toBe(200);
  };
  const addAction = async (journeyId: string, values: { description: string; dueOn: string; ownerUserId?: string; ownerOrganisationId?: string; status?: string }) => {
    const [row] = await t.dataSource.query(
      `INSERT INTO support_actions (area_id, journey_id, description, owner_user_id, owner_organisation_id, due_on, status, created_by)
       SELECT area_id, id, $2, $3, $4, $5, $6, $7 FROM journeys WHERE id = $1 RETURNING id`,
      [journeyId, values.description, values.ownerUserId ?? null, values.ownerOrganisationId ?? null, values.dueOn, values.status ?? 'open', meUser.id],
    );
    return row.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY });
    fixtures = new Fixtures(t);
    meUser = await fixtures.user({ roles: ['caseworker'], areas: ['cleveland'] });
    witnessOfficerUser = await fixtures.user({ roles: ['witness_care_officer'], areas: ['cleveland'], kind: 'witness_care_unit' });
    const durhamUser = await fixtures.user({ roles: ['caseworker'], areas: ['durham'] });
    clevelandId = await fixtures.areaId('cleveland');
    durhamId = await fixtures.areaId('durham');

    me = await fixtures.session(meUser);
    const monday = aReferral(clevelandId, { crime: { reportedAt: '2026-03-29T09:00:00Z', offenceDate: '2026-03-28' } });
    unallocated = (await refer(me, monday)).journeyId;

    t.clock.set(WEDNESDAY);
    me = await fixtures.session(meUser);
    const wednesday = aReferral(clevelandId, { person: { givenName: 'Nia' } });
    const referred = await refer(me, wednesday);
    mine = { id: referred.journeyId, reference: referred.reference, givenName: 'Nia', familyName: wednesday.person.familyName };
    await lead(me, mine.id, { workerId: me.id });
    otherTeams = (await refer(me, aReferral(clevelandId))).journeyId;
    await lead(me, otherTeams, { organisationId: witnessOfficerUser.organisationId });
    const durhamCaseworkerThen = await fixtures.session(durhamUser);
    durhamJourney = (await refer(durhamCaseworkerThen, aReferral(durhamId))).journeyId;

    actions = {
      mineDueToday: await addAction(mine.id, { description: 'Call back about the locks', dueOn: '2026-04-07', ownerOrganisationId: meUser.organisationId }),
      ownedByMeOnUnallocated: await addAction(unallocated, { description: 'Send the leaflet', dueOn: '2026-04-06', ownerUserId: meUser.id }),
      dueTomorrow: await addAction(mine.id, { description: 'Chase the housing officer', dueOn: '2026-04-08', ownerOrganisationId: meUser.organisationId }),
      done: await addAction(mine.id, { description: 'Done already', dueOn: '2026-04-01', ownerOrganisationId: meUser.organisationId, status: 'done' }),
    };

    t.clock.set(TUESDAY_AFTER_EASTER);
    me = await fixtures.session(meUser);
    witnessOfficer = await fixtures.session(witnessOfficerUser);
    durhamCaseworker = await fixtures.session(durhamUser);
  });
  afterAll(() => t.close());

  const queue = (query: Record<string, string | number | boolean> = {}, user: SignedInUser = me) =>
    t.http().get('/api/v1/work-queue').query(query).set('authorization', user.bearer);
  const summary = (items: Item[]) => items.map((item) => [item.kind, item.journey.id, item.duty?.ruleId ?? item.action?.id ?? null]);

  it('shows me the journeys I lead and the actions I own, soonest due first', async () => {
    const response = await queue({ view: 'mine' });
    expect(response.status).toBe(200);
    expect(summary(response.body.items)).toEqual([
      ['action_due', unallocated, actions.ownedByMeOnUnallocated],
      ['duty_due_today', mine.id, 'support.first-contact'],
      ['new_referral', mine.id, null],
      ['action_due', mine.id, actions.mineDueToday],
    ]);
    expect(response.body.total).toBe(4);
    const dutyItem = response.body.items.find((item: Item) => item.kind === 'duty_due_today');
    expect(dutyItem).toEqual({
      kind: 'duty_due_today',
      journey: {
        id: mine.id,
        reference: mine.reference,
        stage: 'referred',
        enhanced: false,
        personName: `${mine.givenName} ${mine.familyName}`,
        leadWorker: { id: me.id, name: expect.any(String) },
      },
      duty: { id: expect.any(String), ruleId: 'support.first-contact', dueAt: '2026-04-07T22:59:59.999Z', status: 'open' },
      dueAt: '2026-04-07T22:59:59.999Z',
    });
    const actionItem = response.body.items.find((item: Item) => item.action?.id === actions.mineDueToday);
    expect(actionItem.action).toEqual({ id: actions.mineDueToday, description: 'Call back about the locks', dueOn: '2026-04-07' });
    // Due until the end of the London day.
    expect(actionItem.dueAt).toBe('2026-04-07T22:59:59.999Z');
  });

  it('shows my team the unallocated journeys and ours, with overdue duties, but not another organisation’s or another area’s', async () => {
    const response = await queue({ view: 'team', limit: 100 });
    expect(response.status).toBe(200);
    const items: Item[] = response.body.items;
    const journeys = new Set(items.map((item) => item.journey.id));
    expect(journeys.has(mine.id)).toBe(true);
    expect(journeys.has(unallocated)).toBe(true);
    expect(journeys.has(otherTeams)).toBe(false);
    expect(journeys.has(durhamJourney)).toBe(false);
    const overdue = items.find((item) => item.kind === 'duty_overdue' && item.journey.id === unallocated);
    expect(overdue?.duty).toEqual(expect.objectContaining({ ruleId: 'support.first-contact', dueAt: '2026-04-01T22:59:59.999Z', status: 'breached' }));
  });

  it('shows duties only to the kind of organisation that owes them', async () => {
    const response = await queue({ view: 'team', kind: 'duty_overdue', limit: 100 }, witnessOfficer);
    expect(response.status).toBe(200);
    expect(response.body.items.filter((item: Item) => item.duty?.ruleId === 'support.first-contact')).toEqual([]);
    const referrals = await queue({ view: 'team', kind: 'new_referral', limit: 100 }, witnessOfficer);
    expect(referrals.body.items.map((item: Item) => item.journey.id)).toContain(otherTeams);
  });

  it('filters by kind, stage, lead worker and enhanced rights, and sorts by referral or reference', async () => {
    expect(summary((await queue({ kind: 'action_due' })).body.items)).toEqual([
      ['action_due', unallocated, actions.ownedByMeOnUnallocated],
      ['action_due', mine.id, actions.mineDueToday],
    ]);
    expect((await queue({ enhanced: true })).body).toEqual({ items: [], total: 0 });
    expect((await queue({ enhanced: false })).body.total).toBe(4);
    expect((await queue({ stage: 'contacted' })).body.total).toBe(0);
    expect((await queue({ view: 'team', leadWorkerId: me.id })).body.items.every((item: Item) => item.journey.id === mine.id)).toBe(true);
    const byReferral = await queue({ sort: 'referred' });
    expect(byReferral.body.items[0].journey.id).toBe(unallocated);
    const byReference = await queue({ sort: 'reference', kind: 'action_due' });
    expect(byReference.body.items.map((item: Item) => item.journey.reference)).toEqual(
      [...byReference.body.items.map((item: Item) => item.journey.reference)].sort(),
    );
  });

  it('pages with the total, and an area outside mine is empty', async () => {
    const page = await queue({ limit: 1, offset: 1 });
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBe(4);
    const past = await queue({ limit: 1, offset: 10 });
    expect(past.body).toEqual({ items: [], total: 4 });
    expect((await queue({ view: 'team', areaId: durhamId })).body).toEqual({ items: [], total: 0 });
    const durham = await queue({ view: 'team', limit: 100 }, durhamCaseworker);
    const durhamJourneys = durham.body.items.map((item: Item) => item.journey.id);
    expect(durhamJourneys).toContain(durhamJourney);
    expect(durhamJourneys).not.toContain(mine.id);
  });

  it('counts each kind', async () => {
    const mineCounts = await t.http().get('/api/v1/work-queue/counts').query({ view: 'mine' }).set('authorization', me.bearer);
    expect(mineCounts.status).toBe(200);
    expect(mineCounts.body).toEqual({ newReferrals: 1, dutiesDueToday: 1, dutiesOverdue: 0, actionsDue: 2 });
    const team = await t.http().get('/api/v1/work-queue/counts').query({ view: 'team' }).set('authorization', me.bearer);
    expect(team.body.newReferrals).toBeGreaterThanOrEqual(2);
    expect(team.body.dutiesOverdue).toBeGreaterThanOrEqual(1);
  });

  it('audits each journey shown, in one go, as listed from the work queue', async () => {
    const reader = await fixtures.session(meUser);
    const before = Number((await t.dataSource.query(`SELECT max(seq) AS seq FROM audit_log`))[0].seq);
    await queue({ view: 'mine' }, reader);
    const rows = await t.dataSource.query(
      `SELECT action, entity_type, entity_id, area_id, details FROM audit_log WHERE seq > $1 AND actor_user_id = $2 AND action = 'list' ORDER BY entity_id`,
      [before, meUser.id],
    );
    expect(rows).toEqual(
      [mine.id, unallocated].sort().map((id) => ({ action: 'list', entity_type: 'journey', entity_id: id, area_id: clevelandId, details: { what: 'work_queue', view: 'mine' } })),
    );
  });

  it('refuses bad input, naming the fields', async () => {
    const response = await queue({ view: 'everyone', kind: 'chores', sort: 'random', enhanced: 'maybe', leadWorkerId: 'x', stage: 'asleep' });
    expect([...new Set(fieldsOf(expectProblem(response, 400, 'VALIDATION_FAILED')))]).toEqual(['enhanced', 'kind', 'leadWorkerId', 'sort', 'stage', 'view']);
    const counts = await t.http().get('/api/v1/work-queue/counts').query({ view: 'everyone' }).set('authorization', me.bearer);
    expect(fieldsOf(expectProblem(counts, 400))).toEqual(['view']);
  });

  it('leaves closed journeys out of the queue', async () => {
    const { journeyId } = await refer(me, aReferral(clevelandId));
    await lead(me, journeyId, { workerId: me.id });
    expect((await queue({ kind: 'new_referral' })).body.items.map((item: Item) => item.journey.id)).toContain(journeyId);
    // Closing is the support module's command; the queue only needs the journey's stage.
    await t.dataSource.query(`UPDATE journeys SET stage = 'closed', closed_at = now(), closure_reason = 'declined' WHERE id = $1`, [journeyId]);
    expect((await queue({ kind: 'new_referral' })).body.items.map((item: Item) => item.journey.id)).not.toContain(journeyId);
  });
});
