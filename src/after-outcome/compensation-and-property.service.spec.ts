import { beforeEach, describe, expect, it } from '@jest/globals';
import { afterOutcomeWorld } from '../../test/support/after-outcome-repositories.fake.js';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import { CompensationAndPropertyService } from './compensation-and-property.service.js';
import { TimelineFacts } from './timeline-facts.js';

describe('CompensationAndPropertyService', () => {
  let frame: JourneyFrame;
  let service: CompensationAndPropertyService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-09-30T12:00:00Z' });
    const world = afterOutcomeWorld(frame);
    service = new CompensationAndPropertyService(frame.work, new TimelineFacts(frame.ledger, frame.audit, world.timeline));
  });

  it('records compensation information as told, on the timeline, owing no duty, and lists it', async () => {
    const { body } = await service.recordCompensationInformation(frame.actor, frame.journey.id, undefined, {
      givenAt: '2026-07-01T10:00:00Z',
      givenBy: 'victim_care_service',
      channel: 'phone',
      routes: ['cica', 'court_order'],
    });
    expect(body).toEqual({ eventId: 'event-1-0', givenAt: new Date('2026-07-01T10:00:00Z'), givenBy: 'victim_care_service', channel: 'phone', routes: ['cica', 'court_order'], recordedBy: frame.actor.userId });
    expect(frame.events).toEqual([
      { type: 'compensation.information-given', occurredAt: new Date('2026-07-01T10:00:00Z'), payload: { givenBy: 'victim_care_service', channel: 'phone', routes: ['cica', 'court_order'] } },
    ]);
    expect(frame.audits[0]).toMatchObject({ action: 'create', entityType: 'compensation_information', entityId: 'event-1-0' });
    expect((await service.compensationInformation(frame.actor, frame.journey.id)).items).toEqual([body]);
  });

  it('records property given back, by whom and how, after support closed too, and lists it', async () => {
    frame.journey = { ...frame.journey, stage: 'closed' };
    const { body } = await service.recordPropertyReturn(frame.actor, frame.journey.id, undefined, { returnedAt: '2026-07-02T10:00:00Z', returnedBy: 'police', method: 'collected' });
    expect(body).toMatchObject({ returnedBy: 'police', method: 'collected' });
    expect(frame.eventTypes()).toEqual(['property.returned']);
    expect((await service.propertyReturns(frame.actor, frame.journey.id)).items).toEqual([body]);
    expect(frame.reads).toEqual(['property_returns']);
  });

  it('refuses an instant in the future, writing nothing', async () => {
    const error = await refusal(() => service.recordPropertyReturn(frame.actor, frame.journey.id, undefined, { returnedAt: '2026-10-01T10:00:00Z', returnedBy: 'police', method: 'posted' }));
    expect(error.extensions.errors).toEqual([expect.objectContaining({ field: 'returnedAt' })]);
    expect(frame.events).toEqual([]);
  });
});
