import { beforeEach, describe, expect, it } from '@jest/globals';
import { CrimeFrame } from '../../test/support/crime-frame.fake.js';
import { investigationWorld } from '../../test/support/investigation-repositories.fake.js';
import { refusal } from '../../test/support/journey-frame.fake.js';
import { DecisionsService } from './decisions.service.js';
import type { RecordCpsDecisionRequest, RecordPoliceDecisionRequest } from './dto/decision.dto.js';

describe('DecisionsService', () => {
  let frame: CrimeFrame;
  let world: ReturnType<typeof investigationWorld>;
  let service: DecisionsService;
  let suspect: string;
  let coSuspect: string;

  beforeEach(async () => {
    frame = new CrimeFrame({ now: '2026-04-10T12:00:00Z' });
    world = investigationWorld(frame);
    world.tables.journeys.push({ id: frame.journey.id, reference: frame.journey.reference, crimeId: frame.crime.id });
    service = new DecisionsService(frame.crimeWork, frame.work, frame.audit, frame.clock, world.decisions, world.notices, world.duties);
    const add = (givenName: string) => world.defendants.insert({} as never, { areaId: frame.crime.areaId, crimeId: frame.crime.id, givenName, familyName: 'Offender', dateOfBirth: null });
    suspect = (await add('Sam')).id;
    coSuspect = (await add('Alex')).id;
  });

  const police = (overrides: Partial<RecordPoliceDecisionRequest> = {}, key: string | null = null) =>
    service.record(frame.actor, 'police', frame.crime.id, { kind: 'released_nfa', decidedAt: '2026-04-09T10:00:00Z', ...overrides }, key);

  it('refuses a charge that names nobody, and a decision in the future, at once', async () => {
    const error = await refusal(() => police({ kind: 'charged', decidedAt: '2026-04-11T10:00:00Z' }));
    expect(error.extensions.errors).toEqual([
      { field: 'decidedAt', message: 'must not be in the future' },
      { field: 'defendantIds', message: 'a charge must name the defendants charged' },
    ]);
  });

  it('refuses defendants that are not on the crime, naming them, and records nothing', async () => {
    const stranger = 'd0000000-0000-4000-8000-0000000000ff';
    expect(await refusal(() => police({ kind: 'charged', defendantIds: [suspect, stranger] }))).toMatchObject({ code: 'DEFENDANT_NOT_ON_CRIME', extensions: { defendantIds: [stranger] } });
    expect(world.tables.decisions).toEqual([]);
    expect(frame.told).toEqual([]);
  });

  it('tells every journey on the crime of the decision, which opens the duty to tell each victim', async () => {
    frame.otherJourneys.push({ ...frame.journey, id: '99999999-9999-4999-8999-999999999999', reference: 'VJ-2026-000002' });
    const { body } = await police();
    expect(body).toMatchObject({ body: 'police', kind: 'released_nfa', defendants: [] });
    expect(body.journeysTold.map((journey) => journey.reference).sort()).toEqual(['VJ-2026-000001', 'VJ-2026-000002']);
    expect(frame.told.map((told) => told.events[0])).toEqual([
      { type: 'police.decision-made', occurredAt: new Date('2026-04-09T10:00:00Z'), payload: { decisionId: body.id, kind: 'released_nfa' } },
      { type: 'police.decision-made', occurredAt: new Date('2026-04-09T10:00:00Z'), payload: { decisionId: body.id, kind: 'released_nfa' } },
    ]);
  });

  it('charges the defendants a police charge names, keeping the date of their first charge', async () => {
    await police({ kind: 'charged', defendantIds: [suspect] });
    await police({ kind: 'charged', decidedAt: '2026-04-10T10:00:00Z', defendantIds: [suspect, coSuspect] });
    expect(world.tables.defendants.map((defendant) => [defendant.status, defendant.chargedAt])).toEqual([
      ['charged', new Date('2026-04-09T10:00:00Z')],
      ['charged', new Date('2026-04-10T10:00:00Z')],
    ]);
  });

  it('charges nobody on a CPS decision or another police decision', async () => {
    await police({ kind: 'released_on_bail', defendantIds: [suspect] });
    const cps: RecordCpsDecisionRequest = { kind: 'alter_charges', decidedAt: '2026-04-09T11:00:00Z', defendantIds: [suspect] };
    const { body } = await service.record(frame.actor, 'cps', frame.crime.id, cps, null);
    expect(frame.told[1]!.events[0]).toMatchObject({ type: 'cps.decision-made', payload: { decisionId: body.id, kind: 'alter_charges' } });
    expect(world.tables.defendants.map((defendant) => defendant.status)).toEqual(['suspect', 'suspect']);
  });

  it('answers a partner’s retry with the first decision, recording it once', async () => {
    const first = await police({}, 'force-123');
    const again = await police({}, 'force-123');
    expect(again).toEqual({ body: first.body, replayed: true });
    expect(world.tables.decisions).toHaveLength(1);
  });

  it('shows the journey each decision with whether the victim was told, the duty and the review window', async () => {
    const nfa = (await police()).body;
    await service.record(frame.actor, 'cps', frame.crime.id, { kind: 'alter_charges', decidedAt: '2026-04-08T10:00:00Z' }, null);
    world.tables.notices.push({ id: 'n1', body: 'police', journeyId: frame.journey.id, decisionId: nfa.id, informedAt: new Date('2026-04-09T15:00:00Z'), method: 'phone', recordedBy: frame.actor.userId });
    world.tables.duties.push({ journeyId: frame.journey.id, subjectKind: 'police_decision', subjectId: nfa.id, ruleId: 'police.inform-decision', dueAt: new Date('2026-04-16T22:59:59Z'), status: 'met', metAt: new Date('2026-04-09T15:00:00Z'), enhanced: false });
    const { items } = await service.forJourney(frame.actor, frame.journey.id);
    expect(items.map((item) => item.body)).toEqual(['cps', 'police']);
    expect(items[0]).toMatchObject({ informed: null, duty: null, reviewWindow: null });
    expect(items[1]).toMatchObject({
      informed: { at: new Date('2026-04-09T15:00:00Z'), method: 'phone' },
      duty: { ruleId: 'police.inform-decision', status: 'met' },
      reviewWindow: { id: 'police.victims-right-to-review' },
    });
    expect(frame.reads).toEqual(['decisions']);
  });
});
