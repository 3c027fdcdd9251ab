import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../../src/app/redis.js';
import { momentJobId, QueueName } from '../../src/queue/queues.js';
import { ReminderSweeper } from '../../src/reminders/reminder-sweeper.service.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aReferredJourney } from '../support/journey.builder.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';
import { eventually, notificationsOf, settleDutiesExcept } from './reminder-faults.js';

// First contact with a victim referred on Monday 12 January 2026 is due by the end of
// Wednesday; the due-soon reminder goes at 08:00 on Tuesday.
const MONDAY = new Date('2026-01-12T10:00:00Z');
const DUE = new Date('2026-01-14T23:59:59.999Z');
const TUESDAY_0800 = new Date('2026-01-13T08:00:00Z');

/**
 * A refused reminder's next try is 10 minutes away here (REMINDER_RETRY_DELAY_MS), far past
 * any wait in this test: a reminder sent within it was run early, because SMTP came back.
 * The worker checks SMTP every second (REMINDER_SMTP_CHECK_SECONDS).
 */
const RETRY_DELAY_MS = 10 * 60_000;

describe('SMTP coming back (issue 19)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let inbox: SmtpInbox;
  let queue: Queue;
  let caseworker: SignedInUser;

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    t = await startTestApp({
      now: MONDAY,
      env: { SMTP_URL: inbox.url, REMINDER_RETRY_DELAY_MS: String(RETRY_DELAY_MS), REMINDER_RETRY_MAX_DELAY_MS: String(RETRY_DELAY_MS), REMINDER_SMTP_CHECK_SECONDS: '1' },
    });
    worker = await startTestWorker(t);
    queue = worker.worker.get<Queue>(getQueueToken(QueueName.Reminders));
    caseworker = await new Fixtures(t).signedIn(['caseworker'], ['cleveland']);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await inbox?.stop();
  });

  /** First-contact duties led by the caseworker, referred on Monday: their due-soon reminders are owed at 08:00 on Tuesday. */
  const remindersDueAtEight = async (count: number): Promise<string[]> => {
    t.clock.set(MONDAY);
    const cleveland = await new Fixtures(t).areaId('cleveland');
    const dutyIds: string[] = [];
    for (let index = 0; index < count; index++) {
      const { journeyId } = await aReferredJourney(t, caseworker, cleveland, { crime: { offenceDate: '2026-01-10', reportedAt: '2026-01-11T09:00:00Z' } });
      await t.dataSource.query(`UPDATE journeys SET lead_worker_id = $2, lead_organisation_id = $3 WHERE id = $1`, [journeyId, caseworker.id, caseworker.organisationId]);
      const [{ id }] = await t.dataSource.query(`SELECT id FROM duties WHERE journey_id = $1 AND rule_id = 'support.first-contact'`, [journeyId]);
      dutyIds.push(id);
    }
    await settleDutiesExcept(t, dutyIds, MONDAY);
    return dutyIds;
  };

  /** Refused, and waiting in Redis for a retry 10 minutes or more away. */
  const waitingToRetry = async (dutyIds: readonly string[]) => {
    for (const dutyId of dutyIds) {
      await eventually(`the reminder of ${dutyId} refused and waiting to retry`, async () => {
        const job = await queue.getJob(momentJobId('due-soon', TUESDAY_0800));
        return job && job.attemptsMade > 0 && (await job.isDelayed());
      });
    }
  };

  it('runs every reminder waiting in its retry backoff as soon as SMTP takes mail again, each once', async () => {
    inbox.clear();
    const dutyIds = await remindersDueAtEight(2);

    inbox.refuse({ at: 'rcpt', code: 451 });
    t.clock.set(TUESDAY_0800);
    await worker.worker.get(ReminderSweeper).sweep();
    await waitingToRetry(dutyIds);
    const [row] = await notificationsOf(t, dutyIds[0]!, 'duty_due_soon');
    expect(row).toEqual(expect.objectContaining({ status: 'pending', failed_at: null, last_error: 'EENVELOPE 451' }));
    expect(inbox.count).toBe(0);

    inbox.accept();
    for (const dutyId of dutyIds) {
      await eventually(`the reminder of ${dutyId} sent once SMTP is back`, async () => (await notificationsOf(t, dutyId, 'duty_due_soon'))[0]?.status === 'sent');
    }

    // One email to the caseworker listing both duties (one person, one moment), sent once.
    const dueSoon = inbox.to(caseworker.email);
    expect(dueSoon.map((email) => email.subject)).toEqual([expect.stringMatching(/^Due soon: 2 Victims' Code duties/)]);
    expect(inbox.count).toBe(1);
    const rows = await t.dataSource.query(`SELECT DISTINCT message_id FROM notifications WHERE duty_id = ANY($1::uuid[]) AND kind = 'duty_due_soon'`, [dutyIds]);
    expect(rows).toEqual([{ message_id: dueSoon[0]!.messageId }]);
    for (const dutyId of dutyIds) {
      const [sent] = await notificationsOf(t, dutyId, 'duty_due_soon');
      expect(sent).toEqual(expect.objectContaining({ status: 'sent', failed_at: null, last_error: null }));
      expect(await (await queue.getJob(momentJobId('due-soon', TUESDAY_0800)))!.getState()).toBe('completed');
    }
  }, 120_000);

  it('loses nothing when Redis is flushed during the outage: the sweep plans the pending reminder again, and it goes once SMTP is back', async () => {
    inbox.clear();
    const [dutyId] = await remindersDueAtEight(1);
    const jobId = momentJobId('due-soon', TUESDAY_0800);

    inbox.refuse({ at: 'rcpt', code: 451 });
    t.clock.set(TUESDAY_0800);
    await worker.worker.get(ReminderSweeper).sweep();
    await waitingToRetry([dutyId!]);

    // Redis loses the queue (FLUSHALL on this test's prefix) while the email is pending.
    const redis = t.app.get<Redis>(REDIS_CLIENT);
    await redis.del(...(await redis.keys(`${t.config.redisPrefix}:bull:${QueueName.Reminders}:*`)));
    expect(await queue.getJob(jobId)).toBeUndefined();
    expect((await notificationsOf(t, dutyId!, 'duty_due_soon'))[0]).toEqual(expect.objectContaining({ status: 'pending' }));

    // Neither sent nor failed: the next sweep (the test runs it, as the worker's would) plans it again.
    const refusedBefore = inbox.refusedCount;
    await worker.worker.get(ReminderSweeper).sweep();
    await eventually('the re-planned reminder refused again', async () => inbox.refusedCount > refusedBefore);

    inbox.accept();
    await eventually('the reminder sent once SMTP is back', async () => (await notificationsOf(t, dutyId!, 'duty_due_soon'))[0]?.status === 'sent');
    expect(inbox.to(caseworker.email)).toHaveLength(1);
    expect(inbox.count).toBe(1);
  }, 120_000);
});
