import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReminderSweeper } from '../../src/reminders/reminder-sweeper.service.js';
import { Fixtures, type SignedInUser, type TestUser } from '../support/fixtures.js';
import { aReferredJourney } from '../support/journey.builder.js';
import { expectProblem } from '../support/problem.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';
import { eventually, notificationsOf, settleDutiesExcept } from './reminder-faults.js';

// First contact with a victim referred on Monday 12 January 2026 is due by the end of
// Wednesday; the due-soon reminder goes at 08:00 on Tuesday.
const MONDAY = new Date('2026-01-12T10:00:00Z');
const DUE = new Date('2026-01-14T23:59:59.999Z');
/** A moment before the deadline, the due-soon reminder's retry horizon: the next try (at least 0.5 s on) would come after it. */
const JUST_BEFORE_THE_DEADLINE = new Date(DUE.getTime() - 100);

/**
 * SMTP refusing until the reminders' horizon, then back: the reminders given up on are sent
 * again by an admin, one by one or all at once, each once. The sweep runs just before the
 * deadline here, so the first refusal is the last try (smtp-refusal covers the retries
 * themselves).
 */
describe('failed reminders sent again by an admin (issue 19)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let inbox: SmtpInbox;
  let caseworker: SignedInUser;
  let adminUser: TestUser;

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    t = await startTestApp({ now: MONDAY, env: { SMTP_URL: inbox.url, REMINDER_RETRY_DELAY_MS: '500', REMINDER_RETRY_MAX_DELAY_MS: '1000' } });
    worker = await startTestWorker(t);
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    adminUser = await fixtures.user({ roles: ['admin'], areas: ['cleveland'] });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await inbox?.stop();
  });

  const reminderStatus = async (dutyId: string) => (await notificationsOf(t, dutyId, 'duty_due_soon'))[0];

  it('sends a failed reminder again once SMTP is back, one by id and the rest in bulk, each once', async () => {
    const cleveland = await new Fixtures(t).areaId('cleveland');
    const dutyIds: string[] = [];
    for (let index = 0; index < 2; index++) {
      const { journeyId } = await aReferredJourney(t, caseworker, cleveland, { crime: { offenceDate: '2026-01-10', reportedAt: '2026-01-11T09:00:00Z' } });
      await t.dataSource.query(`UPDATE journeys SET lead_worker_id = $2, lead_organisation_id = $3 WHERE id = $1`, [journeyId, caseworker.id, caseworker.organisationId]);
      const [{ id }] = await t.dataSource.query(`SELECT id FROM duties WHERE journey_id = $1 AND rule_id = 'support.first-contact'`, [journeyId]);
      dutyIds.push(id);
    }
    await settleDutiesExcept(t, dutyIds, MONDAY);

    inbox.refuse({ at: 'rcpt', code: 451 });
    t.clock.set(JUST_BEFORE_THE_DEADLINE);
    await worker.worker.get(ReminderSweeper).sweep();
    const [first, second] = await Promise.all(
      dutyIds.map((dutyId) => eventually(`the reminder of ${dutyId} failed`, async () => ((await reminderStatus(dutyId))?.status === 'failed' ? reminderStatus(dutyId) : undefined))),
    );
    expect(inbox.count).toBe(0);

    inbox.accept();
    const admin = await new Fixtures(t).session(adminUser);
    const post = (path: string) => t.http().post(`/api/v1/notifications${path}`).set('authorization', admin.bearer).send();

    const one = await post(`/${first!.id}/resend`);
    expect(one.status).toBe(202);
    expect(one.body).toEqual({ resent: 1 });
    await eventually('the first reminder sent again', async () => ((await reminderStatus(dutyIds[0]))?.status === 'sent' ? true : undefined));
    expectProblem(await post(`/${first!.id}/resend`), 409, 'NOT_FAILED');

    const all = await post('/failed/resend');
    expect(all.status).toBe(202);
    expect(all.body).toEqual({ resent: 1 });
    await eventually('the second reminder sent again', async () => ((await reminderStatus(dutyIds[1]))?.status === 'sent' ? true : undefined));

    const firstContact = inbox.to(caseworker.email).filter((email) => email.subject.includes('Make first contact'));
    expect(firstContact).toHaveLength(2);
    expect(new Set(firstContact.map((email) => email.messageId)).size).toBe(2);
    const audit = await t.dataSource.query(`SELECT entity_id FROM audit_log WHERE entity_type = 'notification' AND action = 'update' ORDER BY seq`);
    expect(audit.map((row: { entity_id: string }) => row.entity_id)).toEqual([first!.id, second!.id]);

    const fresh = await new Fixtures(t).session(caseworker);
    const caseworkerTries = await t.http().post('/api/v1/notifications/failed/resend').set('authorization', fresh.bearer).send();
    expect(caseworkerTries.status).toBe(403);
  });
});
