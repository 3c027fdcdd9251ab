import { describe, expect, it } from '@jest/globals';
import { createCalendar } from '../../working-days/src/index.js';
import { RuleConfigurationError } from './area-overrides.js';
import {
  complaintReceived,
  contactSucceeded,
  crimeReportAcknowledged,
  crimeReported,
  dutyWithdrawn,
  enhancedRightsRecorded,
  hearing,
  informedOfHearing,
  informedOfPoliceDecision,
  journeyClosed,
  needsAssessmentCompleted,
  optedIn,
  optedOut,
  policeDecision,
  referralConsentRecorded,
  referralReceived,
  sentence,
  supportAccepted,
  vcsReferred,
  withId,
} from './code-event.builder.js';
import type { Duty } from './duties.js';
import type { CodeEvent } from './events.js';
import { applyEvent, breachesAt, evaluateDuties } from './evaluator.js';
import { VC_2020_1, type DutyRule } from './rules.js';

// A week in January 2026 with no bank holidays. Times are GMT, so London = UTC.
const MON_10 = '2026-01-12T10:00:00Z';
const MON_11 = '2026-01-12T11:00:00Z';
const TUE_09 = '2026-01-13T09:00:00Z';
const WED_09 = '2026-01-14T09:00:00Z';
const THU_09 = '2026-01-15T09:00:00Z';
const FRI_09 = '2026-01-16T09:00:00Z';
const NEXT_WED_09 = '2026-01-21T09:00:00Z';
const MUCH_LATER = '2026-06-01T09:00:00Z';

const evaluate = (events: CodeEvent[], at = MUCH_LATER) => evaluateDuties({ events, at: new Date(at) });
const statuses = (events: CodeEvent[], at = MUCH_LATER) =>
  evaluate(events, at).duties.map((duty) => [duty.key, duty.status]);
const theDuty = (events: CodeEvent[], key: string, at = MUCH_LATER): Duty | undefined =>
  evaluate(events, at).duties.find((duty) => duty.key === key);

const INFORM_PD1 = 'police.inform-decision|police_decision:PD-1';
const INFORM_PD2 = 'police.inform-decision|police_decision:PD-2';
const HEARING_V = (version: number, hearingId = 'H-1') => `wcu.inform-hearing|hearing:${hearingId}@v${version}`;

describe('duty keys', () => {
  it('are the rule id and the subject, so the same events always give the same keys', () => {
    expect(evaluate([policeDecision(MON_10, 'charged')]).duties.map((duty) => duty.key)).toEqual([
      'police.inform-decision|police_decision:PD-1',
      'support.vps-offer|journey',
    ]);
  });
});

describe('late discharge', () => {
  it('makes a duty met late when the victim is told after the due day, counting the working days late', () => {
    // Due at the end of Monday 19 January; told on Wednesday 21st: 2 working days late.
    expect(
      theDuty([policeDecision(MON_10, 'released_on_bail'), informedOfPoliceDecision(NEXT_WED_09)], INFORM_PD1),
    ).toMatchObject({
      status: 'met_late',
      metAt: new Date(NEXT_WED_09),
      workingDaysLate: 2,
    });
  });

  it('counts a duty due on Friday and met on Saturday as late by 0 working days', () => {
    const events = [referralReceived(WED_09), contactSucceeded('2026-01-17T10:00:00Z')];
    expect(theDuty(events, 'support.first-contact|journey')).toMatchObject({ status: 'met_late', workingDaysLate: 0 });
  });

  it('shows a duty breached at T and met late once the late discharge happens', () => {
    const events = [policeDecision(MON_10, 'released_on_bail'), informedOfPoliceDecision(NEXT_WED_09)];
    expect(theDuty(events, INFORM_PD1, '2026-01-20T12:00:00Z')?.status).toBe('breached');
    expect(theDuty(events, INFORM_PD1, NEXT_WED_09)?.status).toBe('met_late');
  });
});

