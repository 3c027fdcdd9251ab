import { beforeEach, describe, expect, it } from '@jest/globals';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import { InMemoryOnwardReferrals } from '../../test/support/support-repositories.fake.js';
import type { MakeOnwardReferralRequest } from './dto/onward-referral.dto.js';
import { OnwardReferralsService } from './onward-referrals.service.js';

describe('OnwardReferralsService', () => {
  let frame: JourneyFrame;
  let referrals: InMemoryOnwardReferrals;
  let service: OnwardReferralsService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-03-20T12:00:00Z', journey: { stage: 'in_support' } });
    referrals = new InMemoryOnwardReferrals(frame.table());
    service = new OnwardReferralsService(frame.work, frame.ledger, frame.audit, referrals);
  });

  const make = (overrides: Partial<MakeOnwardReferralRequest> = {}) =>
    service.make(frame.actor, frame.journey.id, undefined, {
      service: 'isva',
      provider: 'Harbour ISVA service',
      consentGiven: true,
      consentRecordedAt: '2026-03-10T09:00:00Z',
      referredAt: '2026-03-10T10:00:00Z',
      ...overrides,
    });

  describe('making a referral', () => {
    it('refuses instants to come and consent recorded after the referral, naming each', async () => {
      expect((await refusal(() => make({ referredAt: '2026-03-21T12:00:00Z', consentRecordedAt: '2026-03-21T13:00:00Z' }))).extensions.errors).toEqual([
        { field: 'referredAt', message: 'must not be in the future' },
        { field: 'consentRecordedAt', message: 'must not be in the future' },
        { field: 'consentRecordedAt', message: 'must not be after referredAt: consent comes first' },
      ]);
    });

    it('refuses without the victim’s consent', async () => {
      expect(await refusal(() => make({ consentGiven: false }))).toMatchObject({
        code: 'CONSENT_REQUIRED',
        extensions: { errors: [{ field: 'consentGiven', message: 'consent is required to refer' }] },
      });
      expect(referrals.rows).toEqual([]);
    });

    it('records it pending, with its own version, on the timeline at the referral', async () => {
      const answer = await make();
      expect(answer.body).toMatchObject({ service: 'isva', outcome: 'pending', outcomeAt: null, version: 1 });
      expect(frame.events).toEqual([
        { type: 'onward-referral.made', occurredAt: new Date('2026-03-10T10:00:00Z'), payload: { onwardReferralId: answer.body.id, service: 'isva' } },
      ]);
    });
  });

  describe('recording the service’s answer', () => {
    it('moves the referral on, and tells the timeline', async () => {
      const { body } = await make();
      const answered = await service.recordOutcome(frame.actor, frame.journey.id, body.id, 1, { outcome: 'accepted', outcomeAt: '2026-03-12T10:00:00Z' });
      expect(answered).toMatchObject({ outcome: 'accepted', outcomeAt: new Date('2026-03-12T10:00:00Z'), version: 2 });
      expect(frame.events[1]).toEqual({
        type: 'onward-referral.outcome-recorded',
        occurredAt: new Date('2026-03-12T10:00:00Z'),
        payload: { onwardReferralId: body.id, service: 'isva', outcome: 'accepted' },
      });
    });

    it('refuses an answer before the referral, or to come, a stale version and another journey’s referral', async () => {
      const { body } = await make();
      expect((await refusal(() => service.recordOutcome(frame.actor, frame.journey.id, body.id, 1, { outcome: 'accepted', outcomeAt: '2026-03-09T10:00:00Z' }))).extensions.errors).toEqual([
        { field: 'outcomeAt', message: 'must not be before the referral was made' },
      ]);
      expect((await refusal(() => service.recordOutcome(frame.actor, frame.journey.id, body.id, 1, { outcome: 'accepted', outcomeAt: '2026-03-21T10:00:00Z' }))).extensions.errors).toEqual([
        { field: 'outcomeAt', message: 'must not be in the future' },
      ]);
      expect(await refusal(() => service.recordOutcome(frame.actor, frame.journey.id, body.id, 3, { outcome: 'accepted', outcomeAt: '2026-03-12T10:00:00Z' }))).toMatchObject({
        code: 'CONFLICT',
      });
      referrals.rows[0]!.journeyId = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';
      expect(await refusal(() => service.recordOutcome(frame.actor, frame.journey.id, body.id, 1, { outcome: 'accepted', outcomeAt: '2026-03-12T10:00:00Z' }))).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(frame.events).toHaveLength(1);
    });
  });

  it('lists the referrals as an audited read', async () => {
    await make();
    expect((await service.list(frame.actor, frame.journey.id)).items).toHaveLength(1);
    expect(frame.reads).toEqual(['onward_referrals']);
  });
});
