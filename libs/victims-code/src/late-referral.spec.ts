import { describe, expect, it } from '@jest/globals';
import {
  cpsDecision,
  hearing,
  informedOfPoliceDecision,
  policeDecision,
  receivedAt,
  recordCorrected,
  recordVoided,
  sentence,
  withId,
} from './code-event.builder.js';
import type { CodeEvent } from './events.js';
import { evaluateDuties } from './evaluator.js';
import { lateReferralNews, type LateReferralInput } from './late-referral.js';

// The new victim's referral reaches the service on Wednesday 20 May 2026, 11:00 BST.
const REFERRAL = '2026-05-20T10:00:00Z';

const owed = (crimeEvents: CodeEvent[], more: Partial<LateReferralInput> = {}) =>
  lateReferralNews({ referralReceivedAt: new Date(REFERRAL), crimeEvents, ...more }).map(({ event, owedBecause }) => [
    event.type,
    owedBecause,
  ]);

describe('the news a victim referred late is still owed', () => {
  it('includes a decision of the last 3 calendar months, to the day', () => {
    expect(owed([policeDecision('2026-02-20T09:00:00Z', 'released_on_bail')])).toEqual([
      ['police.decision-made', 'recent_decision'],
    ]);
    expect(owed([policeDecision('2026-02-19T09:00:00Z', 'released_on_bail')])).toEqual([]);
    expect(owed([cpsDecision('2026-04-01T09:00:00Z', 'alter_charges')])).toEqual([['cps.decision-made', 'recent_decision']]);
  });

  it('includes the latest version of a hearing still to come, and no earlier version', () => {
    const events = [hearing('listed', '2026-04-01T09:00:00Z', 1), hearing('moved', '2026-05-01T09:00:00Z', 2)];
    const news = lateReferralNews({
      referralReceivedAt: new Date(REFERRAL),
      crimeEvents: events,
      hearingDates: { 'H-1': new Date('2026-06-10T09:00:00Z') },
    });
    expect(news.map(({ event, owedBecause }) => [event.payload, owedBecause])).toEqual([
      [{ hearingId: 'H-1', version: 2 }, 'hearing_to_come'],
    ]);
  });

  it('leaves out a hearing already held, and one vacated', () => {
    const held = hearing('listed', '2026-04-01T09:00:00Z', 1, 'H-HELD');
    const vacated = [hearing('listed', '2026-04-01T09:00:00Z', 1, 'H-OFF'), hearing('vacated', '2026-04-02T09:00:00Z', 2, 'H-OFF')];
    expect(owed([held, ...vacated], { hearingDates: { 'H-HELD': new Date('2026-05-19T09:00:00Z') } })).toEqual([]);
  });

  it('takes a hearing whose date is not known as still to come', () => {
    expect(owed([hearing('adjourned', '2026-05-01T09:00:00Z', 3)])).toEqual([['hearing.adjourned', 'hearing_to_come']]);
  });

  it('includes a sentence whose Unduly Lenient Sentence window is still open', () => {
    expect(owed([sentence('2026-04-22T12:00:00Z', { custodialMonths: 6 })])).toEqual([['court.sentence', 'uls_window_open']]);
    expect(owed([sentence('2026-04-21T12:00:00Z', { custodialMonths: 6 })])).toEqual([]);
  });

  it('includes a sentence whose Victim Contact Scheme eligibility still runs: custody not yet served, or a hospital order', () => {
    expect(owed([sentence('2025-01-10T12:00:00Z', { custodialMonths: 24 })])).toEqual([['court.sentence', 'vcs_window_open']]);
    expect(owed([sentence('2024-05-19T12:00:00Z', { custodialMonths: 24 })])).toEqual([]);
    expect(owed([sentence('2019-01-10T12:00:00Z', { custodialMonths: 0, hospitalOrder: true })])).toEqual([
      ['court.sentence', 'vcs_window_open'],
    ]);
    expect(owed([sentence('2025-01-10T12:00:00Z', { custodialMonths: 24, offenceViolentOrSexual: false })])).toEqual([]);
  });

  it('leaves out voided news, and reads corrected news at its corrected date', () => {
    const decision = policeDecision('2026-05-01T09:00:00Z', 'charged');
    expect(owed([decision, recordVoided('2026-05-02T09:00:00Z', 'police_decision', 'PD-1')])).toEqual([]);
    const corrected = recordCorrected('2026-05-02T09:00:00Z', decision.id, { occurredAt: '2026-01-05T09:00:00Z' });
    expect(owed([decision, corrected])).toEqual([]);
  });

  it('leaves out news that comes after the referral: the new victim is owed that in the usual way', () => {
    expect(owed([policeDecision('2026-05-21T09:00:00Z', 'charged')])).toEqual([]);
  });

  it('owes each piece of news once, though another system sent it twice', () => {
    const decision = policeDecision('2026-05-01T09:00:00Z', 'charged');
    expect(owed([decision, withId(decision, 'resent')])).toHaveLength(1);
  });

  it('gives the events to record: the news received at the referral, marked as owed for a late referral', () => {
    const decision = receivedAt(policeDecision('2026-05-01T09:00:00Z', 'charged'), '2026-05-01T09:00:00Z');
    expect(lateReferralNews({ referralReceivedAt: new Date(REFERRAL), crimeEvents: [decision] })).toEqual([
      {
        event: { ...decision, id: `late-referral:${decision.id}`, receivedAt: new Date(REFERRAL), reason: 'late_referral' },
        owedBecause: 'recent_decision',
      },
    ]);
  });
});

describe("the new victim's duties from that news", () => {
  const crimeEvents = [policeDecision('2026-05-01T09:00:00Z', 'charged'), sentence('2026-05-11T12:00:00Z')];
  const news = lateReferralNews({ referralReceivedAt: new Date(REFERRAL), crimeEvents }).map(({ event }) => event);

  it('run from the referral, each saying why it was opened (25 May a bank holiday)', () => {
    const { duties } = evaluateDuties({ events: news, at: new Date(REFERRAL) });
    expect(duties.map((duty) => [duty.ruleId, duty.openedAt, duty.dueAt.toISOString(), duty.openedBecause])).toEqual([
      ['police.inform-decision', new Date(REFERRAL), '2026-05-28T22:59:59.999Z', 'late_referral'],
      ['support.vps-offer', new Date(REFERRAL), '2026-05-28T22:59:59.999Z', 'late_referral'],
      ['wcu.inform-outcome', new Date(REFERRAL), '2026-05-21T22:59:59.999Z', 'late_referral'],
      ['wcu.refer-to-vcs', new Date(REFERRAL), '2026-06-04T22:59:59.999Z', 'late_referral'],
    ]);
  });

  it('are met by telling the victim of the same decision', () => {
    const { duties } = evaluateDuties({
      events: [...news, informedOfPoliceDecision('2026-05-21T09:00:00Z')],
      at: new Date('2026-05-21T09:00:00Z'),
    });
    expect(duties[0]).toMatchObject({ ruleId: 'police.inform-decision', status: 'met' });
  });
});