describe('the order of discharge and opening', () => {
  it('discharges a duty with an event at the same instant as its opener, whatever order they arrive in', () => {
    const events = [informedOfPoliceDecision(MON_10), policeDecision(MON_10, 'suspect_arrested')];
    expect(theDuty(events, INFORM_PD1)).toMatchObject({ status: 'met', metAt: new Date(MON_10) });
  });

  it('discharges a duty whose opening event was recorded after the discharge but happened before it', () => {
    const recordedInThisOrder = [informedOfPoliceDecision(TUE_09), policeDecision(MON_10, 'suspect_arrested')];
    expect(theDuty(recordedInThisOrder, INFORM_PD1)?.status).toBe('met');
  });

  it('does not let news given before the decision happened discharge it, and reports the news as unmatched', () => {
    const toldBeforeItHappened = informedOfPoliceDecision('2026-01-12T09:00:00Z');
    const result = evaluate([toldBeforeItHappened, policeDecision(MON_10, 'suspect_arrested')], MON_11);
    expect(result.duties.find((duty) => duty.key === INFORM_PD1)?.status).toBe('open');
    expect(result.unmatched).toEqual([
      { eventId: toldBeforeItHappened.id, type: 'victim.informed', reason: 'no_such_duty' },
    ]);
  });

  it('reports a discharge that matches no duty at all, and changes nothing', () => {
    const aboutAnotherDecision = informedOfPoliceDecision(TUE_09, 'PD-9');
    const result = evaluate([policeDecision(MON_10, 'suspect_arrested'), aboutAnotherDecision]);
    expect(result.duties.map((duty) => duty.status)).toEqual(['breached']);
    expect(result.unmatched.map((event) => event.eventId)).toEqual([aboutAnotherDecision.id]);
  });

  it('silently ignores telling the victim again about a decision already told', () => {
    const events = [
      policeDecision(MON_10, 'suspect_arrested'),
      informedOfPoliceDecision(TUE_09),
      informedOfPoliceDecision(WED_09),
    ];
    const result = evaluate(events);
    expect(result.duties[0]).toMatchObject({ status: 'met', metAt: new Date(TUE_09) });
    expect(result.unmatched).toEqual([]);
  });
});

describe('hearings', () => {
  it('does not discharge the duty for version 3 by telling the victim about version 2', () => {
    const events = [
      hearing('listed', MON_10, 2),
      informedOfHearing(MON_11, 2),
      hearing('moved', WED_09, 3),
      informedOfHearing(WED_09, 2),
    ];
    expect(statuses(events, THU_09)).toEqual([
      [HEARING_V(2), 'met'],
      [HEARING_V(3), 'open'],
    ]);
    expect(statuses(events, FRI_09)[1]).toEqual([HEARING_V(3), 'breached']);
  });

  it('withdraws the earlier version as superseded when the hearing moves before that duty fell due, and opens one for the new version', () => {
    const events = [hearing('listed', MON_10, 1), hearing('moved', TUE_09, 2), informedOfHearing(TUE_09, 2)];
    const duties = evaluate(events).duties;
    expect(duties[0]).toMatchObject({
      key: HEARING_V(1),
      status: 'withdrawn',
      withdrawnReason: 'superseded',
      withdrawnAt: new Date(TUE_09),
    });
    expect(duties[1]).toMatchObject({ key: HEARING_V(2), status: 'met', openedAt: new Date(TUE_09) });
  });

  it('keeps the earlier version breached when the hearing moves after that duty fell due', () => {
    const events = [hearing('listed', MON_10, 1), hearing('vacated', WED_09, 2)];
    expect(statuses(events, WED_09)).toEqual([
      [HEARING_V(1), 'breached'],
      [HEARING_V(2), 'open'],
    ]);
  });

  it('does not let one hearing supersede another', () => {
    const events = [hearing('listed', MON_10, 1, 'H-1'), hearing('listed', MON_11, 2, 'H-2')];
    expect(statuses(events, MON_11)).toEqual([
      [HEARING_V(1, 'H-1'), 'open'],
      [HEARING_V(2, 'H-2'), 'open'],
    ]);
  });
});

