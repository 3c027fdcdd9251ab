import { type RuleId, VC_2020_1 } from '../../libs/victims-code/src/index.js';
import type { NotificationKind } from './entities/notification.entity.js';

/**
 * What an email may say about a duty: ids, the journey's reference, the rule and dates.
 * The types hold no field for a person's name, address, offence or notes, so a template
 * cannot leak them: emails leave the service's control (mail servers, phones, forwards).
 */
export interface DutyInEmail {
  journeyId: string;
  journeyReference: string;
  ruleId: RuleId;
  dueAt: Date;
}

export interface OverdueDutyInEmail extends DutyInEmail {
  /** Working days (Europe/London) between the deadline and now; 0 on the day it was missed. */
  workingDaysLate: number;
}

export interface NewReferralInEmail {
  journeyId: string;
  journeyReference: string;
  referredAt: Date;
}

/**
 * What an email may say about a victim's Unduly Lenient Sentence window: the journey's
 * reference and when the window closes. Nothing about the victim, the offence or the
 * sentence itself.
 */
export interface UlsWindowInEmail {
  journeyId: string;
  journeyReference: string;
  /** 23:59:59.999 London on the 28th calendar day from sentence: a hard limit. */
  closesAt: Date;
}

/** A duty whose reminder had nobody to go to, and which reminder it was. */
export interface UnroutableDutyInEmail extends DutyInEmail {
  /** The duty's owner kind (e.g. `witness_care_unit`): the directory entry the admin should fill. */
  ownerKind: string;
  reminder: 'due-soon' | 'breach';
}

/**
 * One email per person per moment (issue 19): reminders list every duty of the recipient
 * that falls due at that moment, so a caseworker with twenty duties due tomorrow gets one
 * email at 08:00, not twenty.
 */
export type NotificationMessage =
  /** To whoever must act, at 08:00 London on the working day before the duties are due. */
  | { kind: 'duty_due_soon'; duties: DutyInEmail[] }
  /** To whoever was reminded: the deadline passed with the duties unmet. */
  | { kind: 'duty_missed'; duties: OverdueDutyInEmail[] }
  /** To the supervisor of whoever must act (or the owning organisation's supervisors): the escalation. */
  | { kind: 'duty_breached'; duties: OverdueDutyInEmail[] }
  /**
   * To an area's admins: reminders of these duties had nobody to go to (no lead, team or
   * mailbox of the owning organisation in the area's directory). Each names the owner kind
   * and the reminder, so the admin knows which directory entry or team to fill.
   */
  | { kind: 'reminder_unroutable'; duties: UnroutableDutyInEmail[] }
  /** The same alert for a ULS reminder (owed by the witness care unit), which is about a sentence, not a duty. */
  | { kind: 'reminder_unroutable'; window: UlsWindowInEmail; ownerKind: string; reminder: 'uls' }
  /**
   * To the witness care unit: a victim's Unduly Lenient Sentence window closes soon and the
   * victim has not been recorded as told of the sentence (Code right 9).
   */
  | { kind: 'uls_reminder'; window: UlsWindowInEmail }
  | {
      kind: 'daily_digest';
      /** The working day the digest is for (the day it is sent, 08:00 London). */
      day: Date;
      dueToday: DutyInEmail[];
      overdue: OverdueDutyInEmail[];
      newReferrals: NewReferralInEmail[];
    };

export interface RenderedEmail {
  kind: NotificationKind;
  subject: string;
  text: string;
  html: string;
}

const RULE_LABELS = new Map<RuleId, string>(VC_2020_1.map((rule) => [rule.id, `${rule.title} (Code right ${rule.right})`]));

/** "Make first contact with the victim after referral (Code right 4)". */
export function dutyLabel(ruleId: RuleId): string {
  return RULE_LABELS.get(ruleId) ?? ruleId;
}

