import { beforeEach, describe, expect, it } from '@jest/globals';
import { investigationWorld } from '../../test/support/investigation-repositories.fake.js';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import { PoliceVrrService } from './police-vrr.service.js';

const NFA_ID = 'e0000000-0000-4000-8000-000000000001';
const CHARGE_ID = 'e0000000-0000-4000-8000-000000000002';

describe('PoliceVrrService', () => {
  let frame: JourneyFrame;
  let world: ReturnType<typeof investigationWorld>;
  let service: PoliceVrrService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-09-10T12:00:00Z', journey: { referredAt: new Date('2026-03-02T09:00:00Z') } });
    world = investigationWorld(frame);
    world.tables.journeys.push({ id: frame.journey.id, reference: frame.journey.reference, crimeId: frame.journey.crimeId });
    for (const [id, kind] of [
      [NFA_ID, 'released_nfa'],
      [CHARGE_ID, 'charged'],
    ] as const) {
      world.tables.decisions.push({
        id,
        body: 'police',
        areaId: frame.journey.areaId,
        crimeId: frame.journey.crimeId,
        kind,
        decidedAt: new Date('2026-04-01T10:00:00Z'),
        defendantIds: [],
        recordedBy: frame.actor.userId,
        createdAt: new Date('2026-04-01T10:00:00Z'),
        version: 1,
      });
    }
    service = new PoliceVrrService(frame.work, frame.ledger, frame.audit, frame.clock, world.decisions, world.notices, world.requests, world.duties);
  });

  const ask = (requestedAt = '2026-04-20T10:00:00Z', decisionId = NFA_ID) =>
    service.request(frame.actor, frame.journey.id, undefined, { requestedAt, decisionId, receivedAt: requestedAt });
  const told = (informedAt: string) =>
    world.tables.notices.push({ id: 'n1', body: 'police', journeyId: frame.journey.id, decisionId: NFA_ID, informedAt: new Date(informedAt), method: 'letter', recordedBy: frame.actor.userId });

  describe('a request', () => {
    it('is refused for a decision the scheme does not cover, and before the decision', async () => {
      expect(await refusal(() => ask('2026-04-20T10:00:00Z', CHARGE_ID))).toMatchObject({ code: 'DECISION_NOT_REVIEWABLE' });
      const early = await refusal(() => ask('2026-03-31T10:00:00Z'));
      expect(early.extensions.errors).toEqual([{ field: 'requestedAt', message: 'must not be before the decision it asks to review' }]);
    });

    it('is asked from a person with when it was received', async () => {
      const error = await refusal(() => service.request(frame.actor, frame.journey.id, undefined, { requestedAt: '2026-04-20T10:00:00Z', decisionId: NFA_ID }));
      expect(error.extensions.errors).toEqual([expect.objectContaining({ field: 'receivedAt' })]);
    });

    it('is never late before the victim was told of the decision', async () => {
      const { body } = await ask('2026-09-01T10:00:00Z');
      expect(body).toMatchObject({ status: 'requested', late: false, windowClosesAt: null });
      expect(frame.events[0]).toMatchObject({ type: 'vrr.police-requested', payload: { requestId: body.id }, receivedAt: new Date('2026-09-01T10:00:00Z') });
    });

    it('is late after the 3-month window from the telling, and still recorded (exceptional circumstances)', async () => {
      told('2026-04-02T10:00:00Z');
      const { body } = await ask('2026-08-01T10:00:00Z');
      expect(body.late).toBe(true);
      expect(body.windowClosesAt).not.toBeNull();
      expect(frame.audits[0]!.details).toEqual({ journeyId: frame.journey.id, decisionId: NFA_ID, late: true });
    });

    it('is in time within the window, and made once per decision', async () => {
      told('2026-04-02T10:00:00Z');
      expect((await ask('2026-06-01T10:00:00Z')).body.late).toBe(false);
      expect(await refusal(() => ask('2026-06-02T10:00:00Z'))).toMatchObject({ code: 'VRR_ALREADY_REQUESTED' });
    });
  });

  describe('the police’s answers', () => {
    let requestId: string;
    beforeEach(async () => {
      requestId = (await ask()).body.id;
    });
    const acknowledge = (at: string, version = 1) => service.acknowledge(frame.actor, frame.journey.id, requestId, version, { at });
    const decide = (at: string, version: number) => service.decide(frame.actor, frame.journey.id, requestId, version, { at, outcome: 'not_upheld' });

    it('acknowledges once, not before the request', async () => {
      expect((await refusal(() => acknowledge('2026-04-19T10:00:00Z'))).extensions.errors).toEqual([{ field: 'at', message: 'must not be before the request' }]);
      expect(await acknowledge('2026-04-22T10:00:00Z')).toMatchObject({ status: 'acknowledged', acknowledgedAt: new Date('2026-04-22T10:00:00Z'), version: 2 });
      expect(await refusal(() => acknowledge('2026-04-23T10:00:00Z', 2))).toMatchObject({ code: 'VRR_ALREADY_ACKNOWLEDGED' });
      expect(frame.eventTypes()).toEqual(['vrr.police-requested', 'vrr.police-acknowledged']);
    });

    it('decides after the acknowledgement, not before it', async () => {
      await acknowledge('2026-04-22T10:00:00Z');
      expect((await refusal(() => decide('2026-04-21T10:00:00Z', 2))).extensions.errors).toEqual([{ field: 'at', message: 'must not be before the request or its acknowledgement' }]);
      expect(await decide('2026-05-10T10:00:00Z', 2)).toMatchObject({ status: 'decided', outcome: 'not_upheld' });
      expect(frame.audits.at(-1)!.details).toEqual({ journeyId: frame.journey.id, status: 'decided', outcome: 'not_upheld' });
    });

    it('decides a request never acknowledged, once; then refuses any answer', async () => {
      await decide('2026-05-10T10:00:00Z', 1);
      expect(await refusal(() => decide('2026-05-11T10:00:00Z', 2))).toMatchObject({ code: 'VRR_ALREADY_DECIDED' });
      expect(await refusal(() => acknowledge('2026-05-11T10:00:00Z', 2))).toMatchObject({ code: 'VRR_ALREADY_DECIDED' });
    });

    it('refuses a stale copy, and a request of another journey', async () => {
      expect(await refusal(() => acknowledge('2026-04-22T10:00:00Z', 5))).toMatchObject({ code: 'CONFLICT' });
      world.tables.requests[0]!.journeyId = '12121212-1212-4121-8121-121212121212';
      expect(await refusal(() => acknowledge('2026-04-22T10:00:00Z'))).toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