describe('withdrawals', () => {
  it('withdraws the open duties of a kind of information the victim opts out of, and only those', () => {
    const events = [
      policeDecision(MON_10, 'released_on_bail'),
      hearing('listed', MON_10, 1),
      optedOut(MON_11, ['police_decision']),
    ];
    expect(evaluate(events, MON_11).duties.map((duty) => [duty.key, duty.status, duty.withdrawnReason])).toEqual([
      [INFORM_PD1, 'withdrawn', 'victim_opted_out'],
      [HEARING_V(1), 'open', null],
    ]);
  });

  it('opens no new duty of a kind the victim opted out of, until they opt back in', () => {
    const events = [
      optedOut(MON_10, ['police_decision']),
      policeDecision(TUE_09, 'suspect_arrested', 'PD-1'),
      optedIn(WED_09, ['police_decision']),
      policeDecision(THU_09, 'charged', 'PD-2'),
    ];
    const result = evaluate(events, THU_09);
    expect(result.duties.map((duty) => duty.key)).toEqual([INFORM_PD2, 'support.vps-offer|journey']);
    expect(result.facts.optedOutOf).toEqual([]);
  });

  it('withdraws the Victim Contact Scheme duties when the victim declines the scheme', () => {
    const events = [sentence(MON_10), vcsReferred(TUE_09), optedOut(WED_09, ['victim_contact_scheme'])];
    expect(evaluate(events, WED_09).duties.map((duty) => [duty.ruleId, duty.status])).toEqual([
      ['wcu.inform-outcome', 'breached'],
      ['wcu.refer-to-vcs', 'met'],
      ['probation.vcs-contact', 'withdrawn'],
    ]);
  });

  it('withdraws the victim care service’s open duties when its support closes, and leaves every other organisation’s owed', () => {
    const events = [
      hearing('listed', MON_10, 1),
      policeDecision(MON_10, 'released_on_bail'),
      supportAccepted(MON_10),
      needsAssessmentCompleted(MON_11),
      journeyClosed(THU_09),
    ];
    expect(evaluate(events, THU_09).duties.map((duty) => [duty.ruleId, duty.status, duty.withdrawnReason])).toEqual([
      ['support.needs-assessment', 'met', null],
      ['support.rj-offer', 'withdrawn', 'journey_closed'],
      ['police.inform-decision', 'open', null],
      ['wcu.inform-hearing', 'breached', null],
    ]);
  });

  it('withdraws a duty recorded in error even when it is already breached', () => {
    const events = [
      policeDecision(MON_10, 'released_on_bail'),
      dutyWithdrawn(NEXT_WED_09, INFORM_PD1, 'recorded_in_error'),
    ];
    expect(theDuty(events, INFORM_PD1)).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: 'recorded_in_error',
      withdrawnAt: new Date(NEXT_WED_09),
    });
  });

  it('refuses to withdraw a breached duty for any other reason, and reports the attempt', () => {
    const lateWithdrawal = dutyWithdrawn(NEXT_WED_09, INFORM_PD1, 'not_applicable');
    const result = evaluate([policeDecision(MON_10, 'released_on_bail'), lateWithdrawal]);
    expect(result.duties[0]?.status).toBe('breached');
    expect(result.unmatched).toEqual([{ eventId: lateWithdrawal.id, type: 'duty.withdrawn', reason: 'past_due' }]);
  });

  it('withdraws an open duty not yet due with the reason given', () => {
    const events = [policeDecision(MON_10, 'released_on_bail'), dutyWithdrawn(TUE_09, INFORM_PD1, 'not_applicable')];
    expect(theDuty(events, INFORM_PD1)?.withdrawnReason).toBe('not_applicable');
  });

  it('reports the withdrawal of a duty the journey never had', () => {
    const stray = dutyWithdrawn(TUE_09, INFORM_PD2, 'recorded_in_error');
    expect(
      evaluate([policeDecision(MON_10, 'released_on_bail'), stray]).unmatched.map((event) => event.reason),
    ).toEqual(['no_such_duty']);
  });

  it('ignores the withdrawal of a duty already met', () => {
    const events = [
      policeDecision(MON_10, 'released_on_bail'),
      informedOfPoliceDecision(MON_11),
      dutyWithdrawn(TUE_09, INFORM_PD1, 'recorded_in_error'),
    ];
    const result = evaluate(events);
    expect(result.duties[0]?.status).toBe('met');
    expect(result.unmatched).toEqual([]);
  });
});