const LONDON_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "Wednesday 8 April 2026" (GOV.UK style: no comma), in London. */
export function londonDay(at: Date): string {
  const parts = Object.fromEntries(LONDON_DAY.formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/** "23:59 on Wednesday 8 April 2026", in London. */
export function londonTimeOnDay(at: Date): string {
  return `${LONDON_TIME.format(at)} on ${londonDay(at)}`;
}

/** "by 23:59 on Wednesday 8 April 2026", in London. */
export function londonDeadline(at: Date): string {
  return `by ${londonTimeOnDay(at)}`;
}

function workingDaysLate(days: number): string {
  if (days <= 0) return 'missed today';
  return days === 1 ? '1 working day late' : `${days} working days late`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

/** Emails as plain text and HTML with the same content: a heading, paragraphs, lists of duties. */
class EmailBody {
  private readonly text: string[] = [];
  private readonly html: string[] = [];

  constructor(private readonly publicBaseUrl: string) {}

  journeyLink(journeyId: string): string {
    return `${this.publicBaseUrl.replace(/\/+$/, '')}/journeys/${encodeURIComponent(journeyId)}`;
  }

  /** The witness care officer's case page of the journey's crime, at its victim windows. */
  witnessCaseLink(journeyId: string): string {
    return `${this.publicBaseUrl.replace(/\/+$/, '')}/case-of-journey/${encodeURIComponent(journeyId)}?section=windows`;
  }

  heading(value: string): this {
    this.text.push(value, '='.repeat(value.length), '');
    this.html.push(`<h1 style="font-size:24px">${escapeHtml(value)}</h1>`);
    return this;
  }

  subheading(value: string): this {
    this.text.push(value, '-'.repeat(value.length), '');
    this.html.push(`<h2 style="font-size:19px">${escapeHtml(value)}</h2>`);
    return this;
  }

  paragraph(value: string): this {
    this.text.push(value, '');
    this.html.push(`<p>${escapeHtml(value)}</p>`);
    return this;
  }

  /** Each item: lines of text and the journey it links to. */
  items(entries: Array<{ lines: string[]; journeyId: string }>): this {
    for (const entry of entries) {
      this.text.push(...entry.lines.map((line, index) => (index === 0 ? `* ${line}` : `  ${line}`)), `  ${this.journeyLink(entry.journeyId)}`, '');
    }
    this.html.push(
      '<ul>',
      ...entries.map((entry) => {
        const [first, ...rest] = entry.lines;
        const link = this.journeyLink(entry.journeyId);
        return `<li><a href="${escapeHtml(link)}">${escapeHtml(first)}</a>${rest.map((line) => `<br>${escapeHtml(line)}`).join('')}</li>`;
      }),
      '</ul>',
    );
    return this;
  }

  link(label: string, journeyId: string, to: 'journey' | 'witness-case' = 'journey'): this {
    const link = to === 'journey' ? this.journeyLink(journeyId) : this.witnessCaseLink(journeyId);
    this.text.push(`${label}: ${link}`, '');
    this.html.push(`<p><a href="${escapeHtml(link)}">${escapeHtml(label)}</a></p>`);
    return this;
  }

  build(kind: NotificationKind, subject: string): RenderedEmail {
    const footer = 'This email was sent by the victim journey service. It names no victim: open the journey to see the details.';
    this.text.push('--', footer, '');
    this.html.push(`<hr><p style="color:#505a5f">${escapeHtml(footer)}</p>`);
    const html = [
      '<!DOCTYPE html>',
      '<html lang="en"><head><meta charset="utf-8"><title>' + escapeHtml(subject) + '</title></head>',
      '<body style="font-family:Arial,sans-serif;font-size:16px;color:#0b0c0c">',
      ...this.html,
      '</body></html>',
    ].join('\n');
    return { kind, subject, text: this.text.join('\n'), html };
  }
}

const FILL_THE_DIRECTORY =
  'The area’s organisations directory names no organisation for this owner, or the organisation has no one in the service and no team mailbox. ' +
  'Fill the directory entry (organisation, team mailbox) or give the organisation users in the area; the reminder is sent again once it has somewhere to go.';

const RECORD_IT = 'Record each duty on its journey when it is done; if it is already done, record it now so no escalation is sent.';

/** Earliest deadline first, then by journey reference: the order a person works through them. */
function byDeadline<T extends DutyInEmail>(duties: readonly T[]): T[] {
  return [...duties].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.journeyReference.localeCompare(b.journeyReference) || a.ruleId.localeCompare(b.ruleId));
}

/** The email for a notification: subject, plain text and HTML. Pure: the same message renders the same email. */
export function renderNotification(message: NotificationMessage, options: { publicBaseUrl: string }): RenderedEmail {
  const body = new EmailBody(options.publicBaseUrl);
  switch (message.kind) {
    case 'duty_due_soon': {
      const { duties } = message;
      const [only] = duties;
      if (duties.length === 1 && only) {
        return body
          .heading(`A Victims' Code duty is due soon on journey ${only.journeyReference}`)
          .paragraph(`Duty: ${dutyLabel(only.ruleId)}.`)
          .paragraph(`It must be done ${londonDeadline(only.dueAt)}.`)
          .paragraph('Record it on the journey when it is done; if it is already done, record it now so no escalation is sent.')
          .link(`Open journey ${only.journeyReference}`, only.journeyId)
          .build(message.kind, `Due soon: ${only.journeyReference}, ${dutyLabel(only.ruleId)}`);
      }
      return body
        .heading(`${duties.length} Victims' Code duties are due soon`)
        .items(byDeadline(duties).map((duty) => ({ journeyId: duty.journeyId, lines: [`${duty.journeyReference}: ${dutyLabel(duty.ruleId)}`, `Due ${londonDeadline(duty.dueAt)}`] })))
        .paragraph(RECORD_IT)
        .build(message.kind, `Due soon: ${duties.length} Victims' Code duties, the first due ${londonDeadline(byDeadline(duties)[0]!.dueAt)}`);
    }
    case 'duty_missed':
    case 'duty_breached': {
      const { duties } = message;
      const [only] = duties;
      const why =
        message.kind === 'duty_missed'
          ? 'You are receiving this because you were reminded of it. Please do it now and record it on the journey.'
          : 'You are receiving this as the supervisor of the duty’s owner. Please make sure it is done and recorded.';
      if (duties.length === 1 && only) {
        return body
          .heading(`A Victims' Code deadline was missed on journey ${only.journeyReference}`)
          .paragraph(`Duty: ${dutyLabel(only.ruleId)}.`)
          .paragraph(`It was due ${londonDeadline(only.dueAt)} and has not been recorded as done (${workingDaysLate(only.workingDaysLate)}).`)
          .paragraph(why)
          .link(`Open journey ${only.journeyReference}`, only.journeyId)
          .build(message.kind, `Deadline missed: ${only.journeyReference}, ${dutyLabel(only.ruleId)}`);
      }
      return body
        .heading(`${duties.length} Victims' Code deadlines were missed`)
        .paragraph('These duties have not been recorded as done:')
        .items(
          byDeadline(duties).map((duty) => ({
            journeyId: duty.journeyId,
            lines: [`${duty.journeyReference}: ${dutyLabel(duty.ruleId)}`, `Was due ${londonDeadline(duty.dueAt)} (${workingDaysLate(duty.workingDaysLate)})`],
          })),
        )
        .paragraph(why.replace('of it', 'of them').replace('Please do it now', 'Please do them now').replace('the duty’s owner', 'their owners'))
        .build(message.kind, `Deadlines missed: ${duties.length} Victims' Code duties`);
    }
    case 'uls_reminder': {
      const { window } = message;
      const subject = `ULS window closing: ${window.journeyReference}, victim not yet told of the sentence`;
      return body
        .heading(`The Unduly Lenient Sentence window on journey ${window.journeyReference} closes soon`)
        .paragraph('The victim has not been recorded as told of the sentence (Code right 9).')
        .paragraph(
          `They can ask the Attorney General to refer the sentence as unduly lenient until ${londonTimeOnDay(window.closesAt)}: ` +
            '28 calendar days from the sentence, a limit that is never extended.',
        )
        .paragraph('Tell the victim of the sentence and of the scheme, and record that they were told on the journey.')
        .link(`Open the witness care case for ${window.journeyReference}`, window.journeyId, 'witness-case')
        .build(message.kind, subject);
    }
    case 'reminder_unroutable': {
      if ('window' in message) {
        const { window } = message;
        const subject = `No one to remind: ${window.journeyReference}, Unduly Lenient Sentence window`;
        return body
          .heading(`A reminder of an Unduly Lenient Sentence window on journey ${window.journeyReference} has nobody to go to`)
          .paragraph(
            `The victim has not been recorded as told of the sentence, and the window closes at ${londonTimeOnDay(window.closesAt)}. ` +
              `The reminder is owed by the ${message.ownerKind.replace(/_/g, ' ')}.`,
          )
          .paragraph(FILL_THE_DIRECTORY)
          .link(`Open journey ${window.journeyReference}`, window.journeyId)
          .build(message.kind, subject);
      }
      const { duties } = message;
      const what = (duty: UnroutableDutyInEmail) => (duty.reminder === 'due-soon' ? 'due-soon reminder' : 'missed-deadline escalation');
      const [only] = duties;
      if (duties.length === 1 && only) {
        return body
          .heading(`A Victims' Code ${what(only)} on journey ${only.journeyReference} has nobody to go to`)
          .paragraph(`Duty: ${dutyLabel(only.ruleId)}, owed by the ${only.ownerKind.replace(/_/g, ' ')}, ${londonDeadline(only.dueAt)}.`)
          .paragraph(FILL_THE_DIRECTORY)
          .link(`Open journey ${only.journeyReference}`, only.journeyId)
          .build(message.kind, `No one to remind: ${only.journeyReference}, ${dutyLabel(only.ruleId)}`);
      }
      return body
        .heading(`${duties.length} Victims' Code reminders have nobody to go to`)
        .items(
          byDeadline(duties).map((duty) => ({
            journeyId: duty.journeyId,
            lines: [`${duty.journeyReference}: ${dutyLabel(duty.ruleId)}`, `The ${what(duty)}, owed by the ${duty.ownerKind.replace(/_/g, ' ')}, ${londonDeadline(duty.dueAt)}`],
          })),
        )
        .paragraph(FILL_THE_DIRECTORY)
        .build(message.kind, `No one to remind: ${duties.length} Victims' Code duties`);
    }
    case 'daily_digest': {
      const counts = [
        `${message.dueToday.length} due today`,
        `${message.overdue.length} overdue`,
        `${message.newReferrals.length} new ${message.newReferrals.length === 1 ? 'referral' : 'referrals'}`,
      ];
      const subject = `Your duties for ${londonDay(message.day)}: ${counts.join(', ')}`;
      body.heading(`Your Victims' Code duties for ${londonDay(message.day)}`);
      if (message.overdue.length > 0) {
        body.subheading(`Overdue (${message.overdue.length})`).items(
          message.overdue.map((duty) => ({
            journeyId: duty.journeyId,
            lines: [`${duty.journeyReference}: ${dutyLabel(duty.ruleId)}`, `Was due ${londonDeadline(duty.dueAt)} (${workingDaysLate(duty.workingDaysLate)})`],
          })),
        );
      }
      if (message.dueToday.length > 0) {
        body.subheading(`Due today (${message.dueToday.length})`).items(
          message.dueToday.map((duty) => ({
            journeyId: duty.journeyId,
            lines: [`${duty.journeyReference}: ${dutyLabel(duty.ruleId)}`, `Due ${londonDeadline(duty.dueAt)}`],
          })),
        );
      }
      if (message.newReferrals.length > 0) {
        body.subheading(`New referrals (${message.newReferrals.length})`).items(
          message.newReferrals.map((referral) => ({
            journeyId: referral.journeyId,
            lines: [`${referral.journeyReference}`, `Referred on ${londonDay(referral.referredAt)}`],
          })),
        );
      }
      return body.build(message.kind, subject);
    }
  }
}
