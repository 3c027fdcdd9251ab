import { beforeEach, describe, expect, it } from '@jest/globals';
import { COURT_ELSEWHERE_ID, COURT_ID, CO_DEFENDANT_ID, courtWorld, DEFENDANT_ID, OTHER_COURT_ID } from '../../test/support/court-repositories.fake.js';
import { journeyRef } from '../../test/support/journey-frame.fake.js';
import { refusal } from '../../test/support/journey-frame.fake.js';
import type { ListHearingRequest } from './dto/court-requests.dto.js';
import { HearingsService } from './hearings.service.js';

const PARTNER = { roles: ['partner_system' as const] };

describe('HearingsService', () => {
  let world: ReturnType<typeof courtWorld>;
  let service: HearingsService;

  const build = (actor?: Parameters<typeof courtWorld>[0]['actor']) => {
    world = courtWorld({ now: '2026-03-10T12:00:00Z', actor });
    service = new HearingsService(world.work, world.frame.crimeWork, world.records, world.hearings, world.frame.journeys, world.frame.audit);
  };
  beforeEach(() => build());

  const listing = (overrides: Partial<ListHearingRequest> = {}): ListHearingRequest => ({
    type: 'trial',
    courtId: COURT_ID,
    listedFor: '2026-04-20T09:30:00Z',
    defendantIds: [DEFENDANT_ID],
    receivedAt: '2026-03-09T15:00:00Z',
    ...overrides,
  });
  const list = async (overrides: Partial<ListHearingRequest> = {}) => (await service.list(world.frame.actor, world.frame.crime.id, listing(overrides), null)).body;

  describe('listing a hearing', () => {
    it('writes version 1 and tells every journey on the crime hearing.listed, from when the unit received it', async () => {
      const other = journeyRef({ id: '99999999-9999-4999-8999-999999999999', reference: 'VJ-2026-000002' });
      world.frame.otherJourneys.push(other);
      const hearing = await list();
      expect(hearing).toMatchObject({ status: 'listed', listingVersion: 1, court: { id: COURT_ID }, defendants: [{ id: DEFENDANT_ID, plea: null }] });
      expect(hearing.listings).toEqual([
        { listingVersion: 1, change: 'listed', status: 'listed', courtId: COURT_ID, listedFor: new Date('2026-04-20T09:30:00Z'), reason: null, occurredAt: new Date('2026-03-09T15:00:00Z') },
      ]);
      expect(world.frame.told.map((told) => told.journeyId).sort()).toEqual([world.frame.journey.id, other.id].sort());
      expect(world.frame.told[0]!.events[0]).toMatchObject({ type: 'hearing.listed', payload: { hearingId: hearing.id, version: 1 }, receivedAt: new Date('2026-03-09T15:00:00Z') });
      expect(world.frame.audits).toEqual([expect.objectContaining({ action: 'create', entityType: 'hearing', entityId: hearing.id, details: expect.objectContaining({ listingVersion: 1 }) })]);
    });

    it('asks a person keying it for when it was received, and lets a court feed leave that out (now)', async () => {
      const error = await refusal(() => list({ receivedAt: undefined }));
      expect(error.extensions.errors).toEqual([{ field: 'receivedAt', message: 'is required when keying news by hand: when your organisation received it' }]);
      build(PARTNER);
      const hearing = await list({ receivedAt: undefined });
      expect(hearing.listings[0]!.occurredAt).toEqual(new Date('2026-03-10T12:00:00Z'));
    });

    it('refuses a court of another area, and defendants not on the crime, writing nothing', async () => {
      expect(await refusal(() => list({ courtId: COURT_ELSEWHERE_ID }))).toMatchObject({ code: 'COURT_NOT_IN_AREA' });
      const stranger = 'd0000000-0000-4000-8000-0000000000ff';
      const error = await refusal(() => list({ defendantIds: [DEFENDANT_ID, stranger] }));
      expect(error).toMatchObject({ code: 'DEFENDANT_NOT_ON_CRIME', extensions: { defendantIds: [stranger] } });
      expect(world.tables.hearings).toEqual([]);
      expect(world.frame.told).toEqual([]);
    });

    it('answers a partner’s retry with the first hearing, listing nothing twice', async () => {
      build(PARTNER);
      const retry = { key: 'feed-1', operation: 'POST /crimes/x/hearings', body: {} };
      const first = await service.list(world.frame.actor, world.frame.crime.id, listing({ receivedAt: undefined }), retry);
      const again = await service.list(world.frame.actor, world.frame.crime.id, listing({ receivedAt: undefined }), retry);
      expect(again).toEqual({ body: first.body, replayed: true });
      expect(world.tables.hearings).toHaveLength(1);
    });
  });

  describe('changing the listing', () => {
    let hearingId: string;
    beforeEach(async () => {
      hearingId = (await list()).id;
    });
    const move = (overrides: { listedFor?: string; courtId?: string } = {}, version = 1) =>
      service.move(world.frame.actor, hearingId, version, { listedFor: '2026-04-21T10:00:00Z', receivedAt: '2026-03-10T09:00:00Z', ...overrides }, null);

    it('moves it to a new time as version 2, superseding what the witness was told of version 1', async () => {
      const { body } = await move();
      expect(body).toMatchObject({ status: 'listed', listingVersion: 2, listedFor: new Date('2026-04-21T10:00:00Z'), version: 2 });
      expect(world.frame.toldTo(world.frame.journey.id)).toEqual(['hearing.listed', 'hearing.moved']);
      expect(world.frame.told[1]!.events[0]!.payload).toEqual({ hearingId, version: 2 });
    });

    it('moves it to another court of the area at the same time', async () => {
      const { body } = await move({ listedFor: '2026-04-20T09:30:00Z', courtId: OTHER_COURT_ID });
      expect(body).toMatchObject({ court: { id: OTHER_COURT_ID }, listingVersion: 2 });
    });

    it('refuses a move that changes nothing, and a court of another area', async () => {
      expect(await refusal(() => move({ listedFor: '2026-04-20T09:30:00Z' }))).toMatchObject({ code: 'HEARING_UNCHANGED' });
      expect(await refusal(() => move({ courtId: COURT_ELSEWHERE_ID }))).toMatchObject({ code: 'COURT_NOT_IN_AREA' });
    });

    it('tells a stale copy it is stale before any rule refuses it', async () => {
      await service.vacate(world.frame.actor, hearingId, 1, { reason: 'case_discontinued', receivedAt: '2026-03-10T09:00:00Z' }, null);
      expect(await refusal(() => move({}, 1))).toMatchObject({ code: 'CONFLICT' });
      expect(await refusal(() => move({}, 2))).toMatchObject({ code: 'HEARING_CLOSED' });
    });

    describe('adjourning', () => {
      const adjourn = (overrides: { adjournedAt?: string; relistedFor?: string } = {}) =>
        service.adjourn(world.frame.actor, hearingId, 1, { adjournedAt: '2026-03-10T10:00:00Z', reason: 'witness_absent', receivedAt: '2026-03-10T11:00:00Z', ...overrides }, null);

      it('without a new date: adjourned, keeping the time it was listed for, and the version shows none', async () => {
        const { body } = await adjourn();
        expect(body).toMatchObject({ status: 'adjourned', listedFor: new Date('2026-04-20T09:30:00Z'), adjournmentReason: 'witness_absent', listingVersion: 2 });
        expect(body.listings[1]).toMatchObject({ change: 'adjourned', status: 'adjourned', listedFor: null, reason: 'witness_absent', occurredAt: new Date('2026-03-10T10:00:00Z') });
        expect(world.frame.told[1]!.events[0]).toMatchObject({ type: 'hearing.adjourned', receivedAt: new Date('2026-03-10T11:00:00Z') });
      });

      it('with a new date: still listed, for the new date', async () => {
        const { body } = await adjourn({ relistedFor: '2026-05-01T09:30:00Z' });
        expect(body).toMatchObject({ status: 'listed', listedFor: new Date('2026-05-01T09:30:00Z') });
        expect(body.listings[1]!.listedFor).toEqual(new Date('2026-05-01T09:30:00Z'));
      });

      it('refuses a new date that is not after the adjournment', async () => {
        const error = await refusal(() => adjourn({ relistedFor: '2026-03-10T10:00:00Z' }));
        expect(error.extensions.errors).toEqual([{ field: 'relistedFor', message: 'must be after adjournedAt' }]);
      });

      it('refuses an adjournment dated before the listing it changes', async () => {
        const error = await refusal(() => adjourn({ adjournedAt: '2026-03-09T14:00:00Z' }));
        expect(error.extensions.errors).toEqual([{ field: 'adjournedAt', message: "must not be before the hearing's current listing (2026-03-09T15:00:00.000Z)" }]);
        expect(world.tables.listings).toHaveLength(1);
      });

      it('refuses a hearing no longer listed', async () => {
        await adjourn();
        const error = await refusal(() => service.adjourn(world.frame.actor, hearingId, 2, { adjournedAt: '2026-03-10T10:30:00Z', reason: 'other', receivedAt: '2026-03-10T11:00:00Z' }, null));
        expect(error).toMatchObject({ code: 'HEARING_NOT_LISTED' });
      });
    });

    it('vacates it as a new version with no time, and then refuses any change', async () => {
      const { body } = await service.vacate(world.frame.actor, hearingId, 1, { reason: 'guilty_plea_entered', receivedAt: '2026-03-10T09:00:00Z' }, null);
      expect(body).toMatchObject({ status: 'vacated', vacationReason: 'guilty_plea_entered', vacatedAt: new Date('2026-03-10T09:00:00Z'), listingVersion: 2 });
      expect(body.listings[1]).toMatchObject({ change: 'vacated', listedFor: null });
      const again = await refusal(() => service.vacate(world.frame.actor, hearingId, 2, { reason: 'other', receivedAt: '2026-03-10T09:00:00Z' }, null));
      expect(again).toMatchObject({ code: 'HEARING_CLOSED' });
    });
  });

  describe('the result', () => {
    let hearingId: string;
    const heard = { heardAt: '2026-03-10T11:00:00Z' };
    const result = (request: Parameters<HearingsService['result']>[3], version = 1) => service.result(world.frame.actor, hearingId, version, request, null);

    beforeEach(async () => {
      hearingId = (await list({ defendantIds: [DEFENDANT_ID, CO_DEFENDANT_ID] })).id;
    });

    it('refuses, naming every field at once: a plea given twice, and a reason without effectiveness', async () => {
      const error = await refusal(() =>
        result({
          ...heard,
          pleas: [
            { defendantId: DEFENDANT_ID, plea: 'guilty' },
            { defendantId: DEFENDANT_ID, plea: 'not_guilty' },
          ],
          effectivenessReason: 'no_court_time',
        }),
      );
      expect(error.extensions.errors).toEqual([
        { field: 'pleas[1].defendantId', message: 'is given twice' },
        { field: 'effectivenessReason', message: 'is only given with effectiveness' },
      ]);
    });

    it('asks a cracked or ineffective trial for a reason that explains it', async () => {
      expect((await refusal(() => result({ ...heard, effectiveness: 'cracked' }))).extensions.errors).toEqual([
        { field: 'effectivenessReason', message: 'is required for a cracked trial' },
      ]);
      expect((await refusal(() => result({ ...heard, effectiveness: 'cracked', effectivenessReason: 'no_court_time' }))).extensions.errors).toEqual([
        { field: 'effectivenessReason', message: 'does not explain a cracked trial' },
      ]);
      expect((await refusal(() => result({ ...heard, effectiveness: 'effective', effectivenessReason: 'no_court_time' }))).extensions.errors).toEqual([
        { field: 'effectivenessReason', message: 'is only given for a cracked or ineffective trial' },
      ]);
    });

    it('records effectiveness for trials only', async () => {
      const mention = (await list({ type: 'mention' })).id;
      const error = await refusal(() => service.result(world.frame.actor, mention, 1, { ...heard, effectiveness: 'effective' }, null));
      expect(error).toMatchObject({ code: 'EFFECTIVENESS_NOT_FOR_HEARING_TYPE', extensions: { field: 'effectiveness' } });
    });

    it('refuses a plea of a defendant not listed for the hearing', async () => {
      const single = (await list()).id;
      const error = await refusal(() => service.result(world.frame.actor, single, 1, { ...heard, pleas: [{ defendantId: CO_DEFENDANT_ID, plea: 'guilty' }] }, null));
      expect(error).toMatchObject({ code: 'DEFENDANT_NOT_ON_HEARING', extensions: { defendantIds: [CO_DEFENDANT_ID] } });
    });

    it('records the pleas and, on a not-guilty plea, tells every journey so the witness needs assessment opens', async () => {
      const { body } = await result({
        ...heard,
        effectiveness: 'ineffective',
        effectivenessReason: 'no_court_time',
        pleas: [
          { defendantId: DEFENDANT_ID, plea: 'not_guilty' },
          { defendantId: CO_DEFENDANT_ID, plea: 'guilty' },
        ],
      });
      expect(body).toMatchObject({ status: 'heard', heardAt: new Date(heard.heardAt), effectiveness: 'ineffective', effectivenessReason: 'no_court_time', listingVersion: 1 });
      expect(body.defendants.map((defendant) => defendant.plea)).toEqual(['not_guilty', 'guilty']);
      expect(world.frame.toldTo(world.frame.journey.id)).toEqual(['hearing.listed', 'hearing.heard', 'plea.not-guilty']);
    });

    it('opens nothing on guilty pleas alone, and refuses a second result', async () => {
      await result({ ...heard, pleas: [{ defendantId: DEFENDANT_ID, plea: 'guilty' }] });
      expect(world.frame.toldTo(world.frame.journey.id)).toEqual(['hearing.listed', 'hearing.heard']);
      expect(await refusal(() => result(heard, 2))).toMatchObject({ code: 'HEARING_NOT_LISTED' });
    });
  });

  it('finds a hearing of another area nowhere, and audits the attempt', async () => {
    const hearingId = (await list()).id;
    const stranger = { ...world.frame.actor, areaIds: ['88888888-8888-4888-8888-888888888888'] };
    expect(await refusal(() => service.get(stranger, hearingId))).toMatchObject({ code: 'NOT_FOUND' });
    expect(world.frame.audits.at(-1)).toEqual({ action: 'access_denied', entityType: 'hearing', entityId: hearingId });
  });
});