describe('referral consent (right 4)', () => {
  const REFER = 'police.refer-to-support|journey';

  it('owes a referral for a burglary unless the victim objects', () => {
    expect(theDuty([crimeReported(MON_10, { offenceCategory: 'burglary' })], REFER, MON_10)?.status).toBe('open');
    expect(
      theDuty([crimeReported(MON_10, { offenceCategory: 'burglary', referralConsent: 'objected' })], REFER),
    ).toBeUndefined();
  });

  it('owes no referral for domestic abuse until the victim explicitly agrees, then counts from the consent', () => {
    const reported = crimeReported(MON_10, { offenceCategory: 'domestic_abuse' });
    expect(theDuty([reported], REFER)).toBeUndefined();
    const referral = theDuty([reported, referralConsentRecorded(WED_09, 'given')], REFER, WED_09);
    expect(referral).toMatchObject({ status: 'open', openedAt: new Date(WED_09) });
    expect(referral?.dueAt.toISOString()).toBe('2026-01-16T23:59:59.999Z');
  });

  it('owes a referral for a sexual offence reported with consent given', () => {
    const reported = crimeReported(MON_10, { offenceCategory: 'sexual_offence', referralConsent: 'given' });
    expect(theDuty([reported, referralConsentRecorded(TUE_09, 'given')], REFER, TUE_09)?.openedAt).toEqual(
      new Date(MON_10),
    );
  });

  it('withdraws the referral when the victim objects before it is made', () => {
    const events = [crimeReported(MON_10), referralConsentRecorded(TUE_09, 'objected')];
    expect(theDuty(events, REFER)).toMatchObject({ status: 'withdrawn', withdrawnReason: 'victim_opted_out' });
  });
});

describe('the written acknowledgement of the crime report (right 3)', () => {
  it('is recorded as a step the journey took, with no deadline and no duty', () => {
    const result = evaluate([crimeReported(MON_10), crimeReportAcknowledged(WED_09)]);
    expect(result.facts.crimeReportAcknowledgedAt).toEqual(new Date(WED_09));
    expect(result.duties.map((duty) => duty.ruleId)).toEqual(['police.refer-to-support']);
  });

  it('keeps the first acknowledgement when the police send another', () => {
    const events = [crimeReportAcknowledged(WED_09), withId(crimeReportAcknowledged(MON_10), 'resent')];
    expect(evaluate(events).facts.crimeReportAcknowledgedAt).toEqual(new Date(MON_10));
  });

  it('is not known until it is given', () => {
    expect(evaluate([crimeReported(MON_10)]).facts.crimeReportAcknowledgedAt).toBeNull();
  });
});

describe('Victim Contact Scheme eligibility (right 11)', () => {
  const REFER_TO_VCS = 'wcu.refer-to-vcs|outcome:OUT-1';

  it.each([
    ['12 months in custody for a violent offence', { custodialMonths: 12 }, true],
    ['a hospital order for a sexual offence', { custodialMonths: 0, hospitalOrder: true }, true],
    ['11 months in custody', { custodialMonths: 11 }, false],
    ['5 years for a non-violent offence', { custodialMonths: 60, offenceViolentOrSexual: false }, false],
  ])('owes a referral after %s: %s', (_sentence, details, owed) => {
    expect(theDuty([sentence(MON_10, details)], REFER_TO_VCS, MON_10) !== undefined).toBe(owed);
  });

  it('meets the referral and opens the liaison officer contact with one vcs.referred event', () => {
    const events = [sentence(MON_10), vcsReferred(TUE_09)];
    expect(statuses(events, TUE_09)).toEqual([
      ['wcu.inform-outcome|outcome:OUT-1', 'open'],
      [REFER_TO_VCS, 'met'],
      ['probation.vcs-contact|outcome:OUT-1', 'open'],
    ]);
  });
});

describe('repeated events', () => {
  it('opens one duty for an event sent twice with the same id', () => {
    const decision = policeDecision(MON_10, 'suspect_arrested');
    expect(evaluate([decision, decision, decision], MON_10).duties).toHaveLength(1);
  });

  it('opens no second duty for a second opener of the same subject while the first is open', () => {
    const again = withId(policeDecision(TUE_09, 'suspect_arrested'), 'resent-from-partner-system');
    const duties = evaluate([policeDecision(MON_10, 'suspect_arrested'), again], TUE_09).duties;
    expect(duties).toHaveLength(1);
    expect(duties[0]?.openedAt).toEqual(new Date(MON_10));
  });

  it('opens no duty again for a subject whose duty was already met', () => {
    const events = [referralReceived(MON_10), contactSucceeded(MON_11), referralReceived(TUE_09, 'REF-2')];
    expect(statuses(events, TUE_09)).toEqual([['support.first-contact|journey', 'met']]);
  });

  it('opens a duty for each different decision', () => {
    const events = [
      policeDecision(MON_10, 'suspect_arrested', 'PD-1'),
      policeDecision(TUE_09, 'released_on_bail', 'PD-2'),
    ];
    expect(evaluate(events, TUE_09).duties.map((duty) => duty.key)).toEqual([INFORM_PD1, INFORM_PD2]);
  });
});

