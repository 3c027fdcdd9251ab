import { beforeEach, describe, expect, it } from '@jest/globals';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import { InMemoryCopeRecover } from '../../test/support/support-repositories.fake.js';
import { CopeRecoverService } from './cope-recover.service.js';

/** cr-1's six domains. */
const ANSWERS = { health_wellbeing: 2, safety: 2, everyday_life: 3, informed: 1, justice_engagement: 2, support_network: 3 };
const BETTER = { health_wellbeing: 3, safety: 3, everyday_life: 3, informed: 3, justice_engagement: 2, support_network: 3 };

describe('CopeRecoverService', () => {
  let frame: JourneyFrame;
  let measures: InMemoryCopeRecover;
  let service: CopeRecoverService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-03-20T12:00:00Z', journey: { stage: 'in_support', firstContactedAt: new Date('2026-03-03T10:00:00Z') } });
    measures = new InMemoryCopeRecover(frame.table());
    service = new CopeRecoverService(frame.work, frame.ledger, frame.audit, measures);
  });

  describe('the start measure', () => {
    it('is taken now under cr-1 unless told otherwise, and told on the timeline', async () => {
      const answer = await service.start(frame.actor, frame.journey.id, undefined, { answers: ANSWERS });
      expect(answer.body).toMatchObject({ point: 'start', frameworkVersion: 'cr-1', answers: ANSWERS, missingReason: null, takenAt: new Date('2026-03-20T12:00:00Z') });
      expect(frame.events).toEqual([
        { type: 'cope-recover.recorded', occurredAt: new Date('2026-03-20T12:00:00Z'), payload: { point: 'start', frameworkVersion: 'cr-1', measureId: answer.body.id } },
      ]);
      expect(answer.version).toBe(2);
      expect(frame.audits).toEqual([
        expect.objectContaining({ action: 'create', entityType: 'cope_recover_measure', details: { journeyId: frame.journey.id, point: 'start', answered: true } }),
      ]);
    });

    it('names every bad domain, an unknown framework, and a time to come', async () => {
      const error = await refusal(() =>
        service.start(frame.actor, frame.journey.id, undefined, { answers: { ...ANSWERS, safety: 7, informed: 1.5, mood: 3 }, takenAt: '2026-03-21T12:00:00Z' }),
      );
      expect(error.extensions.errors).toEqual([
        { field: 'answers.safety', message: 'safety must be from 1 to 5, got 7' },
        { field: 'answers.informed', message: 'informed must be a whole number, got 1.5' },
        { field: 'answers.mood', message: 'mood is not a domain of cr-1' },
        { field: 'takenAt', message: 'must not be in the future' },
      ]);
      expect((await refusal(() => service.start(frame.actor, frame.journey.id, undefined, { answers: ANSWERS, frameworkVersion: 'cr-9' }))).extensions.errors).toEqual([
        { field: 'frameworkVersion', message: 'must be one of cr-1' },
      ]);
    });

    it('is recorded once: a second is a 409', async () => {
      await service.start(frame.actor, frame.journey.id, undefined, { answers: ANSWERS });
      expect(await refusal(() => service.start(frame.actor, frame.journey.id, undefined, { answers: ANSWERS }))).toMatchObject({
        code: 'COPE_RECOVER_ALREADY_RECORDED',
        extensions: { point: 'start' },
      });
      expect(measures.rows).toHaveLength(1);
    });
  });

  describe('the end measure', () => {
    it('takes answers or the reason there are none, not both and not neither', async () => {
      for (const request of [{}, { answers: ANSWERS, missingReason: 'declined' as const }]) {
        expect((await refusal(() => service.end(frame.actor, frame.journey.id, undefined, request))).extensions.errors).toEqual([
          { field: 'answers', message: 'send either answers or missingReason, not both' },
        ]);
      }
    });

    it('is taken under the start’s framework and checked against it', async () => {
      await service.start(frame.actor, frame.journey.id, undefined, { answers: ANSWERS });
      const error = await refusal(() => service.end(frame.actor, frame.journey.id, undefined, { answers: { ...BETTER, safety: 0 } }));
      expect(error.extensions.errors).toEqual([{ field: 'answers.safety', message: 'safety must be from 1 to 5, got 0' }]);
      const answer = await service.end(frame.actor, frame.journey.id, undefined, { answers: BETTER });
      expect(answer.body).toMatchObject({ point: 'end', frameworkVersion: 'cr-1', answers: BETTER });
    });

    it('records why there is no end score', async () => {
      const answer = await service.end(frame.actor, frame.journey.id, undefined, { missingReason: 'unable_to_contact' });
      expect(answer.body).toMatchObject({ point: 'end', answers: null, missingReason: 'unable_to_contact' });
      expect(frame.audits[0]!.details).toEqual({ journeyId: frame.journey.id, point: 'end', answered: false });
    });
  });

  describe('reading the measures', () => {
    it('shows the change when start and end were answered under one framework', async () => {
      await service.start(frame.actor, frame.journey.id, undefined, { answers: ANSWERS });
      await service.end(frame.actor, frame.journey.id, undefined, { answers: BETTER });
      const read = await service.get(frame.actor, frame.journey.id);
      expect(read.change).toMatchObject({ frameworkVersion: 'cr-1', overallChange: 4, worsenedDomains: [] });
      expect(frame.reads).toEqual(['cope_recover']);
    });

    it('shows no change without an answered end', async () => {
      await service.start(frame.actor, frame.journey.id, undefined, { answers: ANSWERS });
      await service.end(frame.actor, frame.journey.id, undefined, { missingReason: 'declined' });
      expect((await service.get(frame.actor, frame.journey.id)).change).toBeNull();
    });
  });

  it('supersedes the current end measure, so another may be taken', async () => {
    const first = await service.end(frame.actor, frame.journey.id, undefined, { missingReason: 'declined' });
    expect(await frame.transactions.run((tx) => service.supersedeEnd(tx, frame.journey.id, frame.clock.now()))).toBe(first.body.id);
    expect(await frame.transactions.run((tx) => service.supersedeEnd(tx, frame.journey.id, frame.clock.now()))).toBeNull();
    await service.end(frame.actor, frame.journey.id, undefined, { missingReason: 'moved_area' });
    expect(measures.rows.map((row) => row.supersededAt !== null)).toEqual([true, false]);
  });
});
