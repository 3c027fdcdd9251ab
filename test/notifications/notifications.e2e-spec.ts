import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { RuleId } from '../../libs/victims-code/src/index.js';
import { Mailer } from '../../src/notifications/mailer.js';
import { londonDeadline } from '../../src/notifications/notification-templates.js';
import { NotificationSendError, type NotificationRequest, NotificationsService } from '../../src/notifications/notifications.service.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { aReferral } from '../support/referral.builder.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';

// Wednesday 1 April 2026, 10:00 in London.
const WEDNESDAY = new Date('2026-04-01T09:00:00Z');
const PUBLIC_BASE_URL = 'https://vjs.example.gov.uk';

interface DutyDueSoon {
  journeyId: string;
  reference: string;
  areaId: string;
  dutyId: string;
  ruleId: RuleId;
  dueAt: Date;
  familyName: string;
  givenName: string;
}

interface NotificationRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  sent_at: Date | null;
  failed_at: Date | null;
  subject: string;
}

describe('notification emails, sent once', () => {
  let t: TestApp;
  let worker: TestWorker;
  let inbox: SmtpInbox;
  let notifications: NotificationsService;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let durhamCaseworker: SignedInUser;
  let admin: SignedInUser;
  let clevelandId: string;

  /** A victim referred now: the victim care service owes first contact, due within days. */
  const aDutyDueSoon = async (): Promise<DutyDueSoon> => {
    const body = aReferral(clevelandId);
    const response = await t.http().post('/api/v1/referrals').set('authorization', caseworker.bearer).send(body);
    expect(response.status).toBe(201);
    const { journeyId, reference } = response.body as { journeyId: string; reference: string };
    const [duty]: Array<{ id: string; rule_id: RuleId; due_at: Date }> = await t.dataSource.query(
      `SELECT id, rule_id, due_at FROM duties WHERE journey_id = $1 AND rule_id = 'support.first-contact'`,
      [journeyId],
    );
    return { journeyId, reference, areaId: clevelandId, dutyId: duty.id, ruleId: duty.rule_id, dueAt: new Date(duty.due_at), familyName: body.person.familyName, givenName: body.person.givenName };
  };

  const dueSoonTo = (duty: DutyDueSoon, recipient: { id: string; email: string }): NotificationRequest => ({
    dedupeKey: `duty-due-soon:${duty.dutyId}:${recipient.email}`,
    recipient: { userId: recipient.id, email: recipient.email },
    dutyId: duty.dutyId,
    journeyId: duty.journeyId,
    areaId: duty.areaId,
    message: { kind: 'duty_due_soon', duties: [{ journeyId: duty.journeyId, journeyReference: duty.reference, ruleId: duty.ruleId, dueAt: duty.dueAt }] },
  });

  const rowOf = async (dedupeKey: string): Promise<NotificationRow> => {
    const [row]: NotificationRow[] = await t.dataSource.query(
      `SELECT id, status, attempts, last_error, message_id, sent_at, failed_at, subject FROM notifications WHERE dedupe_key = $1`,
      [dedupeKey],
    );
    return row;
  };

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    t = await startTestApp({ now: WEDNESDAY, env: { SMTP_URL: inbox.url, PUBLIC_BASE_URL } });
    worker = await startTestWorker(t);
    notifications = worker.worker.get(NotificationsService);
    fixtures = new Fixtures(t);
    clevelandId = await fixtures.areaId('cleveland');
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    admin = await fixtures.signedIn(['admin']);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await inbox?.stop();
  });
  beforeEach(() => {
    inbox.accept();
    inbox.clear();
  });

  describe('sendOnce', () => {
    it('sends one email and records it as sent, with the Message-ID it carried', async () => {
      const duty = await aDutyDueSoon();
      const request = dueSoonTo(duty, caseworker);

      const outcome = await notifications.sendOnce(request);

      expect(outcome.outcome).toBe('sent');
      expect(inbox.to(caseworker.email)).toHaveLength(1);
      const [email] = inbox.received;
      const row = await rowOf(request.dedupeKey);
      expect(row).toEqual(
        expect.objectContaining({ id: outcome.notificationId, status: 'sent', attempts: 1, last_error: null, message_id: email.messageId, failed_at: null }),
      );
      expect(new Date(row.sent_at!)).toEqual(WEDNESDAY);
      expect(email.messageId).toBe(`<notification.${outcome.notificationId}@vjs.example.gov.uk>`);
      expect(email.subject).toBe(row.subject);
    });

    it('carries text and HTML with the reference, the duty, the London deadline and the link, and no victim details', async () => {
      const duty = await aDutyDueSoon();
      await notifications.sendOnce(dueSoonTo(duty, caseworker));

      const [email] = inbox.to(caseworker.email);
      expect(email.parts.map((part) => part.contentType).sort()).toEqual(['text/html', 'text/plain']);
      for (const part of email.parts) {
        expect(part.body).toContain(duty.reference);
        expect(part.body).toContain('Make first contact with the victim after referral (Code right 4)');
        expect(part.body).toContain(londonDeadline(duty.dueAt));
        expect(part.body).toContain(`${PUBLIC_BASE_URL}/journeys/${duty.journeyId}`);
      }
      expect(londonDeadline(duty.dueAt)).toMatch(/^by \d\d:\d\d on [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ 2026$/);
      // Whatever the referral said about the person and the crime, the email says none of it.
      for (const personal of [duty.familyName, `${duty.givenName} `, '07700 900123', 'burglary', 'Burglary', 'PC 1234 Smith', 'CLE/26/']) {
        expect(email.raw).not.toContain(personal);
        for (const part of email.parts) expect(part.body).not.toContain(personal);
      }
    });

    it('sends nothing the second time it is asked for the same notification', async () => {
      const request = dueSoonTo(await aDutyDueSoon(), caseworker);

      const first = await notifications.sendOnce(request);
      const second = await notifications.sendOnce(request);

      expect(second).toEqual({ notificationId: first.notificationId, outcome: 'already_sent', messageId: first.messageId });
      expect(inbox.count).toBe(1);
      expect((await rowOf(request.dedupeKey)).attempts).toBe(1);
    });

    it('sends one email when five runs ask for it at the same moment', async () => {
      const request = dueSoonTo(await aDutyDueSoon(), caseworker);

      const outcomes = await Promise.all(Array.from({ length: 5 }, () => notifications.sendOnce(request)));

      expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['already_sent', 'already_sent', 'already_sent', 'already_sent', 'sent']);
      expect(new Set(outcomes.map((outcome) => outcome.notificationId)).size).toBe(1);
      expect(inbox.count).toBe(1);
      const [{ count }]: Array<{ count: string }> = await t.dataSource.query(`SELECT count(*) FROM notifications WHERE dedupe_key = $1`, [request.dedupeKey]);
      expect(Number(count)).toBe(1);
    });

    it('marks nothing sent while the server refuses, counts each attempt, and sends exactly once when it accepts again', async () => {
      const request = dueSoonTo(await aDutyDueSoon(), caseworker);

      inbox.refuse({ at: 'rcpt', code: 451 });
      const refusedAtRcpt = await notifications.sendOnce(request).catch((error: unknown) => error);
      expect(refusedAtRcpt).toBeInstanceOf(NotificationSendError);
      expect((refusedAtRcpt as Error).message).not.toContain(caseworker.email);
      expect(await rowOf(request.dedupeKey)).toEqual(
        expect.objectContaining({ status: 'pending', attempts: 1, last_error: 'EENVELOPE 451', sent_at: null, message_id: null }),
      );

      inbox.refuse({ at: 'data', code: 451 });
      await expect(notifications.sendOnce(request)).rejects.toBeInstanceOf(NotificationSendError);
      const afterData = await rowOf(request.dedupeKey);
      expect(afterData).toEqual(expect.objectContaining({ status: 'pending', attempts: 2, sent_at: null }));
      expect(afterData.last_error).toBe('EMESSAGE 451');
      expect(inbox.count).toBe(0);
      expect(inbox.refusedCount).toBe(2);

      inbox.accept();
      const retried = await notifications.sendOnce(request);
      await notifications.sendOnce(request);

      expect(retried.outcome).toBe('sent');
      expect(inbox.count).toBe(1);
      expect(await rowOf(request.dedupeKey)).toEqual(expect.objectContaining({ status: 'sent', attempts: 3, last_error: null }));
    });

    it('records an unreachable server as a failed attempt, naming only the error class', async () => {
      const duty = await aDutyDueSoon();
      const request = dueSoonTo(duty, caseworker);
      await inbox.stop();
      try {
        await expect(notifications.sendOnce(request)).rejects.toBeInstanceOf(NotificationSendError);
      } finally {
        inbox = await restartInboxOnSamePort(inbox);
      }
      const row = await rowOf(request.dedupeKey);
      expect(row).toEqual(expect.objectContaining({ status: 'pending', attempts: 1, sent_at: null }));
      expect(row.last_error).toBe('ESOCKET');
    });
    it('escalates a breach and sends a digest the same way, each once', async () => {
      const duty = await aDutyDueSoon();
      const supervisor = await fixtures.user({ roles: ['supervisor'] });
      const breach: NotificationRequest = {
        dedupeKey: `duty-breached:${duty.dutyId}:${supervisor.email}`,
        recipient: { userId: supervisor.id, email: supervisor.email },
        dutyId: duty.dutyId,
        journeyId: duty.journeyId,
        areaId: duty.areaId,
        message: { kind: 'duty_breached', duties: [{ journeyId: duty.journeyId, journeyReference: duty.reference, ruleId: duty.ruleId, dueAt: duty.dueAt, workingDaysLate: 1 }] },
      };
      const digest: NotificationRequest = {
        dedupeKey: `daily-digest:2026-04-01:${caseworker.email}`,
        recipient: { userId: caseworker.id, email: caseworker.email },
        message: { kind: 'daily_digest', day: WEDNESDAY, dueToday: [], overdue: [], newReferrals: [{ journeyId: duty.journeyId, journeyReference: duty.reference, referredAt: WEDNESDAY }] },
      };

      for (const request of [breach, digest, breach, digest]) await notifications.sendOnce(request);

      expect(inbox.to(supervisor.email).map((email) => email.subject)).toEqual([expect.stringMatching(`^Deadline missed: ${duty.reference}`)]);
      expect(inbox.to(caseworker.email).map((email) => email.subject)).toEqual(['Your duties for Wednesday 1 April 2026: 0 due today, 0 overdue, 1 new referral']);
      expect(inbox.to(supervisor.email)[0].parts.find((part) => part.contentType === 'text/plain')!.body).toContain('1 working day late');
    });

    it('refuses to send under a dedupe key already used for someone else, and sends nothing', async () => {
      const request = dueSoonTo(await aDutyDueSoon(), caseworker);
      await notifications.sendOnce(request);
      inbox.clear();

      await expect(notifications.sendOnce({ ...request, recipient: { userId: null, email: 'someone-else@test.invalid' } })).rejects.toThrow(/reused/);
      expect(inbox.count).toBe(0);
    });
  });

  describe('the mailer', () => {
    it('verifies the SMTP server for readiness checks, and fails when it is away', async () => {
      const mailer = worker.worker.get(Mailer);
      await expect(mailer.verify()).resolves.toBeUndefined();
      await inbox.stop();
      try {
        await expect(mailer.verify()).rejects.toThrow();
      } finally {
        inbox = await restartInboxOnSamePort(inbox);
      }
    });
  });

  describe('markFailed, after the last retry', () => {
    it('shows the notification to admins as failed, with the error class and code only', async () => {
      const duty = await aDutyDueSoon();
      const request = dueSoonTo(duty, caseworker);
      inbox.refuse({ at: 'rcpt', code: 550 });
      const error = await notifications.sendOnce(request).catch((caught: unknown) => caught);

      expect(await notifications.markFailed(request.dedupeKey, error)).toBe(true);

      const response = await t.http().get('/api/v1/notifications/failed').set('authorization', admin.bearer);
      expect(response.status).toBe(200);
      const failed = (response.body.items as Array<Record<string, unknown>>).find((item) => item.journeyId === duty.journeyId);
      expect(failed).toEqual(
        expect.objectContaining({ kind: 'duty_due_soon', status: 'failed', attempts: 1, lastError: 'EENVELOPE 550', dutyId: duty.dutyId, sentAt: null, failedAt: WEDNESDAY.toISOString() }),
      );
      const [audit] = await t.dataSource.query(
        `SELECT details FROM audit_log WHERE actor_user_id = $1 AND action = 'list' AND entity_type = 'notification' ORDER BY seq DESC LIMIT 1`,
        [admin.id],
      );
      expect(audit.details).toEqual(expect.objectContaining({ what: 'failed', notificationIds: expect.arrayContaining([failed!.id]) }));
    });

    it('leaves a sent notification sent', async () => {
      const request = dueSoonTo(await aDutyDueSoon(), caseworker);
      await notifications.sendOnce(request);

      expect(await notifications.markFailed(request.dedupeKey, new Error('late'))).toBe(false);
      expect((await rowOf(request.dedupeKey)).status).toBe('sent');
    });

    it('is for admins only', async () => {
      expectProblem(await t.http().get('/api/v1/notifications/failed').set('authorization', caseworker.bearer), 403);
    });
  });

  describe('reading notifications', () => {
    let duty: DutyDueSoon;
    let other: SignedInUser;

    beforeAll(async () => {
      duty = await aDutyDueSoon();
      other = await fixtures.signedIn(['supervisor'], ['cleveland']);
      await notifications.sendOnce(dueSoonTo(duty, caseworker));
      t.clock.advance(60_000);
      await notifications.sendOnce(dueSoonTo(duty, other));
    });

    it("lists a journey's notifications, newest first, without any body, and audits the read", async () => {
      const response = await t.http().get(`/api/v1/journeys/${duty.journeyId}/notifications`).set('authorization', caseworker.bearer);

      expect(response.status).toBe(200);
      expect(response.body.total).toBe(2);
      expect(response.body.items.map((item: { recipient: { userId: string } }) => item.recipient.userId)).toEqual([other.id, caseworker.id]);
      expect(Object.keys(response.body.items[0]).sort()).toEqual(
        ['areaId', 'attempts', 'createdAt', 'dutyId', 'failedAt', 'id', 'journeyId', 'kind', 'lastError', 'recipient', 'sentAt', 'status', 'subject'].sort(),
      );
      expect(JSON.stringify(response.body)).not.toContain(duty.familyName);
      const [audit] = await t.dataSource.query(
        `SELECT action, area_id, details FROM audit_log WHERE actor_user_id = $1 AND entity_type = 'journey' AND entity_id = $2 ORDER BY seq DESC LIMIT 1`,
        [caseworker.id, duty.journeyId],
      );
      expect(audit).toEqual({ action: 'read', area_id: clevelandId, details: { what: 'notifications' } });
    });

    it("pages a journey's notifications", async () => {
      const response = await t.http().get(`/api/v1/journeys/${duty.journeyId}/notifications?limit=1&offset=1`).set('authorization', caseworker.bearer);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [expect.objectContaining({ recipient: { userId: caseworker.id, email: caseworker.email } })], total: 2 });
    });

    it("answers 404 for another area's journey, and audits the attempt", async () => {
      expectProblem(await t.http().get(`/api/v1/journeys/${duty.journeyId}/notifications`).set('authorization', durhamCaseworker.bearer), 404, 'NOT_FOUND');
      const [denied] = await t.dataSource.query(`SELECT actor_user_id FROM audit_log WHERE action = 'access_denied' AND entity_id = $1`, [duty.journeyId]);
      expect(denied.actor_user_id).toBe(durhamCaseworker.id);
    });

    it('refuses bad paging and ids, naming the fields', async () => {
      const badPage = expectProblem(await t.http().get(`/api/v1/journeys/${duty.journeyId}/notifications?limit=0&offset=-1`).set('authorization', caseworker.bearer), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(badPage)).toEqual(['limit', 'offset']);
      const badId = expectProblem(await t.http().get('/api/v1/journeys/not-a-uuid/notifications').set('authorization', caseworker.bearer), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(badId)).toEqual(['id']);
    });

    it("is not for roles that do not work a journey's duties", async () => {
      expectProblem(await t.http().get(`/api/v1/journeys/${duty.journeyId}/notifications`).set('authorization', admin.bearer), 403);
    });

    it('shows each user the notifications sent to them only, and audits the listing', async () => {
      const response = await t.http().get('/api/v1/notifications/mine').set('authorization', other.bearer);

      expect(response.status).toBe(200);
      expect(response.body.total).toBe(1);
      expect(response.body.items[0]).toEqual(expect.objectContaining({ journeyId: duty.journeyId, status: 'sent', recipient: { userId: other.id, email: other.email } }));
      const [audit] = await t.dataSource.query(
        `SELECT details FROM audit_log WHERE actor_user_id = $1 AND action = 'list' AND entity_type = 'notification' ORDER BY seq DESC LIMIT 1`,
        [other.id],
      );
      expect(audit.details).toEqual({ what: 'mine', count: 1, notificationIds: [response.body.items[0].id], journeyIds: [duty.journeyId] });

      const durham = await t.http().get('/api/v1/notifications/mine').set('authorization', durhamCaseworker.bearer);
      expect(durham.body).toEqual({ items: [], total: 0 });
    });
  });
});

/** The mailer's pool must find the server again where it was. */
async function restartInboxOnSamePort(stopped: SmtpInbox): Promise<SmtpInbox> {
  const port = Number(new URL(stopped.url).port);
  return SmtpInbox.start(port);
}
