import { beforeEach, describe, expect, it } from '@jest/globals';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import { InMemorySupportPlan } from '../../test/support/support-repositories.fake.js';
import type { AddSupportActionRequest, UpdateSupportActionRequest } from './dto/support-action.dto.js';
import { SupportPlanService } from './support-plan.service.js';

const WORKER_ID = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const AGENCY_ID = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const STRANGER_ID = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

describe('SupportPlanService', () => {
  let frame: JourneyFrame;
  let plan: InMemorySupportPlan;
  let service: SupportPlanService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-03-20T12:00:00Z', journey: { stage: 'in_support' } });
    plan = new InMemorySupportPlan(frame.table(), new Set([WORKER_ID]), new Set([AGENCY_ID]));
    service = new SupportPlanService(frame.work, frame.ledger, frame.audit, plan);
  });

  const add = (overrides: Partial<AddSupportActionRequest> = {}) =>
    service.add(frame.actor, frame.journey.id, undefined, { description: 'Arrange a lock change', ownerUserId: WORKER_ID, dueOn: '2026-03-27', ...overrides });
  const update = (actionId: string, version: number, request: UpdateSupportActionRequest) => service.update(frame.actor, frame.journey.id, actionId, version, request);

  describe('adding an action', () => {
    it('needs an owner: a worker, an agency or both', async () => {
      expect((await refusal(() => add({ ownerUserId: undefined }))).extensions.errors).toEqual([
        { field: 'ownerUserId', message: 'give ownerUserId or ownerOrganisationId (or both)' },
      ]);
      await add({ ownerUserId: undefined, ownerOrganisationId: AGENCY_ID });
      await add({ ownerOrganisationId: AGENCY_ID });
      expect(plan.rows.map((row) => [row.ownerUserId, row.ownerOrganisationId])).toEqual([
        [null, AGENCY_ID],
        [WORKER_ID, AGENCY_ID],
      ]);
    });

    it('refuses owners that are not real, naming each', async () => {
      expect((await refusal(() => add({ ownerUserId: STRANGER_ID, ownerOrganisationId: STRANGER_ID }))).extensions.errors).toEqual([
        { field: 'ownerUserId', message: "is not an active worker on journeys in the journey's area" },
        { field: 'ownerOrganisationId', message: 'is not a known organisation' },
      ]);
      expect(plan.rows).toEqual([]);
    });

    it('answers the action with its own version (its ETag), and records it open on the timeline', async () => {
      const answer = await add();
      expect(answer.body).toMatchObject({ status: 'open', version: 1, journeyId: frame.journey.id });
      expect(frame.events).toEqual([{ type: 'support-plan.action-added', occurredAt: frame.clock.now(), payload: { actionId: answer.body.id, status: 'open' } }]);
      expect(answer.version).toBe(2);
    });

    it('is refused on a closed journey', async () => {
      frame.journey = { ...frame.journey, stage: 'closed' };
      expect(await refusal(() => add())).toMatchObject({ code: 'JOURNEY_CLOSED' });
    });
  });

  describe('changing an action', () => {
    it('needs something to change, and an owner when the owner changes', async () => {
      const { body } = await add();
      expect((await refusal(() => update(body.id, 1, {}))).extensions.errors).toEqual([{ field: 'status', message: 'send at least one of description, dueOn, owner, status' }]);
      expect((await refusal(() => update(body.id, 1, { owner: {} }))).extensions.errors).toEqual([{ field: 'owner', message: 'give userId or organisationId (or both)' }]);
      expect((await refusal(() => update(body.id, 1, { owner: { organisationId: STRANGER_ID } }))).extensions.errors).toEqual([
        { field: 'owner.organisationId', message: 'is not a known organisation' },
      ]);
    });

    it('replaces both owners, and moves the version on', async () => {
      const { body } = await add();
      const changed = await update(body.id, 1, { owner: { organisationId: AGENCY_ID }, dueOn: '2026-04-03' });
      expect(changed).toMatchObject({ ownerUserId: null, ownerOrganisationId: AGENCY_ID, dueOn: '2026-04-03', status: 'open', version: 2 });
      expect(frame.events[1]!.payload).toEqual({ actionId: body.id, status: 'open', changed: ['dueOn', 'owner'] });
    });

    it('records when it was done; a cancelled action has no completion', async () => {
      const done = await update((await add()).body.id, 1, { status: 'done' });
      expect(done).toMatchObject({ status: 'done', completedAt: frame.clock.now() });
      const cancelled = await update((await add()).body.id, 1, { status: 'cancelled' });
      expect(cancelled).toMatchObject({ status: 'cancelled', completedAt: null });
    });

    it('refuses a finished action, an action of another journey and a stale version', async () => {
      const { body } = await add();
      expect(await refusal(() => update(body.id, 2, { description: 'Lock changed' }))).toMatchObject({ code: 'CONFLICT' });
      await update(body.id, 1, { status: 'done' });
      expect(await refusal(() => update(body.id, 2, { description: 'Lock changed' }))).toMatchObject({ code: 'SUPPORT_ACTION_FINISHED' });
      expect(await refusal(() => update('dddddddd-dddd-4ddd-8ddd-dddddddddddd', 1, { status: 'done' }))).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('audits the fields changed, never their values', async () => {
      const { body } = await add();
      await update(body.id, 1, { description: 'Lock changed by the landlord' });
      expect(frame.audits[1]).toEqual({
        action: 'update',
        entityType: 'support_action',
        entityId: body.id,
        areaId: frame.journey.areaId,
        details: { journeyId: frame.journey.id, fields: ['description'], status: 'open' },
      });
    });
  });

  it('lists the plan as an audited read', async () => {
    await add();
    expect((await service.list(frame.actor, frame.journey.id)).items).toHaveLength(1);
    expect(frame.reads).toEqual(['support_actions']);
  });
});
