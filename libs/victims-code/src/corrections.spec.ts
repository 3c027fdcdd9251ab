import { describe, expect, it } from '@jest/globals';
import {
  appeal,
  dutyWithdrawn,
  hearing,
  informedOfHearing,
  informedOfPoliceDecision,
  policeDecision,
  receivedAt,
  recordCorrected,
  recordVoided,
  sentence,
  vpsOffered,
} from './code-event.builder.js';
import { leavesCompliance, type Duty } from './duties.js';
import { DUTY_WITHDRAWAL_REASONS, type CodeEvent } from './events.js';
import { applyEvent, evaluateDuties } from './evaluator.js';

// January 2026, no bank holidays; GMT, so London = UTC.
const MON = '2026-01-12T10:00:00Z';
const TUE = '2026-01-13T10:00:00Z';
const WED = '2026-01-14T10:00:00Z';
const THU = '2026-01-15T10:00:00Z';
const NEXT_MON = '2026-01-19T10:00:00Z';
const LATER = '2026-03-02T10:00:00Z';

const evaluate = (events: CodeEvent[], at = LATER) => evaluateDuties({ events, at: new Date(at) });
const rows = (events: CodeEvent[], at = LATER) =>
  evaluate(events, at).duties.map((duty) => [duty.key, duty.status, duty.withdrawnReason]);

describe('a record voided', () => {
  it('withdraws the duty a decision recorded in error opened, even past due, and it leaves compliance', () => {
    const events = [policeDecision(MON, 'released_on_bail'), recordVoided(NEXT_MON, 'police_decision', 'PD-1')];
    const [duty] = evaluate(events).duties;
    expect(duty).toMatchObject({ status: 'withdrawn', withdrawnReason: 'recorded_in_error', withdrawnAt: new Date(NEXT_MON) });
    expect(leavesCompliance(duty!)).toBe(true);
  });

  it('withdraws the VPS offer a charge recorded in error opened', () => {
    const events = [policeDecision(MON, 'charged'), recordVoided(TUE, 'police_decision', 'PD-1', {}, 'duplicate')];
    expect(rows(events)).toEqual([
      ['police.inform-decision|police_decision:PD-1', 'withdrawn', 'recorded_in_error'],
      ['support.vps-offer|journey', 'withdrawn', 'recorded_in_error'],
    ]);
  });

  it('leaves a duty already met as met: the victim was told, and no work is erased', () => {
    const events = [policeDecision(MON, 'charged'), vpsOffered(TUE), recordVoided(WED, 'police_decision', 'PD-1')];
    expect(rows(events)).toEqual([
      ['police.inform-decision|police_decision:PD-1', 'withdrawn', 'recorded_in_error'],
      ['support.vps-offer|journey', 'met', null],
    ]);
  });

  it("leaves every other record's duties owed", () => {
    const events = [
      policeDecision(MON, 'released_on_bail', 'PD-1'),
      policeDecision(MON, 'released_on_bail', 'PD-2'),
      recordVoided(TUE, 'police_decision', 'PD-2'),
    ];
    expect(rows(events, TUE)).toEqual([
      ['police.inform-decision|police_decision:PD-1', 'open', null],
      ['police.inform-decision|police_decision:PD-2', 'withdrawn', 'recorded_in_error'],
    ]);
  });

  it('voids one version of a hearing when it names one, and every version when it does not', () => {
    const listings = [hearing('listed', MON, 1), hearing('listed', MON, 1, 'H-2'), hearing('moved', MON, 2, 'H-2')];
    expect(rows([...listings, recordVoided(TUE, 'hearing', 'H-2', { hearingVersion: 2 })], TUE)).toEqual([
      ['wcu.inform-hearing|hearing:H-1@v1', 'open', null],
      ['wcu.inform-hearing|hearing:H-2@v1', 'withdrawn', 'superseded'],
      ['wcu.inform-hearing|hearing:H-2@v2', 'withdrawn', 'recorded_in_error'],
    ]);
    expect(rows([hearing('listed', MON, 1), hearing('moved', TUE, 2), recordVoided(WED, 'hearing', 'H-1')], WED)).toEqual([
      ['wcu.inform-hearing|hearing:H-1@v1', 'withdrawn', 'superseded'],
      ['wcu.inform-hearing|hearing:H-1@v2', 'withdrawn', 'recorded_in_error'],
    ]);
  });

  it('voids one step of an appeal when it names one, and every step when it does not', () => {
    const steps = [appeal('lodged', MON), appeal('decided', MON)];
    expect(rows([...steps, recordVoided(TUE, 'appeal', 'APP-1', { appealStage: 'decided' })], TUE)).toEqual([
      ['wcu.inform-appeal|appeal:APP-1/lodged', 'open', null],
      ['wcu.inform-appeal|appeal:APP-1/decided', 'withdrawn', 'recorded_in_error'],
    ]);
    expect(rows([...steps, recordVoided(TUE, 'appeal', 'APP-1')], TUE).map(([, status]) => status)).toEqual([
      'withdrawn',
      'withdrawn',
    ]);
  });

  it('withdraws the outcome and Victim Contact Scheme duties of a sentence recorded in error', () => {
    const events = [sentence(MON), recordVoided(NEXT_MON, 'outcome', 'OUT-1')];
    expect(rows(events).map(([key, , reason]) => [key, reason])).toEqual([
      ['wcu.inform-outcome|outcome:OUT-1', 'recorded_in_error'],
      ['wcu.refer-to-vcs|outcome:OUT-1', 'recorded_in_error'],
    ]);
  });

  it('ignores news later given of the voided record', () => {
    const events = [policeDecision(MON, 'released_on_bail'), recordVoided(TUE, 'police_decision', 'PD-1'), informedOfPoliceDecision(WED)];
    expect(evaluate(events).unmatched).toEqual([]);
    expect(rows(events)[0]?.[1]).toBe('withdrawn');
  });

  it('withdraws in the incremental form too', () => {
    const opened = applyEvent({ event: policeDecision(MON, 'released_on_bail'), openDuties: [] }).open;
    expect(applyEvent({ event: recordVoided(NEXT_MON, 'police_decision', 'PD-1'), openDuties: opened }).withdraw).toEqual([
      { key: 'police.inform-decision|police_decision:PD-1', reason: 'recorded_in_error', at: new Date(NEXT_MON) },
    ]);
  });
});

