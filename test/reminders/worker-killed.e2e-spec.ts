import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName, ReminderJob } from '../../src/queue/queues.js';
import { lastDueAtRemindedBy } from '../../src/reminders/reminder-times.js';
import { Fixtures } from '../support/fixtures.js';
import { aReferredJourney } from '../support/journey.builder.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startWorkerProcess, type WorkerProcess } from '../support/test-worker.js';
import { eventually, notificationsOf, settleDutiesExcept } from './reminder-faults.js';

/**
 * The worker runs as a real process (node dist/src/worker.js) so that it can be SIGKILLed:
 * no shutdown hook, no rollback sent, sockets dropped by the kernel. Its clock is the
 * system clock, so the duty is made due for its reminder now.
 *
 * Why a short lock: BullMQ runs a job again only once the dead worker's lock has lapsed
 * and a stalled-job check has seen it (RemindersProcessor). The lock is 120 s in
 * production; REMINDER_LOCK_SECONDS=3 here stands in for those two minutes passing. The
 * sweep cannot hurry it: the job still exists (active) under its deterministic id, so a
 * sweep adds nothing, which is what keeps a live worker's job from running twice.
 */
const LOCK_SECONDS = '3';

describe('a worker killed while sending a reminder', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  let queue: Queue;
  const workers: WorkerProcess[] = [];

  const startWorker = async () => {
    const worker = await startWorkerProcess(t, { REMINDER_LOCK_SECONDS: LOCK_SECONDS });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    t = await startTestApp({ now: new Date(), env: { SMTP_URL: inbox.url } });
    queue = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
  });
  afterAll(async () => {
    for (const worker of workers) {
      worker.kill('SIGKILL');
      await worker.exited;
    }
    await t?.close();
    await inbox?.stop();
  });

  /** A victim's first-contact duty whose due-soon reminder is owed now (system clock), to the team mailbox. */
  const aReminderDueNow = async () => {
    const fixtures = new Fixtures(t);
    const caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    const { journeyId } = await aReferredJourney(t, caseworker, await fixtures.areaId('cleveland'));
    const teamEmail = `team-${journeyId.slice(0, 8)}@test.invalid`;
    await t.dataSource.query(`UPDATE organisations SET team_email = $2 WHERE id = $1`, [caseworker.organisationId, teamEmail]);
    await t.dataSource.query(`UPDATE journeys SET lead_worker_id = NULL, lead_organisation_id = $2 WHERE id = $1`, [journeyId, caseworker.organisationId]);
    const [{ id: dutyId }]: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM duties WHERE journey_id = $1 AND rule_id = 'support.first-contact'`,
      [journeyId],
    );
    // Due at the end of a London day whose due-soon time (08:00 the working day before) has
    // passed: the reminder is owed now, and the deadline is more than a horizon away, so no
    // breach job joins in.
    const dueAt = lastDueAtRemindedBy(new Date());
    await t.dataSource.query(`UPDATE duties SET due_at = $2 WHERE id = $1`, [dutyId, dueAt]);
    await settleDutiesExcept(t, [dutyId], new Date());
    // No digests from the real clock's morning: no enabled user to send one to.
    await t.dataSource.query(`UPDATE users SET disabled_at = now() WHERE disabled_at IS NULL`);
    inbox.clear();
    return { dutyId, dueAt, teamEmail };
  };

  const sentReminder = (worker: WorkerProcess, dutyId: string) =>
    eventually(
      'the reminder to be marked sent',
      async () => {
        const [row] = await notificationsOf(t, dutyId, 'duty_due_soon');
        return row?.status === 'sent' ? row : undefined;
      },
      120_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${worker.output()}`);
    });

  it('sends the reminder once when the worker dies after handing the message to SMTP, and a new worker runs the job again', async () => {
    const { dutyId, teamEmail } = await aReminderDueNow();

    inbox.hold();
    const first = await startWorker();
    await eventually('the first worker to hand the reminder to the SMTP server', () => inbox.heldCount === 1);
    const [sending] = await notificationsOf(t, dutyId, 'duty_due_soon');
    expect(sending).toEqual(expect.objectContaining({ status: 'pending', attempts: 0, sent_at: null }));

    first.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await eventually('the SMTP server to see the sender hang up', () => inbox.abandoned.length === 1);
    inbox.release();
    expect(inbox.count).toBe(0);

    const second = await startWorker();
    const sent = await sentReminder(second, dutyId);

    expect(inbox.count).toBe(1);
    expect(inbox.received[0].to).toEqual([teamEmail]);
    // The same notification: a message that had got through before the kill would carry this Message-ID too.
    expect(inbox.received[0].messageId).toBe(inbox.abandoned[0].messageId);
    expect(sent).toEqual(expect.objectContaining({ status: 'sent', attempts: 1, message_id: inbox.received[0].messageId }));
    // The moment's job (a catch-up moment: the reminder's 08:00 had passed when the worker started) ran again and completed.
    const moments = (await queue.getJobs(['completed'])).filter((completed) => completed.name === ReminderJob.Moment && completed.data.kind === 'due-soon');
    expect(moments.map((job) => job.returnvalue?.emails)).toContain(1);

    second.kill('SIGTERM');
    await second.exited;
    expect(inbox.count).toBe(1);
  }, 240_000);

  it('finishes the email in hand when the worker is stopped with SIGTERM mid-send, answers 503 meanwhile, then exits', async () => {
    const { dutyId, teamEmail } = await aReminderDueNow();

    inbox.hold();
    const worker = await startWorker();
    await eventually('the worker to hand the reminder to the SMTP server', () => inbox.heldCount === 1);
    expect((await fetch(`${worker.healthUrl}/health/ready`)).status).toBe(200);

    worker.kill('SIGTERM');
    await eventually('the worker to start stopping', () => worker.output().includes('finishing the jobs in hand'));
    const ready = await fetch(`${worker.healthUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: { workers: { queues: Record<string, string> } } }).checks.workers.queues.reminders).toBe('closing');
    inbox.release();

    // Once every hook has run it exits 0 (not by the re-raised signal, which would drop log lines still queued).
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain('queue workers closed');
    expect(await notificationsOf(t, dutyId, 'duty_due_soon')).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
    expect(inbox.to(teamEmail)).toHaveLength(1);
    expect(inbox.count).toBe(1);
    await expect(fetch(`${worker.healthUrl}/health/live`)).rejects.toThrow();
  }, 240_000);
});
