import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aHearing } from '../support/hearing.builder.js';
import { aReferredJourney, type ReferredJourney } from '../support/journey.builder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Entry {
  action: string;
  entityType: string;
  entityId: string | null;
  actorUserId: string | null;
  reason: string | null;
  personIds: string[];
  details: Record<string, unknown>;
}

/**
 * Issue 18: "who saw this record" (DPA 2018 s.62) answers every consultation of a person,
 * not only reads of their person record: their journey, timeline, contact attempts,
 * complaints, a search that listed them, each with its reason, and refused attempts.
 */
describe("GET /audit/people/{id}/access: every consultation of a person's data", () => {
  let t: TestApp;
  let caseworker: SignedInUser;
  let supervisor: SignedInUser;
  let durham: SignedInUser;
  let auditor: SignedInUser;
  let journey: ReferredJourney;
  let other: ReferredJourney;
  let hearingId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-04-01T09:00:00Z') });
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker']);
    supervisor = await fixtures.signedIn(['supervisor']);
    durham = await fixtures.signedIn(['caseworker'], ['durham']);
    auditor = await fixtures.signedIn(['auditor'], []);
    const clevelandId = await fixtures.areaId('cleveland');
    journey = await aReferredJourney(t, caseworker, clevelandId, { person: { givenName: 'Ann', familyName: 'Consulted' } });
    other = await aReferredJourney(t, caseworker, clevelandId, { person: { givenName: 'Bob', familyName: 'Elsewhere' } });

    const read = (user: SignedInUser, path: string, reason: string) =>
      t.http().get(`/api/v1${path}`).set('authorization', user.bearer).set('x-access-reason', reason);
    expect((await read(supervisor, `/journeys/${journey.journeyId}`, 'supervision')).status).toBe(200);
    expect((await read(supervisor, `/journeys/${journey.journeyId}/timeline`, 'supervision')).status).toBe(200);
    expect((await read(caseworker, `/journeys/${journey.journeyId}/contact-attempts`, 'first contact')).status).toBe(200);
    expect((await read(caseworker, `/journeys/${journey.journeyId}/complaints`, 'complaint handling')).status).toBe(200);
    expect((await read(caseworker, `/journeys?name=Consulted`, 'caller on the phone')).status).toBe(200);
    // A hearing's answer says, for each journey on the crime, what its person was told and how.
    hearingId = (await aHearing(t, caseworker, journey.crimeId, { listedFor: new Date('2026-05-04T09:30:00Z') })).hearingId;
    expect((await read(supervisor, `/hearings/${hearingId}`, 'court week')).status).toBe(200);
    expect((await read(caseworker, `/journeys/${other.journeyId}`, 'someone else')).status).toBe(200);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await read(durham, `/journeys/${journey.journeyId}`, 'probing')).status).toBe(404);
    }
    expect((await read(durham, `/journeys/${journey.journeyId}/timeline`, 'probing')).status).toBe(404);
  });
  afterAll(() => t.close());

  const access = async (personId: string): Promise<{ entries: Entry[]; distinctUsers: number }> => {
    const response = await t
      .http()
      .get(`/api/v1/audit/people/${personId}/access`)
      .query({ from: '2026-04-01T00:00:00Z', to: '2026-04-02T00:00:00Z' })
      .set('authorization', auditor.bearer);
    expect(response.status).toBe(200);
    return response.body;
  };

  it('lists the reads of the journey, timeline, contact attempts and complaints, with their reasons', async () => {
    const { entries } = await access(journey.personId);
    const reads = entries
      .filter((entry) => entry.action === 'read' && entry.entityType === 'journey')
      .map((entry) => [entry.actorUserId, entry.details.what, entry.reason]);
    expect(reads).toEqual(
      expect.arrayContaining([
        [supervisor.id, 'summary', 'supervision'],
        [supervisor.id, 'timeline', 'supervision'],
        [caseworker.id, expect.stringMatching(/contact/), 'first contact'],
        [caseworker.id, expect.stringMatching(/complaint/), 'complaint handling'],
      ]),
    );
    for (const entry of entries) expect(entry.personIds).toContain(journey.personId);
  });

  it('lists the read of a court record that told what the person was told of it', async () => {
    const { entries } = await access(journey.personId);
    expect(entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'read', entityType: 'hearing', entityId: hearingId, actorUserId: supervisor.id, reason: 'court week' })]),
    );
    const { entries: others } = await access(other.personId);
    expect(others.some((entry) => entry.entityId === hearingId)).toBe(false);
  });

  it('lists the search that showed the person, and every refused attempt on their journey', async () => {
    const { entries, distinctUsers } = await access(journey.personId);
    expect(entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'search', actorUserId: caseworker.id, reason: 'caller on the phone' })]),
    );
    const denied = entries.filter((entry) => entry.action === 'access_denied');
    expect(denied).toHaveLength(4);
    for (const entry of denied) expect(entry).toEqual(expect.objectContaining({ actorUserId: durham.id, entityId: journey.journeyId, reason: 'probing' }));
    // The referral that created the record is there too.
    expect(entries.some((entry) => entry.action === 'create' && entry.entityType === 'person')).toBe(true);
    expect(distinctUsers).toBe(3);
  });

  it("keeps each person's answer to their own consultations", async () => {
    const { entries } = await access(other.personId);
    expect(entries.some((entry) => entry.actorUserId === supervisor.id || entry.actorUserId === durham.id)).toBe(false);
    expect(entries.some((entry) => entry.action === 'read' && entry.entityId === other.journeyId)).toBe(true);
  });
});
