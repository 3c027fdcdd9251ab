import { describe, expect, it } from '@jest/globals';
import {
  appeal,
  bailDecision,
  complaintAcknowledged,
  complaintReceived,
  complaintResponded,
  contactSucceeded,
  cpsDecision,
  crimeReported,
  enhancedRightsRecorded,
  expenseClaimDecided,
  expenseClaimReceived,
  hearing,
  informedOfAppeal,
  informedOfBail,
  informedOfCpsDecision,
  informedOfHearing,
  informedOfOutcome,
  informedOfPoliceDecision,
  needsAssessmentCompleted,
  notGuiltyPlea,
  policeDecision,
  policeVrrAcknowledged,
  policeVrrDecided,
  policeVrrRequested,
  referralReceived,
  rjOffered,
  sentence,
  supportAccepted,
  unableToContact,
  vcsContacted,
  vcsReferred,
  verdict,
  vpsOffered,
  witnessNeedsAssessed,
  witnessStatementGiven,
} from './code-event.builder.js';
import type { CodeEvent } from './events.js';
import { evaluateDuties } from './evaluator.js';
import type { RuleId } from './rules.js';

// Monday 12 January 2026, 10:00 GMT: no bank holiday for the next six weeks.
const MONDAY = '2026-01-12T10:00:00Z';
const END_OF_NTH_WORKING_DAY_AFTER_MONDAY: Record<number, string> = {
  1: '2026-01-13T23:59:59.999Z',
  2: '2026-01-14T23:59:59.999Z',
  5: '2026-01-19T23:59:59.999Z',
  10: '2026-01-26T23:59:59.999Z',
  20: '2026-02-09T23:59:59.999Z',
  30: '2026-02-23T23:59:59.999Z',
};
const THE_WEEK_BEFORE = '2026-01-05T09:00:00Z';

interface DeadlineCase {
  readonly rule: RuleId;
  readonly duty: string;
  readonly opens: (at: string) => CodeEvent;
  readonly discharges: (at: string) => CodeEvent;
  readonly owner: string;
  readonly standard: number;
  readonly enhanced: number;
}

