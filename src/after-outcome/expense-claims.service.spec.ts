import { beforeEach, describe, expect, it } from '@jest/globals';
import { afterOutcomeWorld } from '../../test/support/after-outcome-repositories.fake.js';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import type { DecideExpenseClaimRequest } from './dto/expense-claim.dto.js';
import { ExpenseClaimsService } from './expense-claims.service.js';
import { VersionedRowSteps } from './versioned-row-steps.js';

describe('ExpenseClaimsService', () => {
  let frame: JourneyFrame;
  let world: ReturnType<typeof afterOutcomeWorld>;
  let service: ExpenseClaimsService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-06-30T12:00:00Z' });
    world = afterOutcomeWorld(frame);
    service = new ExpenseClaimsService(frame.work, frame.ledger, frame.audit, new VersionedRowSteps(frame.ledger, frame.audit), world.claims);
  });

  const receive = (receivedAt = '2026-06-01T10:00:00Z') => service.record(frame.actor, frame.journey.id, undefined, { receivedAt, amountClaimedPence: 4250 });

  it('receives a claim, on the timeline, with the CPS’s deadline from its duty', async () => {
    const { body, version } = await receive();
    expect(body).toMatchObject({ status: 'received', amountClaimedPence: 4250, decideBy: null, version: 1 });
    expect(version).toBe(1);
    expect(frame.events).toEqual([{ type: 'expenses.claim-received', occurredAt: new Date('2026-06-01T10:00:00Z'), receivedAt: new Date('2026-06-01T10:00:00Z'), payload: { claimId: body.id } }]);
    world.tables.deadlines.push({ journeyId: frame.journey.id, key: `cps.pay-expenses|expense_claim:${body.id}`, dueAt: new Date('2026-06-15T23:59:59Z') });
    expect((await service.list(frame.actor, frame.journey.id)).items).toEqual([expect.objectContaining({ id: body.id, decideBy: new Date('2026-06-15T23:59:59Z') })]);
  });

  it('lists the newest claim first', async () => {
    const older = (await receive('2026-06-01T10:00:00Z')).body.id;
    const newer = (await receive('2026-06-08T10:00:00Z')).body.id;
    expect((await service.list(frame.actor, frame.journey.id)).items.map((claim) => claim.id)).toEqual([newer, older]);
  });

  it('takes a claim after support closed', async () => {
    frame.journey = { ...frame.journey, stage: 'closed' };
    expect((await receive()).body.status).toBe('received');
  });

  describe('the CPS’s decision', () => {
    let id: string;
    beforeEach(async () => {
      id = (await receive()).body.id;
    });
    const decide = (request: Partial<DecideExpenseClaimRequest>, version = 1) =>
      service.decide(frame.actor, frame.journey.id, id, version, { decision: 'paid', decidedAt: '2026-06-10T10:00:00Z', ...request });

    it('pays a claim with the amount paid, meeting the duty through its event', async () => {
      expect(await decide({ amountPaidPence: 4000 })).toMatchObject({ status: 'paid', amountPaidPence: 4000, refusalReason: null, decidedAt: new Date('2026-06-10T10:00:00Z'), version: 2 });
      expect(frame.events.at(-1)).toEqual({ type: 'expenses.claim-decided', occurredAt: new Date('2026-06-10T10:00:00Z'), payload: { claimId: id, decision: 'paid' } });
      expect(frame.audits.at(-1)).toEqual({ action: 'update', entityType: 'expense_claim', entityId: id, areaId: frame.journey.areaId, details: { journeyId: frame.journey.id, decision: 'paid' } });
    });

    it('refuses a claim with its reason and no amount', async () => {
      expect(await decide({ decision: 'refused', refusalReason: 'out_of_time' })).toMatchObject({ status: 'refused', amountPaidPence: null, refusalReason: 'out_of_time' });
    });

    it('names every field that does not fit the decision', async () => {
      expect((await refusal(() => decide({}))).extensions.errors).toEqual([{ field: 'amountPaidPence', message: 'is required when the claim is paid' }]);
      expect((await refusal(() => decide({ amountPaidPence: 4000, refusalReason: 'other' }))).extensions.errors).toEqual([
        { field: 'refusalReason', message: 'is given only when the claim is refused' },
      ]);
      expect((await refusal(() => decide({ decision: 'refused', amountPaidPence: 4000 }))).extensions.errors).toEqual([
        { field: 'amountPaidPence', message: 'is given only when the claim is paid' },
        { field: 'refusalReason', message: 'is required when the claim is refused' },
      ]);
      expect((await refusal(() => decide({ decidedAt: '2026-07-01T10:00:00Z', amountPaidPence: 4000 }))).extensions.errors).toEqual([expect.objectContaining({ field: 'decidedAt' })]);
      expect(world.tables.claims[0]).toMatchObject({ status: 'received', version: 1 });
    });

    it('decides a claim once, not before it was received', async () => {
      expect((await refusal(() => decide({ decidedAt: '2026-05-31T10:00:00Z', amountPaidPence: 4000 }))).extensions.errors).toEqual([
        { field: 'decidedAt', message: 'must not be before the claim was received' },
      ]);
      await decide({ amountPaidPence: 4000 });
      expect(await refusal(() => decide({ decision: 'refused', refusalReason: 'other' }, 2))).toMatchObject({ code: 'EXPENSE_CLAIM_DECIDED' });
      expect(frame.eventTypes()).toEqual(['expenses.claim-received', 'expenses.claim-decided']);
    });

    it('refuses a stale copy before the rules, and a claim of another journey', async () => {
      await decide({ amountPaidPence: 4000 });
      expect(await refusal(() => decide({ amountPaidPence: 4000 }, 1))).toMatchObject({ code: 'CONFLICT' });
      world.tables.claims[0]!.journeyId = '12121212-1212-4121-8121-121212121212';
      expect(await refusal(() => decide({ amountPaidPence: 4000 }, 2))).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('decides after support closed', async () => {
      frame.journey = { ...frame.journey, stage: 'closed' };
      expect((await decide({ amountPaidPence: 4000 })).status).toBe('paid');
    });
  });
});
