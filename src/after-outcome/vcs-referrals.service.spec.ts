import { beforeEach, describe, expect, it } from '@jest/globals';
import { afterOutcomeWorld } from '../../test/support/after-outcome-repositories.fake.js';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import type { MakeVcsReferralRequest } from './dto/vcs-referral.dto.js';
import { VcsReferralsService } from './vcs-referrals.service.js';
import { VersionedRowSteps } from './versioned-row-steps.js';

const LONG_VIOLENT = { offenceViolentOrSexual: true, custodialMonths: 24, hospitalOrder: false };
const SHORT_VIOLENT = { offenceViolentOrSexual: true, custodialMonths: 6, hospitalOrder: false };

describe('VcsReferralsService', () => {
  let frame: JourneyFrame;
  let world: ReturnType<typeof afterOutcomeWorld>;
  let service: VcsReferralsService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-09-30T12:00:00Z' });
    world = afterOutcomeWorld(frame);
    world.tables.crimes.push({ id: frame.journey.crimeId, offenceCategory: 'violence' });
    service = new VcsReferralsService(frame.work, frame.ledger, frame.audit, new VersionedRowSteps(frame.ledger, frame.audit), world.vcsReferrals, world.timeline);
  });

  const sentenced = (outcomeId: string, occurredAt: string, sentence: Record<string, unknown>) =>
    world.tables.events.push({ id: `sentence-${world.tables.events.length + 1}`, journeyId: frame.journey.id, type: 'court.sentence', occurredAt: new Date(occurredAt), payload: { outcomeId, ...sentence } });
  const refer = (request: Partial<MakeVcsReferralRequest> = {}) =>
    service.refer(frame.actor, frame.journey.id, undefined, { outcomeId: 'o1', referredAt: '2026-07-10T10:00:00Z', ...request });

  describe('a referral', () => {
    it('refers a victim the sentence makes eligible, as the Code’s referral, entitled as the victim', async () => {
      sentenced('o1', '2026-07-01T10:00:00Z', LONG_VIOLENT);
      const { body, version } = await refer();
      expect(body).toMatchObject({ outcomeId: 'o1', basis: 'eligible_victim', status: 'referred', contactedAt: null, victimChoice: null, version: 1 });
      expect(version).toBe(1);
      expect(world.tables.vcsReferrals[0]!.sentenceEventId).toBe('sentence-1');
      expect(frame.events).toEqual([{ type: 'vcs.referred', occurredAt: new Date('2026-07-10T10:00:00Z'), payload: { outcomeId: 'o1' } }]);
      expect(frame.audits).toEqual([
        { action: 'create', entityType: 'vcs_referral', entityId: body.id, areaId: frame.journey.areaId, details: { journeyId: frame.journey.id, outcomeId: 'o1', basis: 'eligible_victim' } },
      ]);
    });

    it('refers a close relative bereaved by the crime as entitled, a hospital order being enough', async () => {
      world.tables.crimes[0]!.offenceCategory = 'homicide_bereaved';
      sentenced('o1', '2026-07-01T10:00:00Z', { offenceViolentOrSexual: true, custodialMonths: 0, hospitalOrder: true });
      expect((await refer()).body.basis).toBe('bereaved_relative');
    });

    it('refers a victim the sentence does not make eligible only for discretionary contact, owing nobody a duty', async () => {
      sentenced('o1', '2026-07-01T10:00:00Z', SHORT_VIOLENT);
      const refused = await refusal(() => refer());
      expect(refused).toMatchObject({ code: 'VCS_NOT_ELIGIBLE', extensions: { errors: [{ field: 'discretionary', message: 'must be true to refer a victim the sentence does not make eligible' }] } });
      const { body } = await refer({ discretionary: true });
      expect(body.basis).toBe('discretionary');
      expect(frame.events).toEqual([{ type: 'vcs.discretionary-referred', occurredAt: new Date('2026-07-10T10:00:00Z'), payload: { vcsReferralId: body.id, outcomeId: 'o1' } }]);
    });

    it('takes eligibility from the latest sentence recorded for the outcome', async () => {
      sentenced('o1', '2026-07-01T10:00:00Z', SHORT_VIOLENT);
      sentenced('o1', '2026-07-05T10:00:00Z', LONG_VIOLENT);
      const { body } = await refer();
      expect(body.basis).toBe('eligible_victim');
      expect(world.tables.vcsReferrals[0]!.sentenceEventId).toBe('sentence-2');
    });

    it('refuses a referral with no sentence for the outcome on the journey', async () => {
      sentenced('o2', '2026-07-01T10:00:00Z', LONG_VIOLENT);
      expect(await refusal(() => refer())).toMatchObject({
        code: 'SENTENCE_NOT_RECORDED',
        extensions: { errors: [{ field: 'outcomeId', message: 'no sentence with this outcome id is recorded on the journey' }] },
      });
    });

    it('refuses a victim who opted out, a second referral for one sentence, and one before the sentence', async () => {
      sentenced('o1', '2026-07-01T10:00:00Z', LONG_VIOLENT);
      expect((await refusal(() => refer({ referredAt: '2026-06-30T10:00:00Z' }))).extensions.errors).toEqual([{ field: 'referredAt', message: 'must not be before the sentence' }]);
      frame.journey = { ...frame.journey, optedOutOf: ['victim_contact_scheme'] };
      expect(await refusal(() => refer())).toMatchObject({ code: 'VCS_OPTED_OUT' });
      frame.journey = { ...frame.journey, optedOutOf: [] };
      await refer();
      expect(await refusal(() => refer({ discretionary: true }))).toMatchObject({ code: 'VCS_ALREADY_REFERRED' });
      expect(world.tables.vcsReferrals).toHaveLength(1);
    });

    it('is recorded after support closed', async () => {
      sentenced('o1', '2026-07-01T10:00:00Z', LONG_VIOLENT);
      frame.journey = { ...frame.journey, stage: 'closed' };
      expect((await refer()).body.status).toBe('referred');
    });
  });

  describe('probation’s contact', () => {
    const contact = (id: string, contactedAt: string, version = 1, victimChoice?: 'joined' | 'declined') =>
      service.recordContact(frame.actor, frame.journey.id, id, version, { contactedAt, victimChoice });

    it('is recorded once, not before the referral, the victim undecided unless they chose', async () => {
      sentenced('o1', '2026-07-01T10:00:00Z', LONG_VIOLENT);
      const { id } = (await refer()).body;
      expect((await refusal(() => contact(id, '2026-07-09T10:00:00Z'))).extensions.errors).toEqual([{ field: 'contactedAt', message: 'must not be before the referral' }]);
      expect(await contact(id, '2026-07-20T10:00:00Z')).toMatchObject({ status: 'contacted', contactedAt: new Date('2026-07-20T10:00:00Z'), victimChoice: 'undecided', version: 2 });
      expect(await refusal(() => contact(id, '2026-07-21T10:00:00Z', 2, 'joined'))).toMatchObject({ code: 'VCS_ALREADY_CONTACTED' });
      expect(frame.events.at(-1)).toEqual({ type: 'vcs.contacted', occurredAt: new Date('2026-07-20T10:00:00Z'), payload: { outcomeId: 'o1' } });
      expect(frame.audits.at(-1)!.details).toEqual({ journeyId: frame.journey.id, status: 'contacted', victimChoice: 'undecided' });
    });

    it('of a discretionary referral goes on the timeline as a service event', async () => {
      sentenced('o1', '2026-07-01T10:00:00Z', SHORT_VIOLENT);
      const { id } = (await refer({ discretionary: true })).body;
      expect((await contact(id, '2026-07-20T10:00:00Z', 1, 'joined')).victimChoice).toBe('joined');
      expect(frame.events.at(-1)).toEqual({ type: 'vcs.discretionary-contacted', occurredAt: new Date('2026-07-20T10:00:00Z'), payload: { vcsReferralId: id, outcomeId: 'o1' } });
    });

    it('refuses a stale copy, and a referral of another journey', async () => {
      sentenced('o1', '2026-07-01T10:00:00Z', LONG_VIOLENT);
      const { id } = (await refer()).body;
      expect(await refusal(() => contact(id, '2026-07-20T10:00:00Z', 2))).toMatchObject({ code: 'CONFLICT' });
      world.tables.vcsReferrals[0]!.journeyId = '12121212-1212-4121-8121-121212121212';
      expect(await refusal(() => contact(id, '2026-07-20T10:00:00Z'))).toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  it('lists the referrals and each sentence once, as last recorded, with its eligibility and referral', async () => {
    sentenced('o1', '2026-07-01T10:00:00Z', SHORT_VIOLENT);
    sentenced('o2', '2026-07-02T10:00:00Z', SHORT_VIOLENT);
    sentenced('o1', '2026-07-03T10:00:00Z', LONG_VIOLENT);
    const { id } = (await refer()).body;
    const { items, sentences } = await service.list(frame.actor, frame.journey.id);
    expect(items.map((item) => item.id)).toEqual([id]);
    expect(sentences).toEqual([
      { outcomeId: 'o1', eventId: 'sentence-3', sentencedAt: new Date('2026-07-03T10:00:00Z'), ...LONG_VIOLENT, eligible: true, referralId: id },
      { outcomeId: 'o2', eventId: 'sentence-2', sentencedAt: new Date('2026-07-02T10:00:00Z'), ...SHORT_VIOLENT, eligible: false, referralId: null },
    ]);
    expect(frame.reads).toEqual(['vcs_referrals']);
  });
});