describe('enhanced rights', () => {
  it('shortens the deadlines of duties opened after the victim became eligible, and only those', () => {
    const events = [
      policeDecision(MON_10, 'suspect_arrested', 'PD-1'),
      enhancedRightsRecorded(WED_09, ['intimidated']),
      policeDecision(THU_09, 'released_on_bail', 'PD-2'),
    ];
    const [before, after] = evaluate(events, THU_09).duties;
    expect([before?.enhanced, before?.dueAt.toISOString()]).toEqual([false, '2026-01-19T23:59:59.999Z']);
    expect([after?.enhanced, after?.dueAt.toISOString()]).toEqual([true, '2026-01-16T23:59:59.999Z']);
  });

  it('applies to a duty opened at the same instant as the eligibility was recorded', () => {
    const events = [policeDecision(MON_10, 'suspect_arrested'), enhancedRightsRecorded(MON_10, ['most_serious_crime'])];
    expect(theDuty(events, INFORM_PD1)?.enhanced).toBe(true);
  });

  it('applies from the facts the journey started with', () => {
    const result = evaluateDuties({
      events: [policeDecision(MON_10, 'suspect_arrested')],
      facts: { enhancedSince: new Date('2026-01-01T00:00:00Z') },
      at: new Date(MON_10),
    });
    expect(result.duties[0]?.enhanced).toBe(true);
  });

  it('keeps the earliest eligibility when it is recorded twice', () => {
    const events = [enhancedRightsRecorded(MON_10), enhancedRightsRecorded(WED_09, ['persistently_targeted'])];
    expect(evaluate(events).facts.enhancedSince).toEqual(new Date(MON_10));
  });
});

describe('evaluating at an instant', () => {
  const decision = policeDecision(MON_10, 'released_on_bail');

  it('is open up to and including the due instant, and breached after it', () => {
    expect(theDuty([decision], INFORM_PD1, '2026-01-19T23:59:59.999Z')?.status).toBe('open');
    expect(theDuty([decision], INFORM_PD1, '2026-01-20T00:00:00.000Z')?.status).toBe('breached');
  });

  it('leaves out events after the instant', () => {
    expect(theDuty([decision, informedOfPoliceDecision(TUE_09)], INFORM_PD1, MON_11)?.status).toBe('open');
    expect(evaluate([decision], '2026-01-11T00:00:00Z').duties).toEqual([]);
  });

  it('uses the calendar it is given, with the deployment closure days', () => {
    const calendar = createCalendar({ closureDays: ['2026-01-13'] });
    const result = evaluateDuties({ events: [hearing('listed', MON_10, 1)], at: new Date(MON_10), calendar });
    expect(result.duties[0]?.dueAt.toISOString()).toBe('2026-01-14T23:59:59.999Z');
  });
});

describe('determinism', () => {
  it('gives the same duties whatever order the events are passed in', () => {
    const events = [
      crimeReported(MON_10),
      referralReceived(MON_10),
      contactSucceeded(MON_10),
      policeDecision(MON_10, 'charged'),
      informedOfPoliceDecision(MON_10),
      enhancedRightsRecorded(MON_10),
      hearing('listed', TUE_09, 1),
      hearing('moved', TUE_09, 2),
      journeyClosed(FRI_09),
    ];
    const forwards = evaluate(events);
    expect(evaluate([...events].reverse())).toEqual(forwards);
    expect(
      evaluate([
        events[4]!,
        events[0]!,
        events[8]!,
        events[2]!,
        events[6]!,
        events[1]!,
        events[7]!,
        events[5]!,
        events[3]!,
      ]),
    ).toEqual(forwards);
  });
});

describe('owners', () => {
  it('makes a complaint owed by the organisation complained about', () => {
    const duties = evaluate([complaintReceived(MON_10, 'probation')], MON_10).duties;
    expect(duties.map((duty) => [duty.ruleId, duty.owner, duty.right])).toEqual([
      ['complaint.acknowledge', 'probation', 12],
      ['complaint.respond', 'probation', 12],
    ]);
  });
});

