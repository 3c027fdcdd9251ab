import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Duty as EngineDuty } from '../../libs/victims-code/src/index.js';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import { InMemoryWitnessCare } from '../../test/support/witness-repositories.fake.js';
import type { JourneyStage } from '../journeys/journey-vocabulary.js';
import type { RecordWitnessNeedsRequest } from './dto/witness-care.dto.js';
import { WitnessCareService } from './witness-care.service.js';
import { WITNESS_NEED_AREAS } from './witness-vocabulary.js';

const OFFICER_ID = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const HEARING_ID = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const EVERY_NEED: RecordWitnessNeedsRequest['needs'] = WITNESS_NEED_AREAS.map((area) => ({ area, needed: false }));

describe('WitnessCareService', () => {
  let frame: JourneyFrame;
  let records: InMemoryWitnessCare;
  let service: WitnessCareService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-04-20T12:00:00Z', actor: { roles: ['witness_care_officer'] }, journey: { stage: 'in_support' } });
    records = new InMemoryWitnessCare(frame);
    records.chargedJourneys.add(frame.journey.id);
    records.officers.set(OFFICER_ID, [frame.journey.areaId]);
    records.hearings.push({ id: HEARING_ID, crimeId: frame.journey.crimeId, status: 'listed', listingVersion: 1, listedFor: new Date('2026-05-11T10:00:00Z') });
    service = new WitnessCareService(frame.work, frame.ledger, records, frame.audit);
  });

  const open = (overrides: Partial<{ openedAt: string; givingEvidence: boolean | 'unknown'; officerId: string }> = {}) =>
    service.open(frame.actor, frame.journey.id, undefined, { openedAt: '2026-04-14T10:00:00Z', givingEvidence: true, ...overrides });

  describe('opening the case', () => {
    it('refuses before charge: no charge decision and no hearing on the crime', async () => {
      records.chargedJourneys.clear();
      records.hearings.length = 0;
      expect(await refusal(() => open())).toMatchObject({ code: 'NOT_CHARGED' });
    });

    it('opens on a hearing listed on the crime, without a charge decision on the timeline', async () => {
      records.chargedJourneys.clear();
      expect(await open()).toMatchObject({ journeyId: frame.journey.id, givingEvidence: true, version: 1 });
    });

    it('refuses a second case, a time to come, and a lead who is not a witness care officer of the area', async () => {
      expect((await refusal(() => open({ openedAt: '2026-04-21T12:00:00Z' }))).extensions.errors).toEqual([{ field: 'openedAt', message: 'must not be in the future' }]);
      records.officers.set(OFFICER_ID, ['another-area']);
      expect((await refusal(() => open({ officerId: OFFICER_ID }))).extensions.errors).toEqual([
        { field: 'officerId', message: 'is not a witness care officer of the journey’s area' },
      ]);
      await open();
      expect(await refusal(() => open())).toMatchObject({ code: 'WITNESS_CARE_ALREADY_OPEN' });
    });

    it('keeps "unknown" as not yet known, and names the lead on the timeline', async () => {
      const opened = await open({ givingEvidence: 'unknown', officerId: OFFICER_ID });
      expect(opened).toMatchObject({ givingEvidence: 'unknown', officer: { id: OFFICER_ID } });
      expect(frame.events[0]).toEqual({
        type: 'witness-care.opened',
        occurredAt: new Date('2026-04-14T10:00:00Z'),
        payload: { caseId: opened.id, givingEvidence: 'unknown', officerId: OFFICER_ID },
      });
      expect(frame.audits[0]!.details).toEqual({ journeyId: frame.journey.id, givingEvidence: 'unknown', officerAssigned: true });
    });

    it('moves a journey before court to witness_care, and leaves one at court or closed where it is', async () => {
      const moves: Array<[JourneyStage, JourneyStage | undefined]> = [
        ['referred', 'witness_care'],
        ['in_support', 'witness_care'],
        ['court', undefined],
        ['closed', undefined],
      ];
      for (const [from, to] of moves) {
        records.caseRows.length = 0;
        frame.journey = { ...frame.journey, stage: from };
        await open();
        expect(frame.recorded.slice(-1)[0]!.changes.stage).toBe(to);
      }
    });
  });

  describe('the Witness Charter needs assessment', () => {
    const assess = (needs: RecordWitnessNeedsRequest['needs'], assessedAt = '2026-04-15T10:00:00Z') =>
      service.assessNeeds(frame.actor, frame.journey.id, undefined, { assessedAt, needs });

    it('answers every area once, a level only for a need that is needed', async () => {
      const needs = [...EVERY_NEED.slice(1), { area: 'travel' as const, needed: false, level: 'high' as const }];
      expect((await refusal(() => assess(needs))).extensions.errors).toEqual([
        { field: `needs[${needs.length - 1}].area`, message: 'is answered twice' },
        { field: `needs[${needs.length - 1}].level`, message: 'is given only for a need that is needed' },
      ]);
      expect((await refusal(() => assess(EVERY_NEED.slice(1)))).extensions.errors).toEqual([
        { field: 'needs', message: `must answer every area once: ${WITNESS_NEED_AREAS.join(', ')}` },
      ]);
    });

    it('needs the case open first', async () => {
      expect(await refusal(() => assess(EVERY_NEED))).toMatchObject({ code: 'WITNESS_CARE_NOT_OPEN' });
    });

    it('records the Code event and audits the needs found and the duties it met', async () => {
      await open();
      frame.changedDuties = [{ ruleId: 'wcu.needs-assessment', status: 'met' }] as EngineDuty[];
      const needs = EVERY_NEED.map((need) => (need.area === 'travel' ? { area: need.area, needed: true, level: 'medium' as const, action: 'arranged' as const } : need));
      const assessment = await assess(needs);
      expect(assessment.needs.find((need) => need.area === 'travel')).toEqual({ area: 'travel', needed: true, level: 'medium', action: 'arranged' });
      expect(frame.eventTypes()).toEqual(['witness-care.opened', 'witness.needs-assessed']);
      expect(frame.audits[1]!.details).toEqual({ journeyId: frame.journey.id, needed: ['travel'], dutiesMet: 1 });
    });
  });

  describe('the pre-trial visit', () => {
    const visit = (status: 'offered' | 'taken' | 'declined', at: string, version: number) =>
      service.recordPreTrialVisit(frame.actor, frame.journey.id, version, { status, at });

    it('is offered first, then taken or declined; a declined visit may be offered again', async () => {
      await open();
      expect(await refusal(() => visit('taken', '2026-04-15T10:00:00Z', 1))).toMatchObject({
        code: 'PRE_TRIAL_VISIT_TRANSITION_NOT_ALLOWED',
        extensions: { from: null, to: 'taken' },
      });
      await visit('offered', '2026-04-15T10:00:00Z', 1);
      const declined = await visit('declined', '2026-04-16T10:00:00Z', 2);
      expect(declined.preTrialVisit).toEqual({ status: 'declined', offeredAt: new Date('2026-04-15T10:00:00Z'), takenAt: null, declinedAt: new Date('2026-04-16T10:00:00Z') });
      const offeredAgain = await visit('offered', '2026-04-17T10:00:00Z', 3);
      expect(offeredAgain.preTrialVisit).toMatchObject({ status: 'offered', declinedAt: null });
      const taken = await visit('taken', '2026-04-18T10:00:00Z', 4);
      expect(taken).toMatchObject({ preTrialVisit: { status: 'taken' }, version: 5 });
      expect(await refusal(() => visit('declined', '2026-04-19T10:00:00Z', 5))).toMatchObject({ code: 'PRE_TRIAL_VISIT_TRANSITION_NOT_ALLOWED' });
    });

    it('refuses a visit dated before its offer, and a stale case version', async () => {
      await open();
      await visit('offered', '2026-04-15T10:00:00Z', 1);
      expect((await refusal(() => visit('taken', '2026-04-14T10:00:00Z', 2))).extensions.errors).toEqual([{ field: 'at', message: 'must not be before the visit was offered' }]);
      expect(await refusal(() => visit('taken', '2026-04-16T10:00:00Z', 1))).toMatchObject({ code: 'CONFLICT' });
      expect(frame.eventTypes()).toEqual(['witness-care.opened', 'pre-trial-visit.recorded']);
    });
  });

  describe('interpreters', () => {
    const book = (hearingId = HEARING_ID, language = 'pl') =>
      service.bookInterpreter(frame.actor, frame.journey.id, undefined, { hearingId, language, bookedAt: '2026-04-16T10:00:00Z' });

    it('are booked once per language for a hearing of the journey’s crime', async () => {
      await open();
      expect(await book()).toMatchObject({ hearingId: HEARING_ID, language: 'pl' });
      expect(await refusal(() => book())).toMatchObject({ code: 'INTERPRETER_ALREADY_BOOKED' });
      await book(HEARING_ID, 'ro');
      expect(await refusal(() => book('cccccccc-cccc-4ccc-8ccc-cccccccccccc'))).toMatchObject({ code: 'HEARING_NOT_ON_CRIME' });
      expect(records.bookingRows).toHaveLength(2);
    });
  });

  it('shows the case with everything on it, as an audited read; without a case, refuses (and records no read)', async () => {
    expect(await refusal(() => service.show(frame.actor, frame.journey.id))).toMatchObject({ code: 'WITNESS_CARE_NOT_OPEN' });
    await open();
    expect(await service.show(frame.actor, frame.journey.id)).toMatchObject({ needsAssessments: [], specialMeasures: [], interpreterBookings: [], warnings: [], attendance: [] });
    expect(frame.reads).toEqual(['witness_care']);
  });
});
