import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DigestPlanner } from '../../src/digest/digest-planner.js';
import { DigestService } from '../../src/digest/digest.service.js';
import { DigestJob, digestJobId, OutboxJob, QueueName, ReminderJob } from '../../src/queue/queues.js';
import { Fixtures, type SignedInUser, type TestUser } from '../support/fixtures.js';
import { aReferredJourney, journeyEtag } from '../support/journey.builder.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';

// Referred on Monday 12 January 2026 (GMT): first contact is owed by the end of Wednesday 14th,
// so from Thursday the caseworker has an overdue duty and a referral still to contact.
const MONDAY = new Date('2026-01-12T10:00:00Z');
const THURSDAY_0800 = new Date('2026-01-15T08:00:00Z');
const FRIDAY_0755 = new Date('2026-01-16T07:55:00Z');
const FRIDAY_0800 = new Date('2026-01-16T08:00:00Z');
const MONDAY_1030 = new Date('2026-01-19T10:30:00Z');
const SATURDAY_0800 = new Date('2026-01-17T08:00:00Z');
// Easter Monday 2026, 08:00 in London (BST).
const EASTER_MONDAY_0800 = new Date('2026-04-06T07:00:00Z');

describe('the daily digest', () => {
  let t: TestApp;
  let worker: TestWorker;
  let inbox: SmtpInbox;
  let planner: DigestPlanner;
  let digests: DigestService;
  let queue: Queue;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let idle: TestUser;
  let supervisor: TestUser;
  let reference: string;
  let givenName: string;
  let familyName: string;

  /** Waits (bounded) until no digest job is waiting, running or retrying. */
  const digestsSettled = async () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const counts = await queue.getJobCounts('wait', 'active', 'prioritized', 'delayed');
      if (counts.wait + counts.active + counts.prioritized + counts.delayed === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the digests queue did not drain');
  };

  const planAt = async (now: Date): Promise<number> => {
    t.clock.set(now);
    const planned = await planner.plan();
    await digestsSettled();
    return planned;
  };

  const digestsTo = (email: string) => inbox.to(email).filter((received) => received.subject.startsWith('Your duties for '));
  const text = (email: { parts: Array<{ contentType: string; body: string }> }) => email.parts.find((part) => part.contentType === 'text/plain')!.body;

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    t = await startTestApp({ now: MONDAY, env: { SMTP_URL: inbox.url } });
    // The planner's schedule is the tests' to run: the worker must not put it back (and plan) by itself.
    worker = await startTestWorker(t, { config: (config) => ({ ...config, reminders: { ...config.reminders, scheduleCheckMs: 3_600_000 } }) });
    planner = worker.worker.get(DigestPlanner);
    digests = worker.worker.get(DigestService);
    queue = worker.worker.get<Queue>(getQueueToken(QueueName.Digests));
    // The tests plan when they set the clock; the worker's own schedules would race them.
    await queue.removeJobScheduler(DigestJob.Plan);
    await worker.worker.get<Queue>(getQueueToken(QueueName.Reminders)).removeJobScheduler(ReminderJob.Sweep);
    await worker.worker.get<Queue>(getQueueToken(QueueName.Outbox)).removeJobScheduler(OutboxJob.Relay);

    fixtures = new Fixtures(t);
    const clevelandId = await fixtures.areaId('cleveland');
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    idle = await fixtures.user({ roles: ['caseworker'], areas: ['cleveland'] });
    supervisor = await fixtures.user({ roles: ['supervisor'], areas: ['cleveland'] });
    await t.dataSource.query(`UPDATE users SET supervisor_id = $2 WHERE id = $1`, [caseworker.id, supervisor.id]);

    const { journeyId, referral } = await aReferredJourney(t, caseworker, clevelandId, {
      crime: { offenceDate: '2026-01-10', reportedAt: '2026-01-11T09:00:00Z' },
      person: { givenName: 'Philippa', familyName: 'Quennell' },
    });
    const assigned = await t.http().put(`/api/v1/journeys/${journeyId}/lead`).set('authorization', caseworker.bearer)
      .set('if-match', await journeyEtag(t, caseworker, journeyId)).send({ workerId: caseworker.id });
    expect(assigned.status).toBe(200);
    [{ reference }] = await t.dataSource.query(`SELECT reference FROM journeys WHERE id = $1`, [journeyId]);
    ({ givenName, familyName } = referral.person);
    inbox.clear();
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await inbox?.stop();
  });

  it('sends a user with an overdue duty and a new referral one digest at 08:00 London on a working day, naming no victim', async () => {
    await planAt(THURSDAY_0800);

    const [digest, ...more] = digestsTo(caseworker.email);
    expect(more).toHaveLength(0);
    expect(digest.subject).toBe('Your duties for Thursday 15 January 2026: 0 due today, 1 overdue, 1 new referral');
    const body = text(digest);
    expect(body).toContain('Overdue (1)');
    expect(body).toContain('New referrals (1)');
    expect(body.split(reference).length - 1).toBe(2);
    for (const name of [givenName, familyName]) expect(digest.raw).not.toContain(name);
    const [row] = await t.dataSource.query(`SELECT kind, status, recipient_user_id FROM notifications WHERE dedupe_key = $1`, [
      `daily-digest:2026-01-15:${caseworker.email}`,
    ]);
    expect(row).toEqual({ kind: 'daily_digest', status: 'sent', recipient_user_id: caseworker.id });
  });

  it("gives a supervisor their team's overdue duties", async () => {
    const [digest, ...more] = digestsTo(supervisor.email);
    expect(more).toHaveLength(0);
    expect(digest.subject).toContain('1 overdue');
    expect(text(digest)).toContain(reference);
  });

  it('sends nothing to a user with nothing to do', async () => {
    expect(digestsTo(idle.email)).toHaveLength(0);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM notifications WHERE recipient_user_id = $1`, [idle.id]);
    expect(count).toBe(0);
  });

  it('plans the day once, and after Redis lost the jobs re-plans only who Postgres has no digest for: one digest each', async () => {
    // The day was claimed at 08:00: planning again that morning asks for nothing.
    expect(await planAt(new Date('2026-01-15T08:01:00Z'))).toBe(0);
    const [planned] = await t.dataSource.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, send_at, users FROM digest_days WHERE day = '2026-01-15'`);
    expect(planned).toEqual({ day: '2026-01-15', send_at: new Date('2026-01-15T08:00:00Z'), users: expect.any(Number) });
    expect(planned.users).toBeGreaterThanOrEqual(3);

    await queue.obliterate({ force: true });
    expect(await planAt(new Date('2026-01-15T08:02:00Z'))).toBe(0);
    // What the worker does when it finds its schedule gone (a flush), and at its start.
    t.clock.set(new Date('2026-01-15T08:02:00Z'));
    expect(await planner.plan({ recover: true })).toBeGreaterThan(0);
    await digestsSettled();
    expect(await digests.send(caseworker.id, '2026-01-15', { lastAttempt: false })).toEqual({ outcome: 'already_sent', items: 2 });

    expect(digestsTo(caseworker.email)).toHaveLength(1);
    // Postgres says it was sent, so the re-plan did not even ask again; the idle user it did.
    expect(await queue.getJob(digestJobId('2026-01-15', caseworker.id))).toBeUndefined();
    expect(await queue.getJob(digestJobId('2026-01-15', idle.id))).toBeDefined();
  });

  it('plans from 07:50 for 08:00 exactly: the jobs wait in Redis, one run early waits again, and the email goes at 08:00', async () => {
    expect(await planAt(new Date('2026-01-16T07:49:00Z'))).toBe(0);
    t.clock.set(FRIDAY_0755);
    expect(await planner.plan()).toBeGreaterThan(0);
    expect(await planner.plan()).toBe(0);
    const job = (await queue.getJob(digestJobId('2026-01-16', caseworker.id)))!;
    expect([await job.getState(), job.opts.delay]).toEqual(['delayed', 5 * 60_000]);
    // Run before 08:00 by the service's clock, it sends nothing and asks to wait.
    expect(await digests.send(caseworker.id, '2026-01-16', { lastAttempt: false })).toEqual({ outcome: 'not-yet', runAt: FRIDAY_0800 });
    expect(digestsTo(caseworker.email).filter((digest) => digest.subject.includes('Friday 16 January 2026'))).toHaveLength(0);

    // 08:00: the delayed jobs fall due.
    t.clock.set(FRIDAY_0800);
    for (const delayed of await queue.getJobs(['delayed'])) await delayed.promote();
    await digestsSettled();
    const fridays = digestsTo(caseworker.email).filter((digest) => digest.subject.startsWith('Your duties for Friday 16 January 2026'));
    expect(fridays).toHaveLength(1);
    const [sent] = await t.dataSource.query(`SELECT status, sent_at FROM notifications WHERE dedupe_key = $1`, [`daily-digest:2026-01-16:${caseworker.email}`]);
    expect(sent).toEqual({ status: 'sent', sent_at: FRIDAY_0800 });
  });

  it('sends later that morning when no worker was running at 08:00', async () => {
    await planAt(MONDAY_1030);
    const mondays = digestsTo(caseworker.email).filter((digest) => digest.subject.startsWith('Your duties for Monday 19 January 2026'));
    expect(mondays).toHaveLength(1);
  });

  it('sends nothing on a Saturday', async () => {
    inbox.clear();
    expect(await planAt(SATURDAY_0800)).toBe(0);
    expect(await digests.send(caseworker.id, '2026-01-17', { lastAttempt: false })).toEqual({ outcome: 'skipped', reason: 'not-digest-time' });
    expect(inbox.count).toBe(0);
  });

  it('sends nothing on a bank holiday', async () => {
    inbox.clear();
    expect(await planAt(EASTER_MONDAY_0800)).toBe(0);
    expect(await digests.send(caseworker.id, '2026-04-06', { lastAttempt: false })).toEqual({ outcome: 'skipped', reason: 'not-digest-time' });
    expect(inbox.count).toBe(0);
  });
});
