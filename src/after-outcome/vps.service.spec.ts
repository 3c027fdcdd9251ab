import { beforeEach, describe, expect, it } from '@jest/globals';
import { afterOutcomeWorld } from '../../test/support/after-outcome-repositories.fake.js';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import { TimelineFacts } from './timeline-facts.js';
import { VpsService } from './vps.service.js';

describe('VpsService', () => {
  let frame: JourneyFrame;
  let service: VpsService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-09-30T12:00:00Z' });
    const world = afterOutcomeWorld(frame);
    service = new VpsService(frame.work, new TimelineFacts(frame.ledger, frame.audit, world.timeline));
  });

  const offer = (offeredAt = '2026-04-20T10:00:00Z') => service.offer(frame.actor, frame.journey.id, undefined, { offeredAt, offeredBy: 'police' });
  const make = (madeAt: string) => service.recordStatement(frame.actor, frame.journey.id, undefined, { madeAt, form: 'written' });
  const read = (readAt: string) => service.recordReading(frame.actor, frame.journey.id, undefined, { readAt, readBy: 'prosecutor' });

  it('records the offer as the Code’s event, naming who offered it, audited by the event’s id', async () => {
    const { body, version } = await offer();
    expect(body).toEqual({ eventId: 'event-1-0', offeredAt: new Date('2026-04-20T10:00:00Z'), offeredBy: 'police', recordedBy: frame.actor.userId });
    expect(version).toBe(frame.journey.version);
    expect(frame.events).toEqual([{ type: 'vps.offered', occurredAt: new Date('2026-04-20T10:00:00Z'), payload: { offeredBy: 'police' } }]);
    expect(frame.audits).toEqual([
      { action: 'create', entityType: 'vps_offer', entityId: 'event-1-0', areaId: frame.journey.areaId, details: { journeyId: frame.journey.id, offeredBy: 'police' } },
    ]);
  });

  it('refuses a statement before any offer, and one made before the first offer', async () => {
    expect(await refusal(() => make('2026-04-22T10:00:00Z'))).toMatchObject({ code: 'VPS_NOT_OFFERED' });
    await offer();
    expect((await refusal(() => make('2026-04-19T10:00:00Z'))).extensions.errors).toEqual([{ field: 'madeAt', message: 'must not be before the statement was offered' }]);
    expect(frame.eventTypes()).toEqual(['vps.offered']);
  });

  it('records the first statement as made and later ones as updates, never before the first', async () => {
    await offer();
    expect((await make('2026-04-22T10:00:00Z')).body).toMatchObject({ kind: 'made', form: 'written' });
    expect((await make('2026-05-01T10:00:00Z')).body.kind).toBe('updated');
    expect((await refusal(() => make('2026-04-21T10:00:00Z'))).extensions.errors).toEqual([{ field: 'madeAt', message: 'must not be before the statement was first made' }]);
    expect(frame.eventTypes()).toEqual(['vps.offered', 'vps.made', 'vps.updated']);
    expect(frame.audits.map((audit) => audit.details)).toEqual([
      { journeyId: frame.journey.id, offeredBy: 'police' },
      { journeyId: frame.journey.id, kind: 'made', form: 'written' },
      { journeyId: frame.journey.id, kind: 'updated', form: 'written' },
    ]);
  });

  it('refuses a reading before any statement, and one before the statement was made', async () => {
    await offer();
    expect(await refusal(() => read('2026-06-02T10:00:00Z'))).toMatchObject({ code: 'VPS_NOT_MADE' });
    await make('2026-04-22T10:00:00Z');
    expect((await refusal(() => read('2026-04-21T10:00:00Z'))).extensions.errors).toEqual([{ field: 'readAt', message: 'must not be before the statement was made' }]);
    expect((await read('2026-06-02T10:00:00Z')).body).toMatchObject({ readBy: 'prosecutor', readAt: new Date('2026-06-02T10:00:00Z') });
  });

  it('refuses an instant in the future', async () => {
    expect((await refusal(() => offer('2026-10-01T10:00:00Z'))).extensions.errors).toEqual([expect.objectContaining({ field: 'offeredAt' })]);
  });

  it('records all of it after support closed: the court’s work goes on', async () => {
    frame.journey = { ...frame.journey, stage: 'closed' };
    await offer();
    await make('2026-04-22T10:00:00Z');
    expect((await read('2026-06-02T10:00:00Z')).body.readBy).toBe('prosecutor');
  });

  it('shows offers, statements and readings as the timeline holds them, oldest first', async () => {
    await offer('2026-04-20T10:00:00Z');
    await make('2026-05-01T10:00:00Z');
    await offer('2026-04-25T10:00:00Z');
    await make('2026-05-10T10:00:00Z');
    await read('2026-06-02T10:00:00Z');
    const vps = await service.get(frame.actor, frame.journey.id);
    expect(vps.offers.map((item) => item.offeredAt)).toEqual([new Date('2026-04-20T10:00:00Z'), new Date('2026-04-25T10:00:00Z')]);
    expect(vps.statements.map((item) => item.kind)).toEqual(['made', 'updated']);
    expect(vps.readings).toEqual([{ eventId: 'event-5-0', readAt: new Date('2026-06-02T10:00:00Z'), readBy: 'prosecutor', recordedBy: frame.actor.userId }]);
    expect(frame.reads).toEqual(['victim_personal_statement']);
  });
});
