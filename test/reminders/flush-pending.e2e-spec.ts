import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../../src/app/redis.js';
import { momentJobId, QueueName, ReminderJob } from '../../src/queue/queues.js';
import { ReminderSweeper } from '../../src/reminders/reminder-sweeper.service.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aReferredJourney } from '../support/journey.builder.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';

// First contact with a victim referred on Monday 12 January 2026 is due by the end of
// Wednesday; its due-soon reminder is Tuesday 08:00 London.
const MONDAY = new Date('2026-01-12T10:00:00Z');
const TUESDAY_0759 = new Date('2026-01-13T07:59:00Z');
const TUESDAY_0800 = new Date('2026-01-13T08:00:00Z');
const PENDING = 3;

describe('Redis flushed while reminders are pending (issue 19)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let inbox: SmtpInbox;
  let caseworker: SignedInUser;

  const eventually = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const found = await probe();
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    // The schedule's repair looks every second here (15 s by default): the test waits on it, not on a minute's sweep.
    t = await startTestApp({ now: MONDAY, env: { SMTP_URL: inbox.url, REMINDER_SCHEDULE_CHECK_SECONDS: '1' } });
    worker = await startTestWorker(t);
    caseworker = await new Fixtures(t).signedIn(['caseworker'], ['cleveland']);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await inbox?.stop();
  });

  it('restores the sweep’s schedule, says "degraded" until then, and sends each pending reminder once', async () => {
    const cleveland = await new Fixtures(t).areaId('cleveland');
    const dutyIds: string[] = [];
    const journeyIds: string[] = [];
    for (let index = 0; index < PENDING; index++) {
      const { journeyId } = await aReferredJourney(t, caseworker, cleveland, { crime: { offenceDate: '2026-01-10', reportedAt: '2026-01-11T09:00:00Z' } });
      await t.dataSource.query(`UPDATE journeys SET lead_worker_id = $2, lead_organisation_id = $3 WHERE id = $1`, [journeyId, caseworker.id, caseworker.organisationId]);
      const [{ id }] = await t.dataSource.query(`SELECT id FROM duties WHERE journey_id = $1 AND rule_id = 'support.first-contact'`, [journeyId]);
      dutyIds.push(id);
      journeyIds.push(journeyId);
    }

    // 07:59: the 08:00 moment is in Redis, delayed until 08:00.
    t.clock.set(TUESDAY_0759);
    await worker.worker.get(ReminderSweeper).sweep();
    const queue = worker.worker.get<Queue>(getQueueToken(QueueName.Reminders));
    expect(await (await queue.getJob(momentJobId('due-soon', TUESDAY_0800)))?.isDelayed()).toBe(true);

    // Redis loses the queue (FLUSHALL on this test's prefix): the pending reminders and the sweep's schedule.
    const redis = t.app.get<Redis>(REDIS_CLIENT);
    const keys = await redis.keys(`${t.config.redisPrefix}:bull:${QueueName.Reminders}:*`);
    await redis.del(...keys);
    t.clock.set(TUESDAY_0800);

    const sent = await eventually('every pending reminder sent', async () => {
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM notifications WHERE duty_id = ANY($1::uuid[]) AND kind = 'duty_due_soon' AND status = 'sent'`,
        [dutyIds],
      );
      return count >= PENDING ? count : undefined;
    });
    expect(sent).toBe(PENDING);
    const health = await eventually('the schedule back in the worker’s health', async () => {
      const body = await (await fetch(`${worker.healthUrl}/health/ready`)).json();
      return body.checks.schedules.status === 'up' ? body : undefined;
    });
    expect(health.warnings).not.toContain('schedules');

    // Sweeping again (as every minute) sends nothing more.
    await worker.worker.get(ReminderSweeper).sweep();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // One email at 08:00 listing the caseworker's three duties, once.
    const dueSoon = inbox.to(caseworker.email).filter((email) => email.subject.startsWith('Due soon'));
    expect(dueSoon).toHaveLength(1);
    for (const part of dueSoon[0].parts) for (const journeyId of journeyIds) expect(part.body).toContain(journeyId);
  });

  it('answers "degraded" naming the schedules while the sweep’s schedule is gone', async () => {
    // Stop the repair first, so the gap is there to be seen.
    await worker.close();
    worker = await startTestWorker(t, { config: (config) => ({ ...config, reminders: { ...config.reminders, scheduleCheckMs: 600_000 } }) });
    const reminders = worker.worker.get<Queue>(getQueueToken(QueueName.Reminders));
    await reminders.removeJobScheduler(ReminderJob.Sweep);
    const body = await (await fetch(`${worker.healthUrl}/health/ready`)).json();
    expect(body).toEqual(expect.objectContaining({ status: 'degraded', warnings: expect.arrayContaining(['schedules']) }));
  });
});