describe("a supervisor's withdrawal of one duty", () => {
  const INFORM = 'police.inform-decision|police_decision:PD-1';

  it('takes its reason from a short fixed list', () => {
    expect(DUTY_WITHDRAWAL_REASONS).toEqual(['recorded_in_error', 'duplicate', 'not_applicable']);
  });

  it('withdraws a duplicate duty even past due, and it leaves compliance', () => {
    const [duty] = evaluate([policeDecision(MON, 'released_on_bail'), dutyWithdrawn(NEXT_MON, INFORM, 'duplicate')]).duties;
    expect([duty?.status, duty?.withdrawnReason, leavesCompliance(duty!)]).toEqual(['withdrawn', 'duplicate', true]);
  });

  it('withdraws a duty that does not apply before it is due, and it stays in compliance as withdrawn', () => {
    const [duty] = evaluate([policeDecision(MON, 'released_on_bail'), dutyWithdrawn(TUE, INFORM, 'not_applicable')]).duties;
    expect([duty?.status, leavesCompliance(duty!)]).toEqual(['withdrawn', false]);
  });
});

describe('compliance', () => {
  const opened = evaluate([policeDecision(MON, 'released_on_bail')], MON).duties[0]!;
  const as = (changes: Partial<Duty>): Duty => ({ ...opened, ...changes });

  it.each([
    ['open', as({})],
    ['met', as({ status: 'met' })],
    ['breached', as({ status: 'breached' })],
    ['withdrawn because the victim opted out', as({ status: 'withdrawn', withdrawnReason: 'victim_opted_out' })],
    ['withdrawn as superseded', as({ status: 'withdrawn', withdrawnReason: 'superseded' })],
  ])('counts a duty %s', (_status, duty) => {
    expect(leavesCompliance(duty)).toBe(false);
  });

  it('leaves out a duty withdrawn as recorded in error: never owed, so neither met, breached nor due', () => {
    expect(leavesCompliance(as({ status: 'withdrawn', withdrawnReason: 'recorded_in_error' }))).toBe(true);
  });
});

