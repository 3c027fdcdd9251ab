import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Duty as EngineDuty } from '../../libs/victims-code/src/index.js';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import { InMemoryCopeRecover } from '../../test/support/support-repositories.fake.js';
import { ClosureService } from './closure.service.js';
import { CopeRecoverService } from './cope-recover.service.js';
import type { CloseJourneyRequest } from './dto/closure.dto.js';

const ANSWERS = { health_wellbeing: 2, safety: 2, everyday_life: 3, informed: 1, justice_engagement: 2, support_network: 3 };

describe('ClosureService', () => {
  let frame: JourneyFrame;
  let measures: InMemoryCopeRecover;
  let service: ClosureService;

  beforeEach(() => {
    frame = new JourneyFrame({
      now: '2026-05-20T12:00:00Z',
      journey: { stage: 'in_support', firstContactedAt: new Date('2026-03-03T10:00:00Z'), supportStartedAt: new Date('2026-03-10T10:00:00Z') },
    });
    measures = new InMemoryCopeRecover(frame.table());
    service = new ClosureService(frame.work, frame.ledger, frame.audit, new CopeRecoverService(frame.work, frame.ledger, frame.audit, measures), frame.journeys);
  });

  const close = (overrides: Partial<CloseJourneyRequest> = {}) =>
    service.close(frame.actor, frame.journey.id, frame.journey.version, { reason: 'support_completed', satisfaction: { score: 8 }, endScoreMissingReason: 'declined', ...overrides });
  const reopen = () => service.reopen(frame.actor, frame.journey.id, frame.journey.version, { reason: 'Victim asked for support again' });

  describe('closing refuses, naming every field at once', () => {
    it('a satisfaction both scored and declined, a comment without a score, an end score and its missing reason together', async () => {
      const error = await refusal(() =>
        close({ satisfaction: { score: 8, declined: true, comment: 'Kind' }, endScore: { answers: ANSWERS, takenAt: '2026-05-21T12:00:00Z' } }),
      );
      expect(error.extensions.errors).toEqual([
        { field: 'satisfaction.score', message: 'give a score, or declined: true when the victim chose not to answer' },
        { field: 'endScore', message: 'send either endScore or endScoreMissingReason, not both' },
        { field: 'endScore.takenAt', message: 'must not be in the future' },
      ]);
    });

    it('a satisfaction neither scored nor declined, and a comment without a score', async () => {
      expect((await refusal(() => close({ satisfaction: { comment: 'Kind' } }))).extensions.errors).toEqual([
        { field: 'satisfaction.score', message: 'give a score, or declined: true when the victim chose not to answer' },
        { field: 'satisfaction.comment', message: 'is only given with a score' },
      ]);
    });
  });

  it('needs an end score, or why there is none, on record or with the closure', async () => {
    expect(await refusal(() => close({ endScoreMissingReason: undefined }))).toMatchObject({
      code: 'END_SCORE_REQUIRED',
      extensions: { errors: [{ field: 'endScore', message: 'an end score, or endScoreMissingReason, is required to close' }] },
    });
    expect(frame.recorded).toEqual([]);
  });

  it('closes with an end score given inline, under the start’s framework, and the satisfaction answer', async () => {
    const answer = await close({ endScoreMissingReason: undefined, endScore: { answers: ANSWERS }, note: 'Feels safe at home', satisfaction: { score: 8, comment: 'Kind' } });
    expect(frame.eventTypes()).toEqual(['cope-recover.recorded', 'satisfaction.recorded', 'journey.closed']);
    expect(frame.events[1]!.payload).toEqual({ score: 8 });
    expect(frame.recorded[0]!.changes).toEqual({
      stage: 'closed',
      closedAt: frame.clock.now(),
      closureReason: 'support_completed',
      closureNote: 'Feels safe at home',
      satisfactionScore: 8,
      satisfactionComment: 'Kind',
      satisfactionDeclined: false,
    });
    expect(measures.rows[0]).toMatchObject({ point: 'end', frameworkVersion: 'cr-1', takenAt: frame.clock.now() });
    expect(answer).toEqual({ body: { id: frame.journey.id, stage: 'closed', version: 2 }, version: 2 });
  });

  it('checks an inline end score’s answers', async () => {
    expect((await refusal(() => close({ endScoreMissingReason: undefined, endScore: { answers: { ...ANSWERS, safety: 6 } } }))).extensions.errors).toEqual([
      { field: 'endScore.answers.safety', message: 'safety must be from 1 to 5, got 6' },
    ]);
  });

  it('closes on an end measure recorded before, with the satisfaction question declined', async () => {
    await frame.transactions.run((tx) =>
      new CopeRecoverService(frame.work, frame.ledger, frame.audit, measures).record(tx, frame.actor, frame.journey, {
        point: 'end', frameworkVersion: 'cr-1', answers: null, missingReason: 'moved_area', takenAt: new Date('2026-05-01T10:00:00Z'),
      }),
    );
    frame.audits.length = 0;
    await close({ endScoreMissingReason: undefined, satisfaction: { declined: true } });
    expect(frame.eventTypes()).toEqual(['satisfaction.recorded', 'journey.closed']);
    expect(frame.events[0]!.payload).toEqual({ declined: true });
    expect(frame.recorded[0]!.changes).toMatchObject({ satisfactionScore: null, satisfactionComment: null, satisfactionDeclined: true });
  });

  it('audits the closure with the number of duties it withdrew', async () => {
    frame.changedDuties = [{ status: 'withdrawn' }, { status: 'met' }, { status: 'withdrawn' }] as EngineDuty[];
    await close();
    expect(frame.audits.slice(-1)[0]!.details).toEqual({ closed: true, reason: 'support_completed', satisfaction: 'score', dutiesWithdrawn: 2 });
  });

  it('refuses to close a closed journey', async () => {
    frame.journey = { ...frame.journey, stage: 'closed' };
    expect(await refusal(() => close())).toMatchObject({ code: 'JOURNEY_CLOSED' });
  });

  describe('reopening', () => {
    it('refuses an open journey', async () => {
      expect(await refusal(() => reopen())).toMatchObject({ code: 'JOURNEY_NOT_CLOSED' });
    });

    it('refuses when the person has another open journey on the crime', async () => {
      await close();
      frame.otherOpenJourney = true;
      expect(await refusal(() => reopen())).toMatchObject({ code: 'OPEN_JOURNEY_EXISTS' });
    });

    it('restores the stage the work had reached, clears the closure and supersedes the end measure', async () => {
      await close();
      const endMeasure = measures.rows[0]!.id;
      await reopen();
      expect(frame.recorded[1]!.events).toEqual([{ type: 'journey.reopened', occurredAt: frame.clock.now(), payload: { reason: 'Victim asked for support again' } }]);
      expect(frame.recorded[1]!.changes).toEqual({
        stage: 'in_support',
        closedAt: null,
        closureReason: null,
        closureNote: null,
        satisfactionScore: null,
        satisfactionComment: null,
        satisfactionDeclined: null,
      });
      expect(measures.rows[0]!.supersededAt).toEqual(frame.clock.now());
      expect(frame.audits.slice(-1)[0]!.details).toEqual({ reopened: true, stage: 'in_support', supersededEndMeasureId: endMeasure });
    });

    it('to contacted, or referred, when support had not started', async () => {
      for (const [journey, stage] of [
        [{ supportStartedAt: null }, 'contacted'],
        [{ supportStartedAt: null, firstContactedAt: null }, 'referred'],
      ] as const) {
        frame.journey = { ...frame.journey, ...journey, stage: 'closed' };
        await reopen();
        expect(frame.recorded.slice(-1)[0]!.changes.stage).toBe(stage);
      }
    });
  });
});