const DEADLINES: DeadlineCase[] = [
  {
    rule: 'police.refer-to-support',
    duty: 'to be referred to the victim care service',
    opens: (at) => crimeReported(at),
    discharges: (at) => referralReceived(at),
    owner: 'police',
    standard: 2,
    enhanced: 2,
  },
  {
    rule: 'police.inform-decision',
    duty: 'to be told of a charge',
    opens: (at) => policeDecision(at, 'charged'),
    discharges: (at) => informedOfPoliceDecision(at),
    owner: 'police',
    standard: 5,
    enhanced: 1,
  },
  {
    rule: 'cps.inform-decision',
    duty: 'to be told of a CPS decision not to charge',
    opens: (at) => cpsDecision(at, 'not_to_charge'),
    discharges: (at) => informedOfCpsDecision(at),
    owner: 'cps',
    standard: 5,
    enhanced: 1,
  },
  {
    rule: 'wcu.inform-hearing',
    duty: 'to be told the date, time and place of a hearing',
    opens: (at) => hearing('listed', at, 1),
    discharges: (at) => informedOfHearing(at, 1),
    owner: 'witness_care_unit',
    standard: 1,
    enhanced: 1,
  },
  {
    rule: 'wcu.inform-bail',
    duty: 'to be told of a court bail decision',
    opens: (at) => bailDecision(at),
    discharges: (at) => informedOfBail(at),
    owner: 'witness_care_unit',
    standard: 5,
    enhanced: 1,
  },
  {
    rule: 'wcu.inform-outcome',
    duty: 'to be told the verdict',
    opens: (at) => verdict(at),
    discharges: (at) => informedOfOutcome(at),
    owner: 'witness_care_unit',
    standard: 1,
    enhanced: 1,
  },
  {
    rule: 'wcu.inform-appeal',
    duty: 'to be told an appeal was lodged',
    opens: (at) => appeal('lodged', at),
    discharges: (at) => informedOfAppeal(at, 'lodged'),
    owner: 'witness_care_unit',
    standard: 5,
    enhanced: 1,
  },
  {
    rule: 'wcu.needs-assessment',
    duty: 'to have their needs as a witness assessed after a not-guilty plea',
    opens: (at) => notGuiltyPlea(at),
    discharges: (at) => witnessNeedsAssessed(at),
    owner: 'witness_care_unit',
    standard: 2,
    enhanced: 1,
  },
  {
    rule: 'wcu.refer-to-vcs',
    duty: 'to be referred to the Victim Contact Scheme after a 2-year sentence for a violent offence',
    opens: (at) => sentence(at),
    discharges: (at) => vcsReferred(at),
    owner: 'witness_care_unit',
    standard: 10,
    enhanced: 10,
  },
  {
    rule: 'probation.vcs-contact',
    duty: 'to be contacted by a victim liaison officer after referral',
    opens: (at) => vcsReferred(at),
    discharges: (at) => vcsContacted(at),
    owner: 'probation',
    standard: 20,
    enhanced: 20,
  },
  {
    rule: 'cps.pay-expenses',
    duty: 'to have an expense claim paid or refused',
    opens: (at) => expenseClaimReceived(at),
    discharges: (at) => expenseClaimDecided(at),
    owner: 'cps',
    standard: 10,
    enhanced: 10,
  },
  {
    rule: 'police.vrr-acknowledge',
    duty: 'to have a request for a police review acknowledged',
    opens: (at) => policeVrrRequested(at),
    discharges: (at) => policeVrrAcknowledged(at),
    owner: 'police',
    standard: 10,
    enhanced: 10,
  },
  {
    rule: 'police.vrr-decide',
    duty: 'to receive the outcome of a police review',
    opens: (at) => policeVrrRequested(at),
    discharges: (at) => policeVrrDecided(at),
    owner: 'police',
    standard: 30,
    enhanced: 30,
  },
  {
    rule: 'complaint.acknowledge',
    duty: 'to have a complaint acknowledged',
    opens: (at) => complaintReceived(at, 'cps'),
    discharges: (at) => complaintAcknowledged(at),
    owner: 'cps',
    standard: 10,
    enhanced: 10,
  },
  {
    rule: 'complaint.respond',
    duty: 'to receive a full response to a complaint',
    opens: (at) => complaintReceived(at, 'cps'),
    discharges: (at) => complaintResponded(at),
    owner: 'cps',
    standard: 20,
    enhanced: 20,
  },
  {
    rule: 'support.first-contact',
    duty: 'to be contacted by the victim care service after referral',
    opens: (at) => referralReceived(at),
    discharges: (at) => contactSucceeded(at),
    owner: 'victim_care_service',
    standard: 2,
    enhanced: 1,
  },
  {
    rule: 'support.needs-assessment',
    duty: 'to have their needs assessed once they accept support',
    opens: (at) => supportAccepted(at),
    discharges: (at) => needsAssessmentCompleted(at),
    owner: 'victim_care_service',
    standard: 5,
    enhanced: 2,
  },
  {
    rule: 'support.vps-offer',
    duty: 'to be offered a Victim Personal Statement after a charge',
    opens: (at) => policeDecision(at, 'charged'),
    discharges: (at) => vpsOffered(at),
    owner: 'police',
    standard: 5,
    enhanced: 1,
  },
  {
    rule: 'support.rj-offer',
    duty: 'to be told about restorative justice once they accept support',
    opens: (at) => supportAccepted(at),
    discharges: (at) => rjOffered(at),
    owner: 'victim_care_service',
    standard: 20,
    enhanced: 20,
  },
];

const workingDaysText = (n: number): string => `${n} working day${n === 1 ? '' : 's'}`;

function dutyFor(rule: RuleId, events: CodeEvent[], at: string) {
  return evaluateDuties({ events, at: new Date(at) }).duties.find((duty) => duty.ruleId === rule);
}

