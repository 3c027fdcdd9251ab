import { beforeEach, describe, expect, it } from '@jest/globals';
import { COURT_ELSEWHERE_ID, COURT_ID, CO_DEFENDANT_ID, courtWorld, DEFENDANT_ID } from '../../test/support/court-repositories.fake.js';
import { refusal } from '../../test/support/journey-frame.fake.js';
import { CourtOutcomesService } from './court-outcomes.service.js';
import type { LodgeAppealRequest, RecordSentenceRequest, RecordVerdictRequest } from './dto/court-requests.dto.js';

describe('CourtOutcomesService', () => {
  let world: ReturnType<typeof courtWorld>;
  let service: CourtOutcomesService;

  beforeEach(() => {
    world = courtWorld({ now: '2026-06-10T12:00:00Z' });
    service = new CourtOutcomesService(world.work, world.frame.crimeWork, world.records, world.outcomes, world.hearings, world.frame.journeys, world.frame.audit);
  });

  const actor = () => world.frame.actor;
  const verdict = async (overrides: Partial<RecordVerdictRequest> = {}) =>
    (
      await service.recordVerdict(
        actor(),
        world.frame.crime.id,
        { defendantId: DEFENDANT_ID, verdict: 'guilty', verdictAt: '2026-06-01T15:00:00Z', receivedAt: '2026-06-01T16:00:00Z', ...overrides },
        null,
      )
    ).body;
  const sentence = (outcomeId: string, overrides: Partial<RecordSentenceRequest> = {}, version = 1) =>
    service.recordSentence(
      actor(),
      outcomeId,
      version,
      { sentencedAt: '2026-06-05T11:00:00Z', disposal: 'immediate_custody', custodialMonths: 18, offenceViolentOrSexual: true, receivedAt: '2026-06-05T12:00:00Z', ...overrides },
      null,
    );
  const lodge = (outcomeId: string, overrides: Partial<LodgeAppealRequest> = {}) =>
    service.lodgeAppeal(actor(), outcomeId, { lodgedAt: '2026-06-08T10:00:00Z', by: 'defendant', against: 'conviction', receivedAt: '2026-06-08T11:00:00Z', ...overrides }, null);

  describe('the verdict', () => {
    it('is recorded once per defendant and told to every journey as court.verdict, from receipt', async () => {
      const outcome = await verdict();
      expect(outcome).toMatchObject({ defendant: { id: DEFENDANT_ID, reference: 'DEF-000001' }, verdict: 'guilty', sentence: null, version: 1 });
      expect(world.frame.told[0]!.events).toEqual([
        { type: 'court.verdict', occurredAt: new Date('2026-06-01T15:00:00Z'), receivedAt: new Date('2026-06-01T16:00:00Z'), payload: { outcomeId: outcome.id, verdict: 'guilty' } },
      ]);
      expect(await refusal(() => verdict())).toMatchObject({ code: 'OUTCOME_ALREADY_RECORDED' });
      await verdict({ defendantId: CO_DEFENDANT_ID, verdict: 'not_guilty' });
      expect(world.tables.outcomes).toHaveLength(2);
    });

    it('refuses a defendant not on the crime and a hearing of another crime', async () => {
      expect(await refusal(() => verdict({ defendantId: 'd0000000-0000-4000-8000-0000000000ff' }))).toMatchObject({ code: 'DEFENDANT_NOT_ON_CRIME' });
      expect(await refusal(() => verdict({ hearingId: 'h0000000-0000-4000-8000-000000000001' }))).toMatchObject({ code: 'HEARING_NOT_ON_CRIME', extensions: { field: 'hearingId' } });
      expect(world.frame.told).toEqual([]);
    });

    it('refuses a receipt before the verdict', async () => {
      const error = await refusal(() => verdict({ receivedAt: '2026-06-01T14:00:00Z' }));
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(error.extensions.errors).toEqual([expect.objectContaining({ field: 'receivedAt' })]);
    });
  });

  describe('the sentence', () => {
    it('asks a custodial sentence for at least a month, and any other for none, before anything is read', async () => {
      expect((await refusal(() => sentence('any', { custodialMonths: 0 }))).extensions.errors).toEqual([{ field: 'custodialMonths', message: 'must be at least 1 for a custodial sentence' }]);
      expect((await refusal(() => sentence('any', { disposal: 'community_order', custodialMonths: 6 }))).extensions.errors).toEqual([
        { field: 'custodialMonths', message: 'must be 0 when the sentence is not served in custody' },
      ]);
    });

    it('is recorded on a guilty verdict, once, and tells the journeys whether it is a hospital order', async () => {
      const outcome = await verdict();
      const { body } = await sentence(outcome.id, { disposal: 'hospital_order', custodialMonths: 0 });
      expect(body).toMatchObject({ version: 2, sentence: { disposal: 'hospital_order', custodialMonths: 0, offenceViolentOrSexual: true } });
      expect(world.frame.told[1]!.events[0]).toMatchObject({
        type: 'court.sentence',
        payload: { outcomeId: outcome.id, offenceViolentOrSexual: true, custodialMonths: 0, hospitalOrder: true },
      });
      expect(await refusal(() => sentence(outcome.id, {}, 2))).toMatchObject({ code: 'SENTENCE_ALREADY_RECORDED' });
    });

    it('refuses a not-guilty verdict, a sentence before the verdict, and a stale copy', async () => {
      const acquitted = await verdict({ defendantId: CO_DEFENDANT_ID, verdict: 'not_guilty' });
      expect(await refusal(() => sentence(acquitted.id))).toMatchObject({ code: 'SENTENCE_WITHOUT_CONVICTION' });
      const convicted = await verdict();
      const early = await refusal(() => sentence(convicted.id, { sentencedAt: '2026-06-01T14:00:00Z', receivedAt: '2026-06-01T14:30:00Z' }));
      expect(early.extensions.errors).toEqual([{ field: 'sentencedAt', message: 'must not be before the verdict' }]);
      expect(await refusal(() => sentence(convicted.id, {}, 3))).toMatchObject({ code: 'CONFLICT' });
    });
  });

  describe('appeals', () => {
    it('against conviction: only by a convicted defendant', async () => {
      const acquitted = await verdict({ defendantId: CO_DEFENDANT_ID, verdict: 'not_guilty' });
      expect(await refusal(() => lodge(acquitted.id))).toMatchObject({ code: 'NOTHING_TO_APPEAL' });
      const convicted = await verdict();
      expect(await refusal(() => lodge(convicted.id, { by: 'prosecution' }))).toMatchObject({ code: 'NOTHING_TO_APPEAL' });
      const { body } = await lodge(convicted.id);
      expect(body).toMatchObject({ outcomeId: convicted.id, by: 'defendant', against: 'conviction', stage: 'lodged' });
    });

    it('against sentence: once one is recorded, and not before it', async () => {
      const convicted = await verdict();
      expect(await refusal(() => lodge(convicted.id, { against: 'sentence' }))).toMatchObject({ code: 'NOTHING_TO_APPEAL' });
      await sentence(convicted.id);
      const early = await refusal(() => lodge(convicted.id, { against: 'sentence', by: 'prosecution', lodgedAt: '2026-06-04T10:00:00Z', receivedAt: '2026-06-04T11:00:00Z' }));
      expect(early.extensions.errors).toEqual([{ field: 'lodgedAt', message: 'must not be before the sentence' }]);
      await lodge(convicted.id, { against: 'sentence', by: 'prosecution' });
      expect(world.frame.toldTo(world.frame.journey.id)).toEqual(['court.verdict', 'court.sentence', 'appeal.lodged']);
    });

    it('one open appeal per ground; another once it is decided', async () => {
      const convicted = await verdict();
      const first = (await lodge(convicted.id)).body;
      expect(await refusal(() => lodge(convicted.id))).toMatchObject({ code: 'APPEAL_ALREADY_OPEN' });
      await service.decideAppeal(actor(), first.id, 1, { decidedAt: '2026-06-09T10:00:00Z', result: 'dismissed', receivedAt: '2026-06-09T11:00:00Z' }, null);
      expect((await lodge(convicted.id, { lodgedAt: '2026-06-09T12:00:00Z', receivedAt: '2026-06-09T12:30:00Z' })).body.stage).toBe('lodged');
    });

    it('moves lodged → hearing listed → decided, each step once, at a court of the area', async () => {
      const appeal = (await lodge((await verdict()).id)).body;
      const listHearing = (courtId: string, version: number) =>
        service.listAppealHearing(actor(), appeal.id, version, { courtId, listedFor: '2026-07-01T10:00:00Z', receivedAt: '2026-06-09T09:00:00Z' }, null);
      expect(await refusal(() => listHearing(COURT_ELSEWHERE_ID, 1))).toMatchObject({ code: 'COURT_NOT_IN_AREA' });
      expect((await listHearing(COURT_ID, 1)).body).toMatchObject({ stage: 'hearing_listed', hearing: { courtId: COURT_ID, listedAt: new Date('2026-06-09T09:00:00Z') }, version: 2 });
      expect(await refusal(() => listHearing(COURT_ID, 2))).toMatchObject({ code: 'APPEAL_HEARING_ALREADY_LISTED' });

      const decide = (decidedAt: string, version: number) => service.decideAppeal(actor(), appeal.id, version, { decidedAt, result: 'allowed', receivedAt: '2026-06-10T11:00:00Z' }, null);
      const early = await refusal(() => decide('2026-06-07T10:00:00Z', 2));
      expect(early.extensions.errors).toEqual([{ field: 'decidedAt', message: 'must not be before the appeal was lodged' }]);
      expect((await decide('2026-06-10T10:00:00Z', 2)).body).toMatchObject({ stage: 'decided', decision: { result: 'allowed' } });
      expect(await refusal(() => decide('2026-06-10T10:00:00Z', 3))).toMatchObject({ code: 'APPEAL_DECIDED' });
      expect(await refusal(() => listHearing(COURT_ID, 3))).toMatchObject({ code: 'APPEAL_DECIDED' });
      expect(world.frame.toldTo(world.frame.journey.id)).toEqual(['court.verdict', 'appeal.lodged', 'appeal.hearing-listed', 'appeal.decided']);
    });
  });
});