describe('a record corrected', () => {
  const listed = receivedAt(hearing('listed', MON, 1), MON);

  it('re-times the duty its event opened: a listing received on Wednesday, not Monday as recorded', () => {
    const events = [listed, recordCorrected(THU, listed.id, { receivedAt: WED })];
    expect(evaluate(events).duties[0]).toMatchObject({
      openedAt: new Date(WED),
      dueAt: new Date('2026-01-15T23:59:59.999Z'),
    });
  });

  it('turns a breach into a duty met on time when the news arrived later than recorded', () => {
    const events = [listed, informedOfHearing(THU, 1), recordCorrected(NEXT_MON, listed.id, { receivedAt: WED })];
    expect(evaluate(events, THU).duties[0]?.status).toBe('met_late');
    expect(evaluate(events).duties[0]?.status).toBe('met');
  });

  it('is not known before it is made', () => {
    const events = [listed, recordCorrected(THU, listed.id, { receivedAt: WED })];
    expect(evaluate(events, WED).duties[0]?.openedAt).toEqual(new Date(MON));
  });

  it('corrects when it happened, and can say there was no separate receipt', () => {
    const events = [listed, recordCorrected(THU, listed.id, { occurredAt: '2026-01-09T10:00:00Z', receivedAt: null })];
    expect(evaluate(events).duties[0]).toMatchObject({ openedAt: new Date('2026-01-09T10:00:00Z') });
  });

  it('keeps the later correction of an instant, and what an earlier one corrected', () => {
    const events = [
      listed,
      recordCorrected(TUE, listed.id, { occurredAt: '2026-01-09T10:00:00Z' }),
      recordCorrected(THU, listed.id, { receivedAt: WED }),
      recordCorrected(WED, listed.id, { receivedAt: TUE }),
    ];
    const corrected = evaluateDuties({ events: [...events, informedOfHearing(LATER, 1)], at: new Date(LATER) });
    expect(corrected.duties[0]).toMatchObject({ openedAt: new Date(WED), status: 'met_late' });
  });

  it('ignores an instant that is not one, and keeps the rest of the correction', () => {
    const events = [listed, recordCorrected(THU, listed.id, { occurredAt: 'last week', receivedAt: WED })];
    expect(evaluate(events).duties[0]?.openedAt).toEqual(new Date(WED));
    const noInstant = [listed, recordCorrected(THU, listed.id, { receivedAt: 'soon' })];
    expect(evaluate(noInstant).duties[0]?.openedAt).toEqual(new Date(MON));
  });

  it('reports a correction naming no event of the journey, or a voiding', () => {
    const voiding = recordVoided(TUE, 'hearing', 'H-1');
    const ofNothing = recordCorrected(THU, 'no-such-event', { receivedAt: WED });
    const ofTheVoiding = recordCorrected(THU, voiding.id, { occurredAt: MON });
    expect(evaluate([listed, voiding, ofNothing, ofTheVoiding]).unmatched).toEqual([
      { eventId: ofNothing.id, type: 'record.corrected', reason: 'no_such_record' },
      { eventId: ofTheVoiding.id, type: 'record.corrected', reason: 'no_such_record' },
    ]);
  });

  it('asks the service to re-evaluate the journey, since one event cannot say what it re-times', () => {
    const correction = recordCorrected(THU, listed.id, { receivedAt: WED });
    expect(applyEvent({ event: correction, openDuties: [] })).toMatchObject({ needsReevaluation: true, unmatched: [] });
    expect(applyEvent({ event: listed, openDuties: [] }).needsReevaluation).toBe(false);
  });
});