describe.each(DEADLINES)('$rule', ({ rule, duty, opens, discharges, owner, standard, enhanced }) => {
  it(`gives a victim ${workingDaysText(standard)} ${duty}`, () => {
    const opened = dutyFor(rule, [opens(MONDAY)], MONDAY);
    expect(opened).toMatchObject({ status: 'open', enhanced: false, owner, openedAt: new Date(MONDAY) });
    expect(opened?.dueAt.toISOString()).toBe(END_OF_NTH_WORKING_DAY_AFTER_MONDAY[standard]);
  });

  it(`gives an enhanced victim ${workingDaysText(enhanced)} ${duty}`, () => {
    const opened = dutyFor(rule, [enhancedRightsRecorded(THE_WEEK_BEFORE), opens(MONDAY)], MONDAY);
    expect(opened).toMatchObject({ status: 'open', enhanced: true });
    expect(opened?.dueAt.toISOString()).toBe(END_OF_NTH_WORKING_DAY_AFTER_MONDAY[enhanced]);
  });

  it('is met by its discharging event on the last moment of the due day', () => {
    const dueAt = END_OF_NTH_WORKING_DAY_AFTER_MONDAY[standard]!;
    expect(dutyFor(rule, [opens(MONDAY), discharges(dueAt)], dueAt)).toMatchObject({
      status: 'met',
      metAt: new Date(dueAt),
      workingDaysLate: 0,
      dischargedByEventId: discharges(dueAt).id,
    });
  });

  it('is breached one millisecond after the due instant', () => {
    const justAfterDue = new Date(Date.parse(END_OF_NTH_WORKING_DAY_AFTER_MONDAY[standard]!) + 1).toISOString();
    expect(dutyFor(rule, [opens(MONDAY)], justAfterDue)?.status).toBe('breached');
  });
});