describe('applyEvent, for the service layer', () => {
  const opened = applyEvent({ event: policeDecision(MON_10, 'released_on_bail'), openDuties: [] });

  it('gives the duties an event opens', () => {
    expect(opened.open.map((duty) => [duty.key, duty.status, duty.dueAt.toISOString()])).toEqual([
      [INFORM_PD1, 'open', '2026-01-19T23:59:59.999Z'],
    ]);
    expect([opened.discharge, opened.withdraw, opened.unmatched]).toEqual([[], [], []]);
  });

  it('gives the duties an event discharges, late ones with their working days late', () => {
    const stored = { ...opened.open[0]!, status: 'breached' as const };
    expect(applyEvent({ event: informedOfPoliceDecision(NEXT_WED_09), openDuties: [stored] }).discharge).toEqual([
      {
        key: INFORM_PD1,
        metAt: new Date(NEXT_WED_09),
        status: 'met_late',
        workingDaysLate: 2,
        dischargedByEventId: informedOfPoliceDecision(NEXT_WED_09).id,
      },
    ]);
  });

  it('gives the duties an event withdraws', () => {
    expect(applyEvent({ event: dutyWithdrawn(TUE_09, INFORM_PD1, 'recorded_in_error'), openDuties: opened.open }).withdraw).toEqual([
      { key: INFORM_PD1, reason: 'recorded_in_error', at: new Date(TUE_09) },
    ]);
    expect(applyEvent({ event: journeyClosed(TUE_09), openDuties: opened.open }).withdraw).toEqual([]);
  });

  it('never reopens a duty whose key is closed, and never reports a discharge of it as unmatched', () => {
    const closedDutyKeys = [INFORM_PD1];
    expect(
      applyEvent({ event: policeDecision(TUE_09, 'released_on_bail'), openDuties: [], closedDutyKeys }).open,
    ).toEqual([]);
    expect(applyEvent({ event: informedOfPoliceDecision(TUE_09), openDuties: [], closedDutyKeys }).unmatched).toEqual(
      [],
    );
  });

  it('ignores duties passed as open that are already closed', () => {
    const met = { ...opened.open[0]!, status: 'met' as const };
    expect(applyEvent({ event: journeyClosed(TUE_09), openDuties: [met] }).withdraw).toEqual([]);
  });

  it("gives the journey's facts after the event, to store with it", () => {
    expect(
      applyEvent({ event: enhancedRightsRecorded(MON_10), openDuties: [], optedOutOf: ['hearing'] }).facts,
    ).toEqual({
      enhancedSince: new Date(MON_10),
      optedOutOf: ['hearing'],
      crimeReportAcknowledgedAt: null,
    });
    expect(
      applyEvent({ event: policeDecision(TUE_09), openDuties: [], enhancedSince: new Date(MON_10) }).open[0]?.enhanced,
    ).toBe(true);
  });
});

describe('breachesAt', () => {
  it('lists the open duties past due at the instant, marked breached', () => {
    const open = evaluate([policeDecision(MON_10, 'charged'), hearing('listed', MON_10, 1)], MON_10).duties;
    expect(breachesAt(open, new Date(WED_09)).map((duty) => [duty.key, duty.status])).toEqual([
      [HEARING_V(1), 'breached'],
    ]);
    expect(breachesAt(open, new Date(MON_11))).toEqual([]);
  });
});

describe('a rule set that does not fit the events', () => {
  const base = VC_2020_1[1]!;

  it('refuses a rule matched on hearings but opened by a police decision', () => {
    const misfit: DutyRule = { ...base, subject: 'hearing' };
    expect(() => evaluateDuties({ events: [policeDecision(MON_10)], rules: [misfit], at: new Date(MON_10) })).toThrow(
      expect.objectContaining({ code: 'SUBJECT_MISMATCH' }),
    );
  });

  it('refuses a rule owed by the organisation complained about but opened by something other than a complaint', () => {
    const misfit: DutyRule = { ...base, owner: 'complaint_subject' };
    expect(() => evaluateDuties({ events: [policeDecision(MON_10)], rules: [misfit], at: new Date(MON_10) })).toThrow(
      RuleConfigurationError,
    );
  });
});
