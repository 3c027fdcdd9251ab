import { beforeEach, describe, expect, it } from '@jest/globals';
import { afterOutcomeWorld } from '../../test/support/after-outcome-repositories.fake.js';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import { ComplaintsService } from './complaints.service.js';
import { VersionedRowSteps } from './versioned-row-steps.js';

describe('ComplaintsService', () => {
  let frame: JourneyFrame;
  let world: ReturnType<typeof afterOutcomeWorld>;
  let service: ComplaintsService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-06-30T12:00:00Z' });
    world = afterOutcomeWorld(frame);
    service = new ComplaintsService(frame.work, frame.ledger, frame.audit, new VersionedRowSteps(frame.ledger, frame.audit), world.complaints);
  });

  const receive = (receivedAt = '2026-06-01T10:00:00Z') =>
    service.record(frame.actor, frame.journey.id, undefined, { against: 'police', receivedAt, rightsConcerned: [4, 7], summary: 'Nobody called me back' });

  describe('receiving', () => {
    it('opens the complaint as received, on the timeline and in the audit without its summary', async () => {
      const { body, version } = await receive();
      expect(body).toMatchObject({ against: 'police', status: 'received', rightsConcerned: [4, 7], summary: 'Nobody called me back', version: 1 });
      expect(version).toBe(1);
      expect(frame.events).toEqual([
        { type: 'complaint.received', occurredAt: new Date('2026-06-01T10:00:00Z'), receivedAt: new Date('2026-06-01T10:00:00Z'), payload: { complaintId: body.id, against: 'police' } },
      ]);
      expect(frame.audits).toEqual([
        { action: 'create', entityType: 'complaint', entityId: body.id, areaId: frame.journey.areaId, details: { journeyId: frame.journey.id, against: 'police', rightsConcerned: [4, 7] } },
      ]);
    });

    it('shows the acknowledgement and response deadlines of the duties it opened', async () => {
      const { body } = await receive();
      world.tables.deadlines.push(
        { journeyId: frame.journey.id, key: `complaint.acknowledge|complaint:${body.id}`, dueAt: new Date('2026-06-15T23:59:59Z') },
        { journeyId: frame.journey.id, key: `complaint.respond|complaint:${body.id}`, dueAt: new Date('2026-06-29T23:59:59Z') },
      );
      const { items } = await service.list(frame.actor, frame.journey.id);
      expect(items).toEqual([expect.objectContaining({ id: body.id, acknowledgeBy: new Date('2026-06-15T23:59:59Z'), respondBy: new Date('2026-06-29T23:59:59Z') })]);
      expect(frame.reads).toEqual(['complaints']);
    });

    it('refuses one received in the future, writing nothing', async () => {
      const error = await refusal(() => receive('2026-07-01T10:00:00Z'));
      expect(error.extensions.errors).toEqual([expect.objectContaining({ field: 'receivedAt' })]);
      expect(world.tables.complaints).toEqual([]);
    });

    it('takes a complaint after support closed', async () => {
      frame.journey = { ...frame.journey, stage: 'closed' };
      expect((await receive()).body.status).toBe('received');
    });
  });

  describe('the organisation’s process', () => {
    let id: string;
    beforeEach(async () => {
      id = (await receive()).body.id;
    });
    const acknowledge = (acknowledgedAt: string, version = 1) => service.acknowledge(frame.actor, frame.journey.id, id, version, { acknowledgedAt });
    const respond = (respondedAt: string, version: number) => service.respond(frame.actor, frame.journey.id, id, version, { respondedAt, finding: 'partly_upheld' });
    const escalate = (escalatedAt: string, version: number, to: 'next_stage' | 'ombudsman' = 'next_stage') =>
      service.escalate(frame.actor, frame.journey.id, id, version, { escalatedAt, to });
    const respondBy = (dueAt: string) => world.tables.deadlines.push({ journeyId: frame.journey.id, key: `complaint.respond|complaint:${id}`, dueAt: new Date(dueAt) });

    it('acknowledges once, not before the complaint was received', async () => {
      expect((await refusal(() => acknowledge('2026-05-31T10:00:00Z'))).extensions.errors).toEqual([{ field: 'acknowledgedAt', message: 'must not be before the complaint was received' }]);
      expect(await acknowledge('2026-06-03T10:00:00Z')).toMatchObject({ status: 'acknowledged', acknowledgedAt: new Date('2026-06-03T10:00:00Z'), version: 2 });
      expect(await refusal(() => acknowledge('2026-06-04T10:00:00Z', 2))).toMatchObject({ code: 'COMPLAINT_ALREADY_ACKNOWLEDGED' });
      expect(frame.eventTypes()).toEqual(['complaint.received', 'complaint.acknowledged']);
      expect(frame.audits.at(-1)).toEqual({ action: 'update', entityType: 'complaint', entityId: id, areaId: frame.journey.areaId, details: { journeyId: frame.journey.id, status: 'acknowledged' } });
    });

    it('takes a response without an acknowledgement, not before the complaint was received', async () => {
      expect((await refusal(() => respond('2026-05-31T10:00:00Z', 1))).extensions.errors).toEqual([{ field: 'respondedAt', message: 'must not be before the complaint was received' }]);
      expect(await respond('2026-06-10T10:00:00Z', 1)).toMatchObject({ status: 'responded', finding: 'partly_upheld', acknowledgedAt: null });
    });

    it('takes a response after the acknowledgement, not before it, and only once', async () => {
      await acknowledge('2026-06-05T10:00:00Z');
      expect((await refusal(() => respond('2026-06-04T10:00:00Z', 2))).extensions.errors).toEqual([{ field: 'respondedAt', message: 'must not be before the complaint was acknowledged' }]);
      await respond('2026-06-10T10:00:00Z', 2);
      expect(await refusal(() => respond('2026-06-11T10:00:00Z', 3))).toMatchObject({ code: 'COMPLAINT_ALREADY_RESPONDED' });
      expect(frame.audits.at(-1)!.details).toEqual({ journeyId: frame.journey.id, status: 'responded', finding: 'partly_upheld' });
    });

    it('escalates before an answer only once the response is overdue', async () => {
      expect(await refusal(() => escalate('2026-06-20T10:00:00Z', 1))).toMatchObject({ code: 'COMPLAINT_NOT_RESPONDED' });
      respondBy('2026-06-25T23:59:59Z');
      expect(await refusal(() => escalate('2026-06-20T10:00:00Z', 1))).toMatchObject({ code: 'COMPLAINT_NOT_RESPONDED' });
      expect(await escalate('2026-06-26T10:00:00Z', 1)).toMatchObject({ status: 'escalated', escalatedTo: 'next_stage', respondedAt: null });
      expect(frame.events.at(-1)).toEqual({ type: 'complaint.escalated', occurredAt: new Date('2026-06-26T10:00:00Z'), payload: { complaintId: id, to: 'next_stage' } });
    });

    it('keeps a complaint escalated when the late response comes', async () => {
      respondBy('2026-06-25T23:59:59Z');
      await escalate('2026-06-26T10:00:00Z', 1);
      expect(await respond('2026-06-28T10:00:00Z', 2)).toMatchObject({ status: 'escalated', respondedAt: new Date('2026-06-28T10:00:00Z'), finding: 'partly_upheld' });
    });

    it('escalates after the response, in order, to the next stage and then to the Ombudsman, which is the last', async () => {
      await respond('2026-06-10T10:00:00Z', 1);
      expect((await refusal(() => escalate('2026-06-09T10:00:00Z', 2))).extensions.errors).toEqual([{ field: 'escalatedAt', message: 'must not be before the complaint’s last step' }]);
      await escalate('2026-06-12T10:00:00Z', 2);
      expect((await refusal(() => escalate('2026-06-11T10:00:00Z', 3, 'ombudsman'))).extensions.errors).toEqual([{ field: 'escalatedAt', message: 'must not be before the complaint’s last step' }]);
      expect(await escalate('2026-06-20T10:00:00Z', 3, 'ombudsman')).toMatchObject({ escalatedTo: 'ombudsman', escalatedAt: new Date('2026-06-20T10:00:00Z'), version: 4 });
      expect(await refusal(() => escalate('2026-06-21T10:00:00Z', 4))).toMatchObject({ code: 'COMPLAINT_AT_OMBUDSMAN' });
    });

    it('refuses a step in the future', async () => {
      const error = await refusal(() => acknowledge('2026-07-01T10:00:00Z'));
      expect(error.extensions.errors).toEqual([expect.objectContaining({ field: 'acknowledgedAt' })]);
    });

    it('checks the copy’s version before the rules, and finds only the journey’s own complaint', async () => {
      await acknowledge('2026-06-03T10:00:00Z');
      // Acknowledging again is against the rules, but the stale copy is what the client must hear of.
      expect(await refusal(() => acknowledge('2026-06-04T10:00:00Z', 1))).toMatchObject({ code: 'CONFLICT' });
      world.tables.complaints[0]!.journeyId = '12121212-1212-4121-8121-121212121212';
      expect(await refusal(() => respond('2026-06-10T10:00:00Z', 2))).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('takes each step after support closed', async () => {
      frame.journey = { ...frame.journey, stage: 'closed' };
      expect((await acknowledge('2026-06-03T10:00:00Z')).status).toBe('acknowledged');
    });
  });
});
