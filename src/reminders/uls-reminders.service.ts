import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../app/clock.js';
import { TransactionRunner } from '../database/transaction.js';
import type { UlsReminder } from '../../libs/victims-code/src/index.js';
import { ulsRemindersOf } from '../journeys/victim-windows.js';
import type { UlsWindowInEmail } from '../notifications/notification-templates.js';
import { type ReminderAttempt, ReminderMail } from './reminder-mail.js';
import { type JourneyRoutingRow, ReminderRecipientsRepository, type UlsReminderSubject } from './reminder-recipients.repository.js';
import { ReminderRouting, type Route } from './reminder-routing.js';
import type { ReminderOutcome } from './reminders.service.js';

/** What the job found in Postgres; the route only when the reminder is due now. */
interface Found {
  journey: JourneyRoutingRow | null;
  window?: UlsReminder;
  route?: Route | null;
  alertOpen?: boolean;
}

/** A ULS reminder is owed by the witness care unit: it tells victims of the sentence (Code right 9). */
const OWNER = 'witness_care_unit' as const;

/**
 * What a ULS reminder job does (issue 16): before a victim's Unduly Lenient Sentence window
 * closes (28 calendar days from sentence, a hard limit), the witness care unit responsible
 * for the journey's area is reminded while the victim has not been told of the sentence.
 *
 * Safe to run any number of times (BullMQ is at-least-once): the journey's timeline is read
 * again in Postgres at send time (told, the sentence voided or corrected, the victim opted
 * out of outcome news, or the window closed: nothing is sent), the reminder is routed as a
 * witness care duty's due-soon reminder is (ReminderRouting), and each email goes through
 * sendOnce under `uls-reminder:<journey>:<outcome>:<recipient>`, so a second run finds it sent.
 * With nobody to remind, the area's admins are alerted, as for a duty. A refused email is
 * retried until the window closes (ReminderMail), then marked failed.
 */
@Injectable()
export class UlsRemindersService {
  private readonly logger = new Logger(UlsRemindersService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly mail: ReminderMail,
    private readonly clock: Clock,
    private readonly routing: ReminderRouting,
    private readonly recipients: ReminderRecipientsRepository,
  ) {}

  async send(subject: UlsReminderSubject, closesAtMs: number, attempt: ReminderAttempt): Promise<ReminderOutcome> {
    const now = this.clock.now();
    const found = await this.transactions.run(async (tx): Promise<Found> => {
      const journey = await this.recipients.journey(tx, subject.journeyId);
      if (!journey || journey.role !== 'victim') return { journey };
      const owed = (await ulsRemindersOf(tx, [subject.journeyId], now)).get(subject.journeyId) ?? [];
      const window = owed.find(({ outcomeId }) => outcomeId === subject.outcomeId);
      if (!window || window.closesAt.getTime() !== closesAtMs || now.getTime() < window.remindAt.getTime()) return { journey, window };
      return {
        journey,
        window,
        route: await this.routing.dueSoon(tx, { area_id: journey.area_id, owner: OWNER }, journey, now),
        alertOpen: await this.recipients.hasOpenUlsAlert(tx, subject),
      };
    });
    const { journey, window } = found;
    if (!journey) return { outcome: 'skipped', reason: 'journey-gone' };
    // Told of the sentence, the sentence voided, outcome news opted out of, the window closed,
    // or a witness who is not a victim: nothing is owed, and any alert about it is over.
    if (!window || journey.role !== 'victim') {
      await this.transactions.run((tx) => this.recipients.resolveUlsAlert(tx, subject, this.clock.now()));
      return { outcome: 'skipped', reason: 'not-owed' };
    }
    // A correction re-timed the sentence: the sweep plans the reminder for the new close under its own job id.
    if (window.closesAt.getTime() !== closesAtMs) return { outcome: 'skipped', reason: 'deadline-moved' };
    if (now.getTime() < window.remindAt.getTime()) return { outcome: 'not-yet', runAt: window.remindAt };

    const inEmail: UlsWindowInEmail = { journeyId: subject.journeyId, journeyReference: journey.reference, closesAt: window.closesAt };
    const request = { journeyId: subject.journeyId, outcomeId: subject.outcomeId, areaId: journey.area_id };
    if (!found.route) {
      const admins = await this.transactions.run(async (tx) => {
        await this.recipients.raiseUlsAlert(tx, subject, journey.area_id, 'no-recipient', now);
        return this.routing.areaAdmins(tx, journey.area_id, now);
      });
      this.logger.warn({ ...subject, kind: 'uls', owner: OWNER, skip: 'no-recipient', adminsAlerted: admins.length }, 'ULS reminder has no one to go to; operator alert raised');
      for (const admin of admins) {
        await this.mail.send(
          {
            ...request,
            dedupeKey: `reminder-unroutable:uls:${subject.journeyId}:${subject.outcomeId}:${admin.email}`,
            recipient: admin,
            message: { kind: 'reminder_unroutable', reminder: 'uls', window: inEmail, ownerKind: OWNER },
          },
          attempt,
          window.closesAt,
        );
      }
      return { outcome: 'skipped', reason: 'no-recipient' };
    }

    let sent = false;
    for (const recipient of found.route.recipients) {
      const dedupeKey = `uls-reminder:${subject.journeyId}:${subject.outcomeId}:${recipient.email}`;
      if ((await this.mail.send({ ...request, dedupeKey, recipient, message: { kind: 'uls_reminder', window: inEmail } }, attempt, window.closesAt)) === 'sent') sent = true;
    }
    if (found.alertOpen) await this.transactions.run((tx) => this.recipients.resolveUlsAlert(tx, subject, this.clock.now()));
    this.logger.log({ ...subject, kind: 'uls', via: found.route.via, recipients: found.route.recipients.length }, 'ULS reminder routed');
    return { outcome: sent ? 'sent' : 'already_sent' };
  }
}
