import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { momentJobId, QueueName } from '../../src/queue/queues.js';
import { ReminderSweeper } from '../../src/reminders/reminder-sweeper.service.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aReferredJourney, journeyEtag } from '../support/journey.builder.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';
import { eventually, type NotificationRow, notificationsOf, settleDutiesExcept } from './reminder-faults.js';

// Monday 12 January 2026, 10:00 London: first contact is due by the end of Wednesday, and
// the due-soon reminder goes at 08:00 on Tuesday.
const MONDAY = new Date('2026-01-12T10:00:00Z');
const DUE = new Date('2026-01-14T23:59:59.999Z');
const TUESDAY_0800 = new Date('2026-01-13T08:00:00Z');

const HOURS = 3_600_000;

/**
 * BullMQ's own retries with the production policy (exponential backoff, capped; retried
 * until the reminder's horizon, then marked failed) at a test's pace: retries 0.5 s and
 * then 1 s apart instead of 5 s doubling to 15 minutes. The service's clock stands in for
 * the hours of an outage; the old policy gave up after 5 attempts (about 75 s). The
 * due-soon reminder's horizon is its deadline: after it, it is no longer "due soon".
 */
const OLD_ATTEMPTS = 5;

describe('an SMTP server refusing reminders', () => {
  let t: TestApp;
  let worker: TestWorker;
  let inbox: SmtpInbox;
  let queue: Queue;
  let caseworker: SignedInUser;
  let admin: SignedInUser;

  /** Referred on Monday, led by the caseworker: the due-soon reminder is owed at 08:00 on Tuesday. */
  const aReminderDueAtEight = async (): Promise<string> => {
    t.clock.set(MONDAY);
    const { journeyId } = await aReferredJourney(t, caseworker, await new Fixtures(t).areaId('cleveland'), {
      crime: { offenceDate: '2026-01-10', reportedAt: '2026-01-11T09:00:00Z' },
    });
    const assigned = await t.http().put(`/api/v1/journeys/${journeyId}/lead`).set('authorization', caseworker.bearer)
      .set('if-match', await journeyEtag(t, caseworker, journeyId)).send({ workerId: caseworker.id });
    expect(assigned.status).toBe(200);
    const [{ id }]: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM duties WHERE journey_id = $1 AND rule_id = 'support.first-contact' AND due_at = $2`,
      [journeyId, DUE],
    );
    await settleDutiesExcept(t, [id], MONDAY);
    return id;
  };

  /** 08:00 on Tuesday: the worker's sweep enqueues the reminder (the test sweeps, as the minute's sweep would). */
  const eightOClock = async () => {
    t.clock.set(TUESDAY_0800);
    await worker.worker.get(ReminderSweeper).sweep();
  };

  const reminderOf = async (dutyId: string): Promise<NotificationRow | undefined> => (await notificationsOf(t, dutyId, 'duty_due_soon'))[0];

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    t = await startTestApp({
      now: MONDAY,
      env: { SMTP_URL: inbox.url, REMINDER_RETRY_DELAY_MS: '500', REMINDER_RETRY_MAX_DELAY_MS: '1000' },
    });
    worker = await startTestWorker(t);
    queue = worker.worker.get<Queue>(getQueueToken(QueueName.Reminders));
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    admin = await fixtures.signedIn(['admin'], ['cleveland']);
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

  it('keeps retrying a reminder refused for hours, marks it neither sent nor failed while its deadline is ahead, and sends it once when the server recovers, with no admin action', async () => {
    const dutyId = await aReminderDueAtEight();
    inbox.refuse({ at: 'rcpt', code: 451 });

    await eightOClock();
    await eventually('two refused attempts', async () => {
      const row = await reminderOf(dutyId);
      return row && row.attempts >= 2 ? row : undefined;
    });
    // The outage goes on: 12 hours, then 36 hours after the reminder's moment, the deadline still ahead.
    for (const later of [12, 36]) {
      t.clock.set(new Date(TUESDAY_0800.getTime() + later * HOURS));
      const seen = inbox.refusedCount;
      const refused = await eventually(`more refused attempts ${later} hours on`, async () => {
        const row = await reminderOf(dutyId);
        return row && inbox.refusedCount >= seen + 2 ? row : undefined;
      });
      expect(refused).toEqual(expect.objectContaining({ status: 'pending', sent_at: null, failed_at: null, last_error: 'EENVELOPE 451' }));
    }
    expect(inbox.refusedCount).toBeGreaterThan(OLD_ATTEMPTS);
    expect(inbox.count).toBe(0);

    inbox.accept();
    const sent = await eventually('the reminder to be sent once the server accepts', async () => {
      const row = await reminderOf(dutyId);
      return row?.status === 'sent' ? row : undefined;
    });

    expect(inbox.to(caseworker.email)).toHaveLength(1);
    expect(inbox.count).toBe(1);
    // Every refused attempt was counted on the row, and the one that got through too.
    expect(sent).toEqual(expect.objectContaining({ status: 'sent', attempts: inbox.refusedCount + 1, last_error: null, failed_at: null }));
    const job = (await queue.getJob(momentJobId('due-soon', TUESDAY_0800)))!;
    expect(await job.getState()).toBe('completed');
    // Nobody sent it again by hand.
    expect(await t.dataSource.query(`SELECT 1 FROM audit_log WHERE entity_type = 'notification' AND entity_id = $1`, [sent.id])).toEqual([]);
  }, 120_000);

  it('marks a reminder still refused when its next try would come after the deadline failed, lists it for admins, and does not try it again', async () => {
    const dutyId = await aReminderDueAtEight();
    inbox.refuse({ at: 'rcpt', code: 451 });

    await eightOClock();
    await eventually('a refused attempt', async () => {
      const row = await reminderOf(dutyId);
      return row && row.attempts >= 1 ? row : undefined;
    });
    expect(await reminderOf(dutyId)).toEqual(expect.objectContaining({ status: 'pending' }));

    // 0.1 s before the deadline: the next try (0.5 s or more on) would come after it.
    t.clock.set(new Date(DUE.getTime() - 100));
    const failed = await eventually('the reminder marked failed at its horizon', async () => {
      const row = await reminderOf(dutyId);
      return row?.status === 'failed' ? row : undefined;
    });

    expect(failed).toEqual(expect.objectContaining({ attempts: inbox.refusedCount, last_error: 'EENVELOPE 451', sent_at: null, failed_at: expect.any(Date) }));
    expect(inbox.count).toBe(0);
    // Given up: its job is gone, so a re-send by an admin can plan it under the same id.
    await eventually('the given-up job removed', async () => (await queue.getJob(momentJobId('due-soon', TUESDAY_0800))) === undefined);

    const list = await t.http().get('/api/v1/notifications/failed').set('authorization', (await new Fixtures(t).session(admin)).bearer);
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ id: failed.id, kind: 'duty_due_soon', status: 'failed', dutyId, attempts: failed.attempts, lastError: 'EENVELOPE 451' }),
    );

    // The failed email is Postgres's to decide: a later sweep, with the server back, leaves it alone.
    const refusals = inbox.refusedCount;
    inbox.accept();
    await worker.worker.get(ReminderSweeper).sweep();
    await eventually('the reminders queue to be idle', async () => {
      const counts = await queue.getJobCounts('wait', 'active', 'prioritized');
      return counts.wait + counts.active + counts.prioritized === 0;
    });
    expect(await reminderOf(dutyId)).toEqual(expect.objectContaining({ status: 'failed', attempts: failed.attempts }));
    expect(inbox.count).toBe(0);
    expect(inbox.refusedCount).toBe(refusals);
  }, 120_000);
});