describe('the deadlines as the Code puts them', () => {
  it('gives an enhanced victim 1 working day to be told of a charge', () => {
    const told = dutyFor(
      'police.inform-decision',
      [enhancedRightsRecorded(THE_WEEK_BEFORE), policeDecision(MONDAY, 'charged')],
      MONDAY,
    );
    expect(told?.dueAt.toISOString()).toBe('2026-01-13T23:59:59.999Z');
  });

  it('gives the police until the end of Monday to tell a victim of an arrest made at 00:30 on Saturday, when enhanced', () => {
    const arrest = policeDecision('2026-01-17T00:30:00Z', 'suspect_arrested');
    const told = dutyFor(
      'police.inform-decision',
      [enhancedRightsRecorded(THE_WEEK_BEFORE), arrest],
      '2026-01-17T00:30:00Z',
    );
    expect(told?.dueAt.toISOString()).toBe('2026-01-19T23:59:59.999Z');
  });

  it('gives the witness care unit until the end of Tuesday to tell of a hearing listed on the Saturday before the early May bank holiday', () => {
    // Saturday 2 May 2026 00:30 BST; Monday 4 May is a bank holiday.
    const listed = hearing('listed', '2026-05-01T23:30:00Z', 1);
    expect(dutyFor('wcu.inform-hearing', [listed], '2026-05-02T12:00:00Z')?.dueAt.toISOString()).toBe(
      '2026-05-05T22:59:59.999Z',
    );
  });

  it.each([
    'no_investigation',
    'investigation_closed',
    'suspect_arrested',
    'interviewed_under_caution',
    'released_nfa',
    'released_on_bail',
    'released_under_investigation',
    'bail_conditions_changed',
    'charged',
    'out_of_court_disposal',
  ] as const)('owes the victim news of a police decision: %s', (kind) => {
    expect(dutyFor('police.inform-decision', [policeDecision(MONDAY, kind)], MONDAY)?.status).toBe('open');
  });

  it.each(['not_to_charge', 'discontinue', 'alter_charges'] as const)(
    'owes the victim news of a CPS decision: %s',
    (kind) => {
      expect(dutyFor('cps.inform-decision', [cpsDecision(MONDAY, kind)], MONDAY)?.status).toBe('open');
    },
  );

  it('owes no VPS offer for a police decision other than a charge', () => {
    expect(dutyFor('support.vps-offer', [policeDecision(MONDAY, 'released_on_bail')], MONDAY)).toBeUndefined();
  });

  it('owes a VPS offer from the witness statement, when the victim gives one', () => {
    const offer = dutyFor('support.vps-offer', [witnessStatementGiven(MONDAY)], MONDAY);
    expect([offer?.openedAt, offer?.dueAt.toISOString()]).toEqual([new Date(MONDAY), '2026-01-19T23:59:59.999Z']);
  });

  it('owes one VPS offer, due from the earlier of the witness statement and the charge', () => {
    const statementFirst = [witnessStatementGiven(MONDAY), policeDecision('2026-01-14T10:00:00Z', 'charged')];
    const chargeFirst = [witnessStatementGiven('2026-01-14T10:00:00Z'), policeDecision(MONDAY, 'charged')];
    for (const events of [statementFirst, chargeFirst]) {
      const offers = evaluateDuties({ events, at: new Date('2026-01-14T10:00:00Z') }).duties.filter(
        (duty) => duty.ruleId === 'support.vps-offer',
      );
      expect(offers.map((duty) => [duty.openedAt, duty.dueAt.toISOString()])).toEqual([
        [new Date(MONDAY), '2026-01-19T23:59:59.999Z'],
      ]);
    }
  });

  it.each([
    ['hearing moved', hearing('moved', MONDAY, 2)],
    ['hearing adjourned', hearing('adjourned', MONDAY, 2)],
    ['hearing vacated', hearing('vacated', MONDAY, 2)],
  ])('owes the victim news of a %s', (_change, event) => {
    expect(dutyFor('wcu.inform-hearing', [event], MONDAY)?.subject).toEqual({ kind: 'hearing', id: 'H-1', version: 2 });
  });

  it('owes the victim news of a sentence as well as a verdict', () => {
    expect(dutyFor('wcu.inform-outcome', [sentence(MONDAY, { outcomeId: 'OUT-2' })], MONDAY)?.subject).toEqual({
      kind: 'outcome',
      id: 'OUT-2',
    });
  });

  it.each([
    ['hearing_listed', appeal('hearing_listed', MONDAY)],
    ['decided', appeal('decided', MONDAY)],
  ] as const)('owes the victim news of an appeal step: %s', (stage, event) => {
    const told = evaluateDuties({ events: [event, informedOfAppeal(MONDAY, stage)], at: new Date(MONDAY) });
    expect(told.duties).toMatchObject([
      { ruleId: 'wcu.inform-appeal', status: 'met', subject: { kind: 'appeal', stage } },
    ]);
  });

  it('counts the first contact duty met when the attempts policy is exhausted', () => {
    const events = [referralReceived(MONDAY), unableToContact('2026-01-13T16:00:00Z')];
    expect(dutyFor('support.first-contact', events, '2026-01-13T16:00:00Z')?.status).toBe('met');
  });

  it('counts a police review request acknowledged when its outcome is sent first', () => {
    const events = [policeVrrRequested(MONDAY), policeVrrDecided('2026-01-20T10:00:00Z')];
    const duties = evaluateDuties({ events, at: new Date('2026-01-20T10:00:00Z') }).duties;
    expect(duties.map((duty) => [duty.ruleId, duty.status])).toEqual([
      ['police.vrr-acknowledge', 'met'],
      ['police.vrr-decide', 'met'],
    ]);
  });

  it('counts a complaint acknowledged when the full response comes first', () => {
    const events = [complaintReceived(MONDAY, 'witness_care_unit'), complaintResponded('2026-01-20T10:00:00Z')];
    const duties = evaluateDuties({ events, at: new Date('2026-01-20T10:00:00Z') }).duties;
    expect(duties.map((duty) => [duty.ruleId, duty.owner, duty.status])).toEqual([
      ['complaint.acknowledge', 'witness_care_unit', 'met'],
      ['complaint.respond', 'witness_care_unit', 'met'],
    ]);
  });
});
