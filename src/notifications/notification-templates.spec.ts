import { describe, expect, it } from '@jest/globals';
import { dutyLabel, londonDeadline, type NotificationMessage, renderNotification } from './notification-templates.js';
import { describeSendError } from './notifications.service.js';

const BASE_URL = 'https://vjs.example.gov.uk/';
const JOURNEY_ID = '6f1c0c1e-8a4e-4c55-9a59-0d8b6d1c2b10';
// 23:59 on Wednesday 8 April 2026 in London (BST, UTC+1).
const DUE_AT = new Date('2026-04-08T22:59:59.999Z');

/** A journey as the service holds it: what the sweeper reads has names and notes beside the ids. */
const journeyWithPersonalData = {
  journeyId: JOURNEY_ID,
  journeyReference: 'VJ-2026-000123',
  givenName: 'Rosalind',
  familyName: 'Featherstonehaugh',
  address: '17 Quarry Lane, Middlesbrough TS1 4AB',
  offenceCategory: 'sexual_offence',
  notes: 'Prefers to be called after six; brother is the suspect',
};

// A sentence passed on Wednesday 15 April 2026: its ULS window closes at the end of Wednesday 13 May (BST).
const ULS_CLOSES_AT = new Date('2026-05-13T22:59:59.999Z');

const everyKind = (): NotificationMessage[] => {
  const duty = { ...journeyWithPersonalData, ruleId: 'support.first-contact' as const, dueAt: DUE_AT };
  const overdue = { ...duty, workingDaysLate: 2 };
  const window = { ...journeyWithPersonalData, closesAt: ULS_CLOSES_AT, disposal: 'suspended_sentence', custodialMonths: 18 };
  return [
    { kind: 'duty_due_soon', duties: [duty] },
    { kind: 'duty_breached', duties: [overdue] },
    { kind: 'daily_digest', day: new Date('2026-04-08T07:00:00Z'), dueToday: [duty], overdue: [overdue], newReferrals: [{ ...journeyWithPersonalData, referredAt: DUE_AT }] },
    { kind: 'uls_reminder', window },
    { kind: 'reminder_unroutable', duties: [{ ...duty, reminder: 'due-soon', ownerKind: 'witness_care_unit' }] },
    { kind: 'reminder_unroutable', reminder: 'uls', window, ownerKind: 'witness_care_unit' },
    { kind: 'duty_due_soon', duties: [duty, { ...duty, ruleId: 'support.needs-assessment' as const }] },
    { kind: 'duty_missed', duties: [overdue, overdue] },
  ];
};

