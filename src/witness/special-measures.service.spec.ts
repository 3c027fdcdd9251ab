import { beforeEach, describe, expect, it } from '@jest/globals';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import { InMemoryWitnessCare } from '../../test/support/witness-repositories.fake.js';
import { SpecialMeasuresService } from './special-measures.service.js';
import type { SpecialMeasure } from './witness-vocabulary.js';

const HEARING_ID = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

describe('SpecialMeasuresService', () => {
  let frame: JourneyFrame;
  let records: InMemoryWitnessCare;
  let service: SpecialMeasuresService;

  beforeEach(async () => {
    frame = new JourneyFrame({ now: '2026-04-20T12:00:00Z', actor: { roles: ['witness_care_officer'] }, journey: { stage: 'witness_care' } });
    records = new InMemoryWitnessCare(frame);
    records.hearings.push({ id: HEARING_ID, crimeId: frame.journey.crimeId, status: 'listed', listingVersion: 1, listedFor: new Date('2026-05-11T10:00:00Z') });
    await records.openCase(null!, { id: 'case-1', areaId: frame.journey.areaId, journeyId: frame.journey.id, openedAt: new Date('2026-04-10T10:00:00Z'), openedBy: frame.actor.userId, givingEvidence: true, officerId: null });
    service = new SpecialMeasuresService(frame.work, frame.ledger, records, frame.audit);
  });

  const request = (measure: SpecialMeasure = 'screens', hearingId?: string) =>
    service.request(frame.actor, frame.journey.id, undefined, { measure, requestedAt: '2026-04-14T10:00:00Z', hearingId });

  describe('a request', () => {
    it('is one live request per measure; a refused measure may be asked for again', async () => {
      const first = await request();
      expect(first).toMatchObject({ status: 'requested', hearingId: null, version: 1 });
      expect(await refusal(() => request())).toMatchObject({ code: 'SPECIAL_MEASURE_ALREADY_REQUESTED' });
      await service.appliedFor(frame.actor, frame.journey.id, first.id, 1, '2026-04-15T10:00:00Z');
      await service.refused(frame.actor, frame.journey.id, first.id, 2, { at: '2026-04-16T10:00:00Z', reason: 'not_eligible' });
      expect(await request()).toMatchObject({ status: 'requested' });
    });

    it('names a hearing of the journey’s crime only, and needs the case open', async () => {
      expect(await request('live_link', HEARING_ID)).toMatchObject({ hearingId: HEARING_ID });
      expect(await refusal(() => request('screens', 'cccccccc-cccc-4ccc-8ccc-cccccccccccc'))).toMatchObject({ code: 'HEARING_NOT_ON_CRIME' });
      records.caseRows.length = 0;
      expect(await refusal(() => request('intermediary'))).toMatchObject({ code: 'WITNESS_CARE_NOT_OPEN' });
    });
  });

  describe('its steps: requested, applied for, then granted or refused', () => {
    it('moves one step at a time, each on the timeline', async () => {
      const { id } = await request();
      expect(await refusal(() => service.granted(frame.actor, frame.journey.id, id, 1, '2026-04-15T10:00:00Z'))).toMatchObject({
        code: 'SPECIAL_MEASURE_TRANSITION_NOT_ALLOWED',
        extensions: { from: 'requested', to: 'granted' },
      });
      expect(await service.appliedFor(frame.actor, frame.journey.id, id, 1, '2026-04-15T10:00:00Z')).toMatchObject({ status: 'applied_for', version: 2 });
      expect(await service.granted(frame.actor, frame.journey.id, id, 2, '2026-04-16T10:00:00Z')).toMatchObject({ status: 'granted', refusalReason: null, version: 3 });
      expect(await refusal(() => service.refused(frame.actor, frame.journey.id, id, 3, { at: '2026-04-17T10:00:00Z', reason: 'other' }))).toMatchObject({
        code: 'SPECIAL_MEASURE_TRANSITION_NOT_ALLOWED',
        extensions: { from: 'granted', to: 'refused' },
      });
      expect(frame.events.map((event) => [event.type, event.payload])).toEqual([
        ['special-measure.requested', { specialMeasureId: id, measure: 'screens', hearingId: null }],
        ['special-measure.applied-for', { specialMeasureId: id, measure: 'screens' }],
        ['special-measure.decided', { specialMeasureId: id, measure: 'screens', decision: 'granted' }],
      ]);
    });

    it('keeps the court’s reason for a refusal', async () => {
      const { id } = await request();
      await service.appliedFor(frame.actor, frame.journey.id, id, 1, '2026-04-15T10:00:00Z');
      expect(await service.refused(frame.actor, frame.journey.id, id, 2, { at: '2026-04-16T10:00:00Z', reason: 'facilities_unavailable' })).toMatchObject({
        status: 'refused',
        refusalReason: 'facilities_unavailable',
      });
      expect(frame.audits.slice(-1)[0]!.details).toEqual({ journeyId: frame.journey.id, from: 'applied_for', status: 'refused', reason: 'facilities_unavailable' });
    });

    it('checks the version before the state: a stale copy is a 409 even when its step looks wrong', async () => {
      const { id } = await request();
      await service.appliedFor(frame.actor, frame.journey.id, id, 1, '2026-04-15T10:00:00Z');
      expect(await refusal(() => service.appliedFor(frame.actor, frame.journey.id, id, 1, '2026-04-15T11:00:00Z'))).toMatchObject({ code: 'CONFLICT' });
    });

    it('refuses a step dated before the one before it, or to come, and another journey’s measure', async () => {
      const { id } = await request();
      expect((await refusal(() => service.appliedFor(frame.actor, frame.journey.id, id, 1, '2026-04-13T10:00:00Z'))).extensions.errors).toEqual([
        { field: 'at', message: 'must not be before the measure was requested' },
      ]);
      await service.appliedFor(frame.actor, frame.journey.id, id, 1, '2026-04-15T10:00:00Z');
      expect((await refusal(() => service.granted(frame.actor, frame.journey.id, id, 2, '2026-04-14T10:00:00Z'))).extensions.errors).toEqual([
        { field: 'at', message: 'must not be before the measure was applied for' },
      ]);
      expect((await refusal(() => service.granted(frame.actor, frame.journey.id, id, 2, '2026-04-21T12:00:00Z'))).extensions.errors).toEqual([
        { field: 'at', message: 'must not be in the future' },
      ]);
      expect(await refusal(() => service.granted(frame.actor, frame.journey.id, 'dddddddd-dddd-4ddd-8ddd-dddddddddddd', 2, '2026-04-16T10:00:00Z'))).toMatchObject({
        code: 'NOT_FOUND',
      });
    });
  });

  it('works on a closed journey: the right to witness care does not end with support', async () => {
    frame.journey = { ...frame.journey, stage: 'closed' };
    expect(await request()).toMatchObject({ status: 'requested' });
  });
});
