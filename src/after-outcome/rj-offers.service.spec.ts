import { beforeEach, describe, expect, it } from '@jest/globals';
import { afterOutcomeWorld } from '../../test/support/after-outcome-repositories.fake.js';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import type { RecordRjOfferRequest } from './dto/rj-offer.dto.js';
import { RjOffersService } from './rj-offers.service.js';

describe('RjOffersService', () => {
  let frame: JourneyFrame;
  let world: ReturnType<typeof afterOutcomeWorld>;
  let service: RjOffersService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-09-30T12:00:00Z', journey: { referredAt: new Date('2026-03-02T09:00:00Z') } });
    world = afterOutcomeWorld(frame);
    service = new RjOffersService(frame.work, frame.ledger, frame.audit, world.offers, world.timeline);
  });

  const offer = (request: Partial<RecordRjOfferRequest> = {}) =>
    service.record(frame.actor, frame.journey.id, undefined, { offeredAt: '2026-04-01T10:00:00Z', response: 'interested', ...request });
  const onTimeline = (type: 'police.decision-made' | 'court.sentence', occurredAt: string, payload: Record<string, unknown> = {}) =>
    world.tables.events.push({ id: `earlier-${world.tables.events.length + 1}`, journeyId: frame.journey.id, type, occurredAt: new Date(occurredAt), payload });

  it('records the offer and the victim’s response, on the timeline as the engine counts it, audited', async () => {
    const { body, version } = await offer({ response: 'not_now', offeredBy: 'police' });
    expect(body).toMatchObject({ response: 'not_now', answer: 'not_interested', offeredBy: 'police', stage: 'pre_charge', eventId: 'event-1-0', createdBy: frame.actor.userId });
    expect(version).toBe(frame.journey.version);
    expect(frame.events).toEqual([{ type: 'rj.offered', occurredAt: new Date('2026-04-01T10:00:00Z'), payload: { answer: 'not_interested' } }]);
    expect(frame.audits).toEqual([
      { action: 'create', entityType: 'rj_offer', entityId: body.id, areaId: frame.journey.areaId, details: { journeyId: frame.journey.id, stage: 'pre_charge', response: 'not_now' } },
    ]);
  });

  it('names the victim care service as the offerer unless told otherwise', async () => {
    expect((await offer()).body.offeredBy).toBe('victim_care_service');
  });

  it('still takes the first version’s answer, not_interested recorded as declined', async () => {
    expect((await offer({ response: undefined, answer: 'not_interested' })).body).toMatchObject({ response: 'declined', answer: 'not_interested' });
    expect((await offer({ response: undefined, answer: 'interested' })).body).toMatchObject({ response: 'interested', answer: 'interested' });
  });

  it('wants the response or the answer, exactly one of them', async () => {
    const problem = [{ field: 'response', message: 'give the victim’s response (or, as before, answer), not both' }];
    expect((await refusal(() => offer({ answer: 'interested' }))).extensions.errors).toEqual(problem);
    expect((await refusal(() => offer({ response: undefined }))).extensions.errors).toEqual(problem);
  });

  it('refuses an offer before the referral was received, or in the future', async () => {
    expect((await refusal(() => offer({ offeredAt: '2026-03-01T10:00:00Z' }))).extensions.errors).toEqual([{ field: 'offeredAt', message: 'must not be before the referral was received' }]);
    expect((await refusal(() => offer({ offeredAt: '2026-10-01T10:00:00Z' }))).extensions.errors).toEqual([expect.objectContaining({ field: 'offeredAt' })]);
    expect(world.tables.offers).toEqual([]);
  });

  describe('the stage', () => {
    beforeEach(() => {
      onTimeline('police.decision-made', '2026-05-01T10:00:00Z', { kind: 'released_nfa' });
      onTimeline('police.decision-made', '2026-06-01T10:00:00Z', { kind: 'charged' });
      onTimeline('court.sentence', '2026-08-01T10:00:00Z', { outcomeId: 'o1' });
    });

    it('is taken from the timeline as at the offer: charged is pre_sentence, sentenced is post_sentence', async () => {
      expect((await offer({ offeredAt: '2026-05-15T10:00:00Z' })).body.stage).toBe('pre_charge');
      expect((await offer({ offeredAt: '2026-06-01T10:00:00Z' })).body.stage).toBe('pre_sentence');
      expect((await offer({ offeredAt: '2026-08-02T10:00:00Z' })).body.stage).toBe('post_sentence');
    });

    it('is the one the worker gives, when given', async () => {
      expect((await offer({ offeredAt: '2026-08-02T10:00:00Z', stage: 'pre_sentence' })).body.stage).toBe('pre_sentence');
    });
  });

  it('lists the newest offer first', async () => {
    await offer({ offeredAt: '2026-04-01T10:00:00Z' });
    await offer({ offeredAt: '2026-05-01T10:00:00Z', response: 'declined' });
    expect((await service.list(frame.actor, frame.journey.id)).items.map((item) => item.response)).toEqual(['declined', 'interested']);
    expect(frame.reads).toEqual(['rj_offers']);
  });

  it('refuses a new offer once support has closed', async () => {
    frame.journey = { ...frame.journey, stage: 'closed' };
    expect(await refusal(() => offer())).toMatchObject({ code: 'JOURNEY_CLOSED' });
  });
});
