import { beforeEach, describe, expect, it } from '@jest/globals';
import { afterOutcomeWorld } from '../../test/support/after-outcome-repositories.fake.js';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import type { RjResponse } from './after-outcome-vocabulary.js';
import type { MakeRjReferralRequest } from './dto/rj-referral.dto.js';
import { RjReferralsService } from './rj-referrals.service.js';
import { VersionedRowSteps } from './versioned-row-steps.js';

describe('RjReferralsService', () => {
  let frame: JourneyFrame;
  let world: ReturnType<typeof afterOutcomeWorld>;
  let service: RjReferralsService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-09-30T12:00:00Z' });
    world = afterOutcomeWorld(frame);
    service = new RjReferralsService(frame.work, frame.ledger, frame.audit, new VersionedRowSteps(frame.ledger, frame.audit), world.offers, world.rjReferrals);
  });

  const offered = (id: string, offeredAt: string, response: RjResponse) =>
    world.tables.offers.push({
      id,
      areaId: frame.journey.areaId,
      journeyId: frame.journey.id,
      eventId: `event-of-${id}`,
      stage: 'pre_charge',
      offeredAt: new Date(offeredAt),
      offeredBy: 'victim_care_service',
      response,
      answer: response === 'interested' ? 'interested' : 'not_interested',
      createdBy: frame.actor.userId,
    });
  const refer = (request: Partial<MakeRjReferralRequest> = {}) =>
    service.make(frame.actor, frame.journey.id, undefined, {
      consentGiven: true,
      consentRecordedAt: '2026-05-01T10:00:00Z',
      referredAt: '2026-05-02T10:00:00Z',
      ...request,
    });

  describe('a referral to the hub', () => {
    it('refers a victim interested in the latest offer, with consent, pending its outcome', async () => {
      offered('offer-1', '2026-04-01T10:00:00Z', 'interested');
      const { body, version } = await refer({ provider: 'Restorative Solutions' });
      expect(body).toMatchObject({ rjOfferId: 'offer-1', provider: 'Restorative Solutions', outcome: 'pending', outcomeAt: null, version: 1 });
      expect(version).toBe(1);
      expect(frame.events).toEqual([{ type: 'rj.referred', occurredAt: new Date('2026-05-02T10:00:00Z'), payload: { rjReferralId: body.id, rjOfferId: 'offer-1' } }]);
      expect(frame.audits).toEqual([
        { action: 'create', entityType: 'rj_referral', entityId: body.id, areaId: frame.journey.areaId, details: { journeyId: frame.journey.id, rjOfferId: 'offer-1' } },
      ]);
    });

    it('refers only with the victim’s consent, given before the referral', async () => {
      offered('offer-1', '2026-04-01T10:00:00Z', 'interested');
      const refused = await refusal(() => refer({ consentGiven: false }));
      expect(refused).toMatchObject({ code: 'CONSENT_REQUIRED', extensions: { errors: [{ field: 'consentGiven', message: 'consent is required to refer' }] } });
      expect((await refusal(() => refer({ consentRecordedAt: '2026-05-03T10:00:00Z' }))).extensions.errors).toEqual([
        { field: 'consentRecordedAt', message: 'must not be after referredAt: consent comes first' },
      ]);
      expect(world.tables.rjReferrals).toEqual([]);
    });

    it('refers only after an offer, and only when the victim said they were interested in it', async () => {
      expect(await refusal(() => refer())).toMatchObject({ code: 'RJ_NOT_OFFERED' });
      offered('offer-1', '2026-03-01T10:00:00Z', 'interested');
      offered('offer-2', '2026-04-01T10:00:00Z', 'not_now');
      // The latest offer is what the victim says now.
      expect(await refusal(() => refer())).toMatchObject({ code: 'RJ_NOT_INTERESTED' });
      expect((await refer({ rjOfferId: 'offer-1' })).body.rjOfferId).toBe('offer-1');
    });

    it('does not find an offer of another journey', async () => {
      offered('offer-1', '2026-04-01T10:00:00Z', 'interested');
      world.tables.offers[0]!.journeyId = '12121212-1212-4121-8121-121212121212';
      expect(await refusal(() => refer({ rjOfferId: 'offer-1' }))).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('refuses a referral before the offer', async () => {
      offered('offer-1', '2026-05-10T10:00:00Z', 'interested');
      expect((await refusal(() => refer())).extensions.errors).toEqual([{ field: 'referredAt', message: 'must not be before the offer' }]);
    });

    it('refers one at a time: again only once the pending one has its outcome', async () => {
      offered('offer-1', '2026-04-01T10:00:00Z', 'interested');
      const first = (await refer()).body;
      expect(await refusal(() => refer({ referredAt: '2026-05-03T10:00:00Z' }))).toMatchObject({ code: 'RJ_REFERRAL_PENDING' });
      await service.recordOutcome(frame.actor, frame.journey.id, first.id, 1, { outcome: 'offender_declined', outcomeAt: '2026-06-01T10:00:00Z' });
      expect((await refer({ consentRecordedAt: '2026-06-02T10:00:00Z', referredAt: '2026-06-02T10:00:00Z' })).body.outcome).toBe('pending');
    });

    it('is new work with the victim, refused once support has closed', async () => {
      offered('offer-1', '2026-04-01T10:00:00Z', 'interested');
      frame.journey = { ...frame.journey, stage: 'closed' };
      expect(await refusal(() => refer())).toMatchObject({ code: 'JOURNEY_CLOSED' });
    });
  });

  describe('the hub’s outcome', () => {
    let id: string;
    beforeEach(async () => {
      offered('offer-1', '2026-04-01T10:00:00Z', 'interested');
      id = (await refer()).body.id;
    });
    const outcome = (outcomeAt: string, version = 1) =>
      service.recordOutcome(frame.actor, frame.journey.id, id, version, { outcome: 'direct_conference', outcomeAt });

    it('is recorded once, not before the referral', async () => {
      expect((await refusal(() => outcome('2026-05-01T10:00:00Z'))).extensions.errors).toEqual([{ field: 'outcomeAt', message: 'must not be before the referral was made' }]);
      expect(await outcome('2026-07-01T10:00:00Z')).toMatchObject({ outcome: 'direct_conference', outcomeAt: new Date('2026-07-01T10:00:00Z'), version: 2 });
      expect(await refusal(() => outcome('2026-07-02T10:00:00Z', 2))).toMatchObject({ code: 'RJ_OUTCOME_RECORDED' });
      expect(frame.events.at(-1)).toEqual({ type: 'rj.outcome-recorded', occurredAt: new Date('2026-07-01T10:00:00Z'), payload: { rjReferralId: id, outcome: 'direct_conference' } });
      expect(frame.audits.at(-1)!.details).toEqual({ journeyId: frame.journey.id, outcome: 'direct_conference' });
    });

    it('may arrive after support closed', async () => {
      frame.journey = { ...frame.journey, stage: 'closed' };
      expect((await outcome('2026-07-01T10:00:00Z')).outcome).toBe('direct_conference');
    });

    it('refuses a stale copy, and a referral of another journey', async () => {
      expect(await refusal(() => outcome('2026-07-01T10:00:00Z', 2))).toMatchObject({ code: 'CONFLICT' });
      world.tables.rjReferrals[0]!.journeyId = '12121212-1212-4121-8121-121212121212';
      expect(await refusal(() => outcome('2026-07-01T10:00:00Z'))).toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
