import { describe, expect, it } from '@jest/globals';
import {
  appeal,
  bailDecision,
  complaintReceived,
  crimeReported,
  enhancedRightsRecorded,
  expenseClaimReceived,
  hearing,
  informedOfHearing,
  notGuiltyPlea,
  optedOut,
  policeDecision,
  policeVrrRequested,
  receivedAt,
  referralReceived,
  sentence,
  vcsReferred,
  verdict,
  withId,
} from './code-event.builder.js';
import { eventInstantProblems } from './event-problems.js';
import { compareEvents, effectiveAt, RECEIPT_CLOCK_EVENT_TYPES, type CodeEvent } from './events.js';
import { evaluateDuties } from './evaluator.js';

// January 2026, no bank holidays; GMT, so London = UTC.
const MON = '2026-01-12T10:00:00Z';
const TUE = '2026-01-13T10:00:00Z';
const WED = '2026-01-14T10:00:00Z';
const THU = '2026-01-15T10:00:00Z';
const LATER = '2026-03-02T10:00:00Z';

const evaluate = (events: CodeEvent[], at = LATER) => evaluateDuties({ events, at: new Date(at) });
const dutyOf = (events: CodeEvent[], ruleId: string, at = LATER) =>
  evaluate(events, at).duties.find((duty) => duty.ruleId === ruleId);

describe('duties that run from when the duty-holder received the news', () => {
  it('gives the witness care unit 1 working day from receiving a listing from the court, not from the listing', () => {
    const listed = receivedAt(hearing('listed', MON, 1), WED);
    expect(dutyOf([listed], 'wcu.inform-hearing')).toMatchObject({
      openedAt: new Date(WED),
      dueAt: new Date('2026-01-15T23:59:59.999Z'),
    });
  });

  it('runs from when it happened when no receipt is recorded', () => {
    expect(dutyOf([hearing('listed', MON, 1)], 'wcu.inform-hearing')?.dueAt).toEqual(
      new Date('2026-01-13T23:59:59.999Z'),
    );
  });

  it("ignores a receipt on the duty-holder's own act: a police decision runs from when it was made", () => {
    const decision = receivedAt(policeDecision(MON, 'released_on_bail'), WED);
    expect(effectiveAt(decision)).toEqual(new Date(MON));
    expect(dutyOf([decision], 'police.inform-decision')?.openedAt).toEqual(new Date(MON));
  });

  it.each([
    ['a hearing moved', hearing('moved', MON, 2), 'wcu.inform-hearing'],
    ['a court bail decision', bailDecision(MON), 'wcu.inform-bail'],
    ['a verdict', verdict(MON), 'wcu.inform-outcome'],
    ['a sentence', sentence(MON), 'wcu.inform-outcome'],
    ['an appeal lodged', appeal('lodged', MON), 'wcu.inform-appeal'],
    ['an appeal decided', appeal('decided', MON), 'wcu.inform-appeal'],
    ['a not-guilty plea', notGuiltyPlea(MON), 'wcu.needs-assessment'],
    ['a referral', referralReceived(MON), 'support.first-contact'],
    ['a VCS referral', vcsReferred(MON), 'probation.vcs-contact'],
    ['a police review request', policeVrrRequested(MON), 'police.vrr-acknowledge'],
    ['an expense claim', expenseClaimReceived(MON), 'cps.pay-expenses'],
    ['a complaint', complaintReceived(MON), 'complaint.acknowledge'],
  ])('opens the duty for %s when it was received', (_news, event, ruleId) => {
    expect(RECEIPT_CLOCK_EVENT_TYPES).toContain(event.type);
    expect(dutyOf([receivedAt(event, WED)], ruleId)?.openedAt).toEqual(new Date(WED));
  });

  it('meets the police referral when it was sent, and runs first contact from the victim care service receiving it', () => {
    const events = [crimeReported(MON), receivedAt(referralReceived(TUE), THU)];
    expect(dutyOf(events, 'police.refer-to-support')).toMatchObject({ status: 'met', metAt: new Date(TUE) });
    expect(dutyOf(events, 'support.first-contact')?.openedAt).toEqual(new Date(THU));
  });

  it("meets the witness care unit's VCS referral when made, and runs probation's contact from receiving it", () => {
    const events = [sentence(MON), receivedAt(vcsReferred(TUE), THU)];
    expect(dutyOf(events, 'wcu.refer-to-vcs')).toMatchObject({ status: 'met', metAt: new Date(TUE) });
    expect(dutyOf(events, 'probation.vcs-contact')?.openedAt).toEqual(new Date(THU));
  });

  it('owes nothing yet between the listing and its receipt', () => {
    expect(evaluate([receivedAt(hearing('listed', MON, 1), WED)], TUE).duties).toEqual([]);
  });

  it('gives the enhanced deadline when the victim became eligible after the listing but before its receipt', () => {
    const events = [receivedAt(hearing('moved', MON, 2), WED), enhancedRightsRecorded(TUE)];
    expect(dutyOf(events, 'wcu.inform-hearing')?.enhanced).toBe(true);
  });

  it('opens nothing when the victim opted out between the listing and its receipt', () => {
    expect(dutyOf([receivedAt(hearing('listed', MON, 1), WED), optedOut(TUE, ['hearing'])], 'wcu.inform-hearing')).toBe(
      undefined,
    );
  });

  it('does not count news given before the unit had it, and reports it as unmatched', () => {
    const toldEarly = informedOfHearing(TUE, 1);
    const result = evaluate([receivedAt(hearing('listed', MON, 1), WED), toldEarly], WED);
    expect(result.duties.map((duty) => duty.status)).toEqual(['open']);
    expect(result.unmatched).toEqual([{ eventId: toldEarly.id, type: 'victim.informed', reason: 'no_such_duty' }]);
  });

  it('meets nothing with a referral dated before the crime was reported, and reports it', () => {
    const referral = receivedAt(referralReceived(MON), THU);
    const result = evaluate([crimeReported(TUE), referral], THU);
    expect(result.duties.find((duty) => duty.ruleId === 'police.refer-to-support')?.status).toBe('open');
    expect(result.unmatched).toEqual([{ eventId: referral.id, type: 'referral.received', reason: 'no_such_duty' }]);
  });
});