describe('notification emails', () => {
  it('names the duty by its Code rule and right', () => {
    expect(dutyLabel('support.first-contact')).toBe('Make first contact with the victim after referral (Code right 4)');
  });

  it('gives the deadline in London time, as a day a person reads', () => {
    expect(londonDeadline(DUE_AT)).toBe('by 23:59 on Wednesday 8 April 2026');
    // In winter London is on GMT.
    expect(londonDeadline(new Date('2026-01-14T23:59:00Z'))).toBe('by 23:59 on Wednesday 14 January 2026');
  });

  it('tells the owner of a duty due soon the reference, the duty, the deadline and the link, in text and HTML', () => {
    const [dueSoon] = everyKind();
    const email = renderNotification(dueSoon, { publicBaseUrl: BASE_URL });
    expect(email.kind).toBe('duty_due_soon');
    expect(email.subject).toBe('Due soon: VJ-2026-000123, Make first contact with the victim after referral (Code right 4)');
    for (const body of [email.text, email.html]) {
      expect(body).toContain('VJ-2026-000123');
      expect(body).toContain('Make first contact with the victim after referral (Code right 4)');
      expect(body).toContain('by 23:59 on Wednesday 8 April 2026');
      expect(body).toContain(`https://vjs.example.gov.uk/journeys/${JOURNEY_ID}`);
    }
  });

  it('lists every duty due at the same moment in one email, earliest deadline first, with a link to each journey', () => {
    const journeyB = '0b7c1a2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
    const email = renderNotification(
      {
        kind: 'duty_due_soon',
        duties: [
          { journeyId: journeyB, journeyReference: 'VJ-2026-000200', ruleId: 'support.first-contact', dueAt: new Date(DUE_AT.getTime() + 86_400_000) },
          { journeyId: JOURNEY_ID, journeyReference: 'VJ-2026-000123', ruleId: 'support.first-contact', dueAt: DUE_AT },
        ],
      },
      { publicBaseUrl: BASE_URL },
    );
    expect(email.subject).toBe("Due soon: 2 Victims' Code duties, the first due by 23:59 on Wednesday 8 April 2026");
    for (const body of [email.text, email.html]) {
      expect(body.indexOf('VJ-2026-000123')).toBeLessThan(body.indexOf('VJ-2026-000200'));
      expect(body).toContain(`https://vjs.example.gov.uk/journeys/${JOURNEY_ID}`);
      expect(body).toContain(`https://vjs.example.gov.uk/journeys/${journeyB}`);
      expect(body).toContain('Due by 23:59 on Thursday 9 April 2026');
    }
  });

  it('tells a supervisor how many working days late a breached duty is', () => {
    const email = renderNotification(everyKind()[1], { publicBaseUrl: BASE_URL });
    expect(email.subject).toMatch(/^Deadline missed: VJ-2026-000123/);
    expect(email.text).toContain('2 working days late');
    expect(email.html).toContain('supervisor');
  });

  it('lists overdue, due today and new referrals in the digest, with counts in the subject', () => {
    const email = renderNotification(everyKind()[2], { publicBaseUrl: BASE_URL });
    expect(email.subject).toBe('Your duties for Wednesday 8 April 2026: 1 due today, 1 overdue, 1 new referral');
    expect(email.text).toContain('Overdue (1)');
    expect(email.text).toContain('Due today (1)');
    expect(email.text).toContain('New referrals (1)');
  });

  it('tells the witness care unit the reference, when the ULS window closes in London and where the case is, and nothing of the sentence', () => {
    const email = renderNotification(everyKind()[3], { publicBaseUrl: BASE_URL });
    expect(email.kind).toBe('uls_reminder');
    expect(email.subject).toBe('ULS window closing: VJ-2026-000123, victim not yet told of the sentence');
    for (const body of [email.text, email.html]) {
      expect(body).toContain('VJ-2026-000123');
      expect(body).toContain('until 23:59 on Wednesday 13 May 2026');
      expect(body).toContain('never extended');
      expect(body).toContain(`https://vjs.example.gov.uk/case-of-journey/${JOURNEY_ID}?section=windows`);
      expect(body).not.toContain('suspended');
    }
  });

  it('tells an area’s admins that a ULS reminder has nobody to go to, naming the owner', () => {
    const email = renderNotification(everyKind()[5], { publicBaseUrl: BASE_URL });
    expect(email.kind).toBe('reminder_unroutable');
    expect(email.subject).toBe('No one to remind: VJ-2026-000123, Unduly Lenient Sentence window');
    expect(email.text).toContain('owed by the witness care unit');
    expect(email.text).toContain('23:59 on Wednesday 13 May 2026');
    expect(email.text).toContain(`https://vjs.example.gov.uk/journeys/${JOURNEY_ID}`);
  });

  it("never carries a victim's name, address, offence or notes, even when the caller's data holds them", () => {
    for (const message of everyKind()) {
      const email = renderNotification(message, { publicBaseUrl: BASE_URL });
      for (const part of [email.subject, email.text, email.html]) {
        for (const personal of ['Rosalind', 'Featherstonehaugh', 'Quarry Lane', 'TS1 4AB', 'sexual', 'suspect', 'Prefers']) {
          expect(part).not.toContain(personal);
        }
      }
    }
  });

  it('escapes what it puts in HTML', () => {
    const message: NotificationMessage = { kind: 'duty_due_soon', duties: [{ journeyId: '<x>', journeyReference: 'VJ-<b>&"', ruleId: 'support.rj-offer', dueAt: DUE_AT }] };
    const email = renderNotification(message, { publicBaseUrl: BASE_URL });
    expect(email.html).toContain('VJ-&lt;b&gt;&amp;&quot;');
    expect(email.html).not.toContain('<b>');
    expect(email.html).toContain('/journeys/%3Cx%3E');
  });
});

describe('send errors as recorded', () => {
  it('keep the error class and SMTP code, never the server’s words', () => {
    const refused = Object.assign(new Error("Can't send mail - all recipients were rejected: 451 <someone@example.org>: try later"), { code: 'EENVELOPE', responseCode: 451 });
    expect(describeSendError(refused)).toBe('EENVELOPE 451');
    expect(describeSendError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET' }))).toBe('ESOCKET');
    expect(describeSendError(new TypeError('x'))).toBe('TypeError');
    expect(describeSendError('a string')).toBe('Error');
  });
});
