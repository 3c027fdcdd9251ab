import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { momentJobId, QueueName } from '../../src/queue/queues.js';
import { ReminderSweeper } from '../../src/reminders/reminder-sweeper.service.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aReferredJourney, journeyEtag } from '../support/journey.builder.js';
import { expectProblem } from '../support/problem.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { requireEnv } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';
import { eventually, notificationsOf, settleDutiesExcept } from './reminder-faults.js';

// Monday 12 January 2026, 10:00 London: first contact is due by the end of Wednesday, and
// the due-soon reminder goes at 08:00 on Tuesday.
const MONDAY = new Date('2026-01-12T10:00:00Z');
const DUE = new Date('2026-01-14T23:59:59.999Z');
const TUESDAY_0800 = new Date('2026-01-13T08:00:00Z');
/** How long before its time the reminder is enqueued: real seconds the job waits in Redis as a delayed job. */
const LEAD_MS = 10_000;

/**
 * Redis goes away under the api and the worker: both reach it through a TCP proxy that the
 * test cuts (every connection dropped, new ones refused) and restores, as a Redis restart
 * looks to its clients, without stopping the Redis other test files share.
 */
describe('Redis away and back', () => {
  const redis = new TcpProxy('127.0.0.1', Number(new URL(requireEnv('REDIS_URL')).port));
  let t: TestApp;
  let worker: TestWorker;
  let inbox: SmtpInbox;
  let queue: Queue;
  let caseworker: SignedInUser;

  beforeAll(async () => {
    await redis.start();
    inbox = await SmtpInbox.start();
    t = await startTestApp({ now: MONDAY, env: { SMTP_URL: inbox.url, REDIS_URL: redis.url(requireEnv('REDIS_URL')) } });
    worker = await startTestWorker(t);
    queue = worker.worker.get<Queue>(getQueueToken(QueueName.Reminders));
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
  });
  afterAll(async () => {
    await redis.restore().catch(() => undefined);
    await worker?.close();
    await t?.close();
    await redis.cut();
    await inbox?.stop();
  });

  it('answers 503 on both readiness endpoints but serves reads while Redis is away, then sends the reminder that fell due once', async () => {
    const { journeyId } = await aReferredJourney(t, caseworker, await new Fixtures(t).areaId('cleveland'), {
      crime: { offenceDate: '2026-01-10', reportedAt: '2026-01-11T09:00:00Z' },
    });
    const assigned = await t.http().put(`/api/v1/journeys/${journeyId}/lead`).set('authorization', caseworker.bearer)
      .set('if-match', await journeyEtag(t, caseworker, journeyId)).send({ workerId: caseworker.id });
    expect(assigned.status).toBe(200);
    const [{ id: dutyId }]: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM duties WHERE journey_id = $1 AND rule_id = 'support.first-contact' AND due_at = $2`,
      [journeyId, DUE],
    );
    await settleDutiesExcept(t, [dutyId], MONDAY);

    // Swept shortly before its time: a delayed job that falls due while Redis is away.
    t.clock.set(new Date(TUESDAY_0800.getTime() - LEAD_MS));
    await worker.worker.get(ReminderSweeper).sweep();
    const dueInRedisAt = Date.now() + LEAD_MS;
    const jobId = momentJobId('due-soon', TUESDAY_0800);
    expect(await (await queue.getJob(jobId))?.isDelayed()).toBe(true);
    // Signed in now, as signing in needs Redis (the lockout counters); reading does not.
    const reader = await new Fixtures(t).session(caseworker);

    await redis.cut();
    t.clock.set(TUESDAY_0800);

    const apiReady = await t.http().get('/health/ready');
    expect(expectProblem(apiReady, 503, 'SERVICE_UNAVAILABLE').detail).toContain('redis');
    const workerReady = await fetch(`${worker.healthUrl}/health/ready`);
    expect(workerReady.status).toBe(503);
    const workerProblem = (await workerReady.json()) as { code: string; detail: string; checks: Record<string, { status: string }> };
    expect(workerProblem).toEqual(expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', detail: 'Not ready: redis unavailable' }));
    expect(workerProblem.checks.postgres.status).toBe('up');
    // Reads need Postgres only: no 500s, no 503s.
    const journey = await t.http().get(`/api/v1/journeys/${journeyId}`).set('authorization', reader.bearer);
    expect(journey.status).toBe(200);
    const duties = await t.http().get(`/api/v1/journeys/${journeyId}/duties`).set('authorization', reader.bearer);
    expect(duties.status).toBe(200);
    const workQueue = await t.http().get('/api/v1/work-queue?view=mine').set('authorization', reader.bearer);
    expect(workQueue.status).toBe(200);

    // Redis stays away until the reminder's job is overdue in Redis's own time too.
    await eventually('the reminder to fall due while Redis is away', () => Date.now() > dueInRedisAt + 2_000, LEAD_MS + 30_000);
    expect(inbox.count).toBe(0);
    expect(await notificationsOf(t, dutyId, 'duty_due_soon')).toEqual([]);

    await redis.restore();
    await eventually('the worker to send the reminder after Redis came back', async () => (await notificationsOf(t, dutyId, 'duty_due_soon'))[0]?.status === 'sent');
    await eventually('the api to be ready again', async () => (await t.http().get('/health/ready')).status === 200);
    await eventually('the worker to be ready again', async () => (await fetch(`${worker.healthUrl}/health/ready`)).status === 200);

    // Sweeping again after the outage adds nothing: the job is kept as completed, the email recorded as sent.
    await worker.worker.get(ReminderSweeper).sweep();
    await eventually('the reminders queue to be idle', async () => {
      const counts = await queue.getJobCounts('wait', 'active', 'prioritized');
      return counts.wait + counts.active + counts.prioritized === 0;
    });
    expect(inbox.to(caseworker.email)).toHaveLength(1);
    expect(inbox.count).toBe(1);
    expect(await notificationsOf(t, dutyId, 'duty_due_soon')).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
    expect(await (await queue.getJob(jobId))?.getState()).toBe('completed');
  }, 180_000);
});
