import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Duty } from '../../libs/victims-code/src/index.js';
import { COURT_ID, courtWorld, DEFENDANT_ID } from '../../test/support/court-repositories.fake.js';
import { refusal, TX } from '../../test/support/journey-frame.fake.js';
import { CourtInformedService } from './court-informed.service.js';

const HEARING_ID = 'h0000000-0000-4000-8000-000000000001';
const BAIL_ID = 'b0000000-0000-4000-8000-000000000001';
const OUTCOME_ID = 'o0000000-0000-4000-8000-000000000001';
const APPEAL_ID = 'a0000000-0000-4000-8000-000000000001';

describe('CourtInformedService', () => {
  let world: ReturnType<typeof courtWorld>;
  let service: CourtInformedService;

  beforeEach(async () => {
    world = courtWorld({ now: '2026-06-10T12:00:00Z', actor: { roles: ['witness_care_officer'] } });
    service = new CourtInformedService(world.frame.work, world.frame.ledger, world.frame.audit, world.informings, world.hearings, world.bailDecisions, world.outcomes);
    const crime = { areaId: world.frame.crime.areaId, crimeId: world.frame.crime.id, recordedBy: world.frame.actor.userId };
    await world.hearings.insert(TX, { id: HEARING_ID, ...crime, courtId: COURT_ID, type: 'trial', listedFor: new Date('2026-07-01T09:30:00Z'), defendantIds: [DEFENDANT_ID], createdBy: crime.recordedBy });
    for (const [listingVersion, occurredAt] of [
      [1, '2026-06-01T10:00:00Z'],
      [2, '2026-06-03T10:00:00Z'],
    ] as const) {
      await world.hearings.insertListing(TX, { hearingId: HEARING_ID, listingVersion, change: listingVersion === 1 ? 'listed' : 'moved', status: 'listed', courtId: COURT_ID, listedFor: null, reason: null, occurredAt: new Date(occurredAt), receivedAt: new Date(occurredAt), recordedBy: crime.recordedBy });
    }
    await world.hearings.update(TX, HEARING_ID, 1, { listingVersion: 2 });
    await world.bailDecisions.insert(TX, { id: BAIL_ID, ...crime, defendantId: DEFENDANT_ID, kind: 'bail_granted', decidedAt: new Date('2026-06-02T10:00:00Z'), receivedAt: new Date('2026-06-02T10:00:00Z') });
    await world.outcomes.insertOutcome(TX, { id: OUTCOME_ID, ...crime, defendantId: DEFENDANT_ID, hearingId: null, verdict: 'guilty', verdictAt: new Date('2026-06-04T15:00:00Z'), receivedAt: new Date('2026-06-04T15:00:00Z') });
    await world.outcomes.recordSentence(TX, OUTCOME_ID, 1, { sentencedAt: new Date('2026-06-06T11:00:00Z'), receivedAt: new Date('2026-06-06T11:00:00Z'), disposal: 'fine', custodialMonths: 0, offenceViolentOrSexual: false });
    await world.outcomes.insertAppeal(TX, { id: APPEAL_ID, ...crime, outcomeId: OUTCOME_ID, by: 'defendant', against: 'conviction', lodgedAt: new Date('2026-06-07T10:00:00Z'), receivedAt: new Date('2026-06-07T10:00:00Z') });
  });

  const journeyId = () => world.frame.journey.id;
  const at = (informedAt: string) => ({ informedAt, method: 'phone' as const });

  it('records exactly the hearing version told, as victim.informed naming it, even on a closed journey', async () => {
    world.frame.journey = { ...world.frame.journey, stage: 'closed' };
    const { body, version } = await service.hearing(world.frame.actor, journeyId(), HEARING_ID, { ...at('2026-06-03T12:00:00Z'), hearingVersion: 2 });
    expect(body).toMatchObject({ subject: 'hearing', subjectId: HEARING_ID, hearingVersion: 2, stage: null, method: 'phone', dutyMet: null });
    expect(world.frame.events).toEqual([{ type: 'victim.informed', occurredAt: new Date('2026-06-03T12:00:00Z'), payload: { about: 'hearing', subjectId: HEARING_ID, hearingVersion: 2 } }]);
    expect(version).toBe(2);
    expect(world.tables.informings).toEqual([expect.objectContaining({ journeyId: journeyId(), eventId: body.eventId, hearingVersion: 2 })]);
  });

  it('refuses a hearing version the hearing never had, and a telling before that version was listed', async () => {
    expect(await refusal(() => service.hearing(world.frame.actor, journeyId(), HEARING_ID, { ...at('2026-06-05T12:00:00Z'), hearingVersion: 3 }))).toMatchObject({
      code: 'HEARING_VERSION_UNKNOWN',
      extensions: { field: 'hearingVersion' },
    });
    expect(await refusal(() => service.hearing(world.frame.actor, journeyId(), HEARING_ID, { ...at('2026-06-02T12:00:00Z'), hearingVersion: 2 }))).toMatchObject({
      code: 'INFORMED_BEFORE_NEWS',
    });
    expect(world.frame.events).toEqual([]);
  });

  it('refuses telling the same news twice, but takes each hearing version once', async () => {
    await service.hearing(world.frame.actor, journeyId(), HEARING_ID, { ...at('2026-06-02T12:00:00Z'), hearingVersion: 1 });
    expect(await refusal(() => service.hearing(world.frame.actor, journeyId(), HEARING_ID, { ...at('2026-06-02T13:00:00Z'), hearingVersion: 1 }))).toMatchObject({ code: 'ALREADY_INFORMED' });
    await service.hearing(world.frame.actor, journeyId(), HEARING_ID, { ...at('2026-06-03T12:00:00Z'), hearingVersion: 2 });
    expect(world.tables.informings.map((row) => row.hearingVersion)).toEqual([1, 2]);
  });

  it('refuses a record that is not on the journey’s crime', async () => {
    world.frame.journey = { ...world.frame.journey, crimeId: '12121212-1212-4121-8121-121212121212' };
    expect(await refusal(() => service.bail(world.frame.actor, journeyId(), BAIL_ID, at('2026-06-03T12:00:00Z')))).toMatchObject({ code: 'SUBJECT_NOT_ON_CRIME' });
  });

  it('tells of the verdict before the sentence, and of the sentence after it', async () => {
    const verdict = await service.outcome(world.frame.actor, journeyId(), OUTCOME_ID, at('2026-06-05T12:00:00Z'));
    const sentence = await service.outcome(world.frame.actor, journeyId(), OUTCOME_ID, at('2026-06-06T11:00:00Z'));
    expect([verdict.body.stage, sentence.body.stage]).toEqual(['verdict', 'sentence']);
    expect(await refusal(() => service.outcome(world.frame.actor, journeyId(), OUTCOME_ID, at('2026-06-04T14:00:00Z')))).toMatchObject({ code: 'INFORMED_BEFORE_NEWS' });
  });

  it('tells of a step the appeal has reached, and refuses one it has not', async () => {
    const { body } = await service.appeal(world.frame.actor, journeyId(), APPEAL_ID, { ...at('2026-06-07T12:00:00Z'), appealStage: 'lodged' });
    expect(body).toMatchObject({ subject: 'appeal', stage: 'lodged' });
    expect(world.frame.payloads()).toEqual([{ about: 'appeal', subjectId: APPEAL_ID, appealStage: 'lodged' }]);
    expect(await refusal(() => service.appeal(world.frame.actor, journeyId(), APPEAL_ID, { ...at('2026-06-08T12:00:00Z'), appealStage: 'decided' }))).toMatchObject({
      code: 'APPEAL_STAGE_NOT_REACHED',
    });
  });

  it('names the duty the telling met, as at now, and audits it with ids only', async () => {
    world.frame.changedDuties = [
      { ruleId: 'wcu.inform-bail', key: `wcu.inform-bail|bail:${BAIL_ID}`, status: 'met', dueAt: new Date('2026-06-09T22:59:59Z'), metAt: new Date('2026-06-03T12:00:00Z'), enhanced: false, dischargedByEventId: 'event-1-0' } as unknown as Duty,
    ];
    const { body } = await service.bail(world.frame.actor, journeyId(), BAIL_ID, at('2026-06-03T12:00:00Z'));
    expect(body.dutyMet).toEqual({ ruleId: 'wcu.inform-bail', key: `wcu.inform-bail|bail:${BAIL_ID}`, status: 'met', dueAt: new Date('2026-06-09T22:59:59Z'), metAt: new Date('2026-06-03T12:00:00Z'), enhanced: false });
    expect(world.frame.audits).toEqual([
      {
        action: 'create',
        entityType: 'court_informing',
        entityId: body.id,
        areaId: world.frame.journey.areaId,
        details: { journeyId: journeyId(), subject: 'bail', subjectId: BAIL_ID, hearingVersion: null, stage: null, method: 'phone', dutyMet: `wcu.inform-bail|bail:${BAIL_ID}` },
      },
    ]);
  });

  it('refuses a telling in the future', async () => {
    const error = await refusal(() => service.bail(world.frame.actor, journeyId(), BAIL_ID, at('2026-06-11T12:00:00Z')));
    expect(error.extensions.errors).toEqual([{ field: 'informedAt', message: 'must not be in the future' }]);
  });
});
