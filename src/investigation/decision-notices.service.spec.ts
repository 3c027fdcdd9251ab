import { beforeEach, describe, expect, it } from '@jest/globals';
import { investigationWorld } from '../../test/support/investigation-repositories.fake.js';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import { DecisionNoticesService } from './decision-notices.service.js';

const DECISION_ID = 'e0000000-0000-4000-8000-000000000001';

describe('DecisionNoticesService', () => {
  let frame: JourneyFrame;
  let world: ReturnType<typeof investigationWorld>;
  let service: DecisionNoticesService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-04-10T12:00:00Z' });
    world = investigationWorld(frame);
    world.tables.journeys.push({ id: frame.journey.id, reference: frame.journey.reference, crimeId: frame.journey.crimeId });
    world.tables.decisions.push({
      id: DECISION_ID,
      body: 'cps',
      areaId: frame.journey.areaId,
      crimeId: frame.journey.crimeId,
      kind: 'not_to_charge',
      decidedAt: new Date('2026-04-08T10:00:00Z'),
      defendantIds: [],
      recordedBy: frame.actor.userId,
      createdAt: new Date('2026-04-08T10:00:00Z'),
      version: 1,
    });
    service = new DecisionNoticesService(frame.work, frame.ledger, frame.audit, frame.clock, world.decisions, world.notices, world.duties);
  });

  const inform = (informedAt = '2026-04-09T10:00:00Z', method: 'phone' | 'letter' = 'phone', decisionId = DECISION_ID) =>
    service.inform(frame.actor, 'cps', frame.journey.id, decisionId, undefined, { informedAt, method });

  it('records the telling as victim.informed naming the decision, with the victim’s review window, on a closed journey too', async () => {
    frame.journey = { ...frame.journey, stage: 'closed' };
    const answer = await inform();
    expect(answer).toMatchObject({ repeated: false, journeyVersion: 2 });
    expect(answer.body).toMatchObject({ decisionId: DECISION_ID, body: 'cps', informedAt: new Date('2026-04-09T10:00:00Z'), method: 'phone', reviewWindow: { id: 'cps.victims-right-to-review' } });
    expect(frame.events).toEqual([{ type: 'victim.informed', occurredAt: new Date('2026-04-09T10:00:00Z'), payload: { about: 'cps_decision', subjectId: DECISION_ID } }]);
    expect(frame.audits).toEqual([expect.objectContaining({ entityType: 'decision_notice', details: { journeyId: frame.journey.id, about: 'cps_decision', decisionId: DECISION_ID, method: 'phone' } })]);
  });

  it('refuses a decision of another crime, and a telling before the decision', async () => {
    world.tables.decisions[0]!.crimeId = '12121212-1212-4121-8121-121212121212';
    expect(await refusal(() => inform())).toMatchObject({ code: 'DECISION_NOT_ON_CRIME' });
    world.tables.decisions[0]!.crimeId = frame.journey.crimeId;
    const early = await refusal(() => inform('2026-04-08T09:00:00Z'));
    expect(early.extensions.errors).toEqual([{ field: 'informedAt', message: 'must not be before the decision (2026-04-08T10:00:00.000Z)' }]);
  });

  it('answers the same telling again as a repeat, recording nothing more', async () => {
    await inform();
    const again = await inform();
    expect(again).toMatchObject({ repeated: true, journeyVersion: 2 });
    expect(frame.eventTypes()).toEqual(['victim.informed']);
    expect(world.tables.notices).toHaveLength(1);
  });

  it('refuses a different telling of a decision already told: the first met the duty', async () => {
    await inform();
    const error = await refusal(() => inform('2026-04-09T11:00:00Z', 'letter'));
    expect(error).toMatchObject({ code: 'ALREADY_INFORMED', extensions: { informedAt: '2026-04-09T10:00:00.000Z', method: 'phone' } });
  });

  it('gives no review window for a decision the scheme does not cover', async () => {
    world.tables.decisions[0]!.kind = 'alter_charges';
    expect((await inform()).body.reviewWindow).toBeNull();
  });
});