describe('the order of events with receipts', () => {
  it('applies an event when it takes effect: at its receipt for news, at its occurrence otherwise', () => {
    const listed = receivedAt(hearing('listed', MON, 1), WED);
    const decision = policeDecision(TUE, 'charged');
    expect([listed, decision].sort(compareEvents)).toEqual([decision, listed]);
  });

  it('settles two events sent with one id by their instants, so the input order never matters', () => {
    const early = withId(hearing('listed', MON, 1), 'same');
    const late = { ...early, occurredAt: new Date('2026-01-12T09:00:00Z'), receivedAt: new Date(MON) };
    const noReceipt = { ...early, occurredAt: new Date('2026-01-12T09:00:00Z') };
    const sorted = [noReceipt, late, early].sort(compareEvents);
    expect([late, early, noReceipt].sort(compareEvents)).toEqual(sorted);
    expect(sorted.map((event) => event.receivedAt)).toEqual([undefined, new Date(MON), undefined]);
  });

  it('orders two events received at the same instant by when they happened', () => {
    const a = { ...withId(hearing('listed', MON, 1), 'same'), receivedAt: new Date(WED) };
    const b = { ...a, receivedAt: new Date(THU), occurredAt: new Date(WED) };
    const c = { ...a, occurredAt: new Date(WED), receivedAt: new Date(WED) };
    expect([b, c, a].sort(compareEvents)).toEqual([a, c, b]);
  });
});

describe('the instants of an event before it is recorded', () => {
  it('accepts news received after it happened, or with no receipt', () => {
    expect(eventInstantProblems({ occurredAt: new Date(MON), receivedAt: new Date(TUE) })).toEqual([]);
    expect(eventInstantProblems({ occurredAt: new Date(MON), receivedAt: new Date(MON) })).toEqual([]);
    expect(eventInstantProblems({ occurredAt: new Date(MON), receivedAt: null })).toEqual([]);
    expect(eventInstantProblems({ occurredAt: new Date(MON) })).toEqual([]);
  });

  it('refuses news received before it happened', () => {
    expect(eventInstantProblems({ occurredAt: new Date(TUE), receivedAt: new Date(MON) })).toEqual([
      { field: 'receivedAt', message: 'must not be before occurredAt: news cannot arrive before it happens' },
    ]);
  });

  it('refuses instants that are not valid dates', () => {
    expect(eventInstantProblems({ occurredAt: new Date('no'), receivedAt: new Date('nor this') })).toEqual([
      { field: 'occurredAt', message: 'is not a valid instant' },
      { field: 'receivedAt', message: 'is not a valid instant' },
    ]);
    expect(eventInstantProblems({ occurredAt: new Date('no'), receivedAt: new Date(MON) })).toEqual([
      { field: 'occurredAt', message: 'is not a valid instant' },
    ]);
  });
});
