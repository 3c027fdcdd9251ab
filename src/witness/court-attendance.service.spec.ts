import { beforeEach, describe, expect, it } from '@jest/globals';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import { InMemoryWitnessCare } from '../../test/support/witness-repositories.fake.js';
import { CourtAttendanceService } from './court-attendance.service.js';
import type { RecordAttendanceRequest } from './dto/witness-care.dto.js';

const HEARING_ID = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

describe('CourtAttendanceService', () => {
  let frame: JourneyFrame;
  let records: InMemoryWitnessCare;
  let service: CourtAttendanceService;

  beforeEach(async () => {
    frame = new JourneyFrame({ now: '2026-05-12T12:00:00Z', actor: { roles: ['witness_care_officer'] }, journey: { stage: 'court' } });
    records = new InMemoryWitnessCare(frame);
    records.hearings.push({ id: HEARING_ID, crimeId: frame.journey.crimeId, status: 'listed', listingVersion: 2, listedFor: new Date('2026-05-11T10:00:00Z') });
    await records.openCase(null!, { id: 'case-1', areaId: frame.journey.areaId, journeyId: frame.journey.id, openedAt: new Date('2026-04-10T10:00:00Z'), openedBy: frame.actor.userId, givingEvidence: true, officerId: null });
    service = new CourtAttendanceService(frame.work, frame.ledger, records, frame.audit);
  });

  const warn = () => service.warn(frame.actor, frame.journey.id, HEARING_ID, undefined, { warnedAt: '2026-05-05T10:00:00Z', method: 'phone' });
  const attend = (request: RecordAttendanceRequest) => service.recordAttendance(frame.actor, frame.journey.id, HEARING_ID, request);
  const correct = (version: number, request: RecordAttendanceRequest) => service.correctAttendance(frame.actor, frame.journey.id, HEARING_ID, version, request);
  const resolve = (version: number) =>
    service.resolveFollowUp(frame.actor, frame.journey.id, HEARING_ID, version, { resolvedAt: '2026-05-12T10:00:00Z', note: 'rewarned' });

  describe('warning a witness', () => {
    it('is for the hearing’s current listing, once', async () => {
      expect(await warn()).toMatchObject({ hearingId: HEARING_ID, listingVersion: 2, method: 'phone' });
      expect(await refusal(() => warn())).toMatchObject({ code: 'WITNESS_ALREADY_WARNED', extensions: { listingVersion: 2 } });
      records.hearings[0]!.listingVersion = 3;
      expect(await warn()).toMatchObject({ listingVersion: 3 });
      expect(frame.payloads().map((payload) => payload.hearingVersion)).toEqual([2, 3]);
    });

    it('only for a hearing still listed', async () => {
      records.hearings[0]!.status = 'vacated';
      expect(await refusal(() => warn())).toMatchObject({ code: 'HEARING_NOT_LISTED', extensions: { hearingStatus: 'vacated' } });
    });
  });

  describe('attendance', () => {
    it('gives a reason with a failure to attend, and only then', async () => {
      expect((await refusal(() => attend({ outcome: 'failed_to_attend' }))).extensions.errors).toEqual([{ field: 'reason', message: 'is required when the witness failed to attend' }]);
      expect((await refusal(() => attend({ outcome: 'attended', reason: 'illness' }))).extensions.errors).toEqual([
        { field: 'reason', message: 'is given only when the witness failed to attend' },
      ]);
    });

    it('opens a follow-up for a failure to attend, and is recorded once', async () => {
      const recorded = await attend({ outcome: 'failed_to_attend', reason: 'childcare' });
      expect(recorded).toMatchObject({ outcome: 'failed_to_attend', reason: 'childcare', followUp: { status: 'open' }, version: 1 });
      expect(frame.audits[0]!.details).toMatchObject({ followUpOpened: true });
      expect(await refusal(() => attend({ outcome: 'attended' }))).toMatchObject({ code: 'ATTENDANCE_ALREADY_RECORDED' });
    });

    it('attended: no follow-up; the event is dated now', async () => {
      expect(await attend({ outcome: 'attended' })).toMatchObject({ followUp: null });
      expect(frame.events[0]).toMatchObject({ type: 'witness.attendance-recorded', occurredAt: frame.clock.now(), payload: { outcome: 'attended', corrected: false } });
    });
  });

  describe('correcting attendance', () => {
    it('needs one recorded first, and its current version', async () => {
      expect(await refusal(() => correct(1, { outcome: 'attended' }))).toMatchObject({ code: 'ATTENDANCE_NOT_RECORDED' });
      await attend({ outcome: 'attended' });
      expect(await refusal(() => correct(2, { outcome: 'excused' }))).toMatchObject({ code: 'CONFLICT' });
    });

    it('to a failure to attend opens a follow-up; away from one drops an open follow-up', async () => {
      await attend({ outcome: 'attended' });
      expect(await correct(1, { outcome: 'failed_to_attend', reason: 'transport' })).toMatchObject({ followUp: { status: 'open' }, version: 2 });
      expect(await correct(2, { outcome: 'excused' })).toMatchObject({ followUp: null, version: 3 });
      expect(frame.audits.slice(-1)[0]!.details).toMatchObject({ from: 'failed_to_attend', outcome: 'excused' });
    });

    it('away from a failure keeps a follow-up already resolved: that work was done', async () => {
      await attend({ outcome: 'failed_to_attend', reason: 'forgot' });
      await resolve(1);
      expect(await correct(2, { outcome: 'attended' })).toMatchObject({ followUp: { status: 'resolved', note: 'rewarned' } });
    });

    it('from one failure to another keeps the follow-up as it is', async () => {
      await attend({ outcome: 'failed_to_attend', reason: 'forgot' });
      expect(await correct(1, { outcome: 'failed_to_attend', reason: 'illness' })).toMatchObject({ reason: 'illness', followUp: { status: 'open' } });
    });
  });

  describe('resolving the follow-up', () => {
    it('only an open one', async () => {
      expect(await refusal(() => resolve(1))).toMatchObject({ code: 'ATTENDANCE_NOT_RECORDED' });
      await attend({ outcome: 'attended' });
      expect(await refusal(() => resolve(1))).toMatchObject({ code: 'NO_OPEN_FOLLOW_UP' });
    });

    it('records when and how it ended', async () => {
      await attend({ outcome: 'failed_to_attend', reason: 'unwilling' });
      expect(await resolve(1)).toMatchObject({ followUp: { status: 'resolved', resolvedAt: new Date('2026-05-12T10:00:00Z'), note: 'rewarned' }, version: 2 });
      expect(await refusal(() => resolve(2))).toMatchObject({ code: 'NO_OPEN_FOLLOW_UP' });
    });
  });
});
