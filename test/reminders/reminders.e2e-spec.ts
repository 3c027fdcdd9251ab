import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { getQueueToken } from '@nestjs/bullmq';
import { REDIS_CLIENT } from '../../src/app/redis.js';
import { NotificationSendError } from '../../src/notifications/notifications.service.js';
import { momentJobId, QueueName, ReminderJob } from '../../src/queue/queues.js';
import { ReminderGivenUpError } from '../../src/reminders/reminder-mail.js';
import { ReminderSweeper } from '../../src/reminders/reminder-sweeper.service.js';
import { RemindersService } from '../../src/reminders/reminders.service.js';
import { Fixtures, type SignedInUser, type TestUser } from '../support/fixtures.js';
import { aReferredJourney, eventTypes, journeyEtag } from '../support/journey.builder.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';

// Monday 12 January 2026, 10:00 in London (GMT). A victim referred now is owed first
// contact by the end of Wednesday 14 January; the due-soon reminder is Tuesday 08:00.
const MONDAY = new Date('2026-01-12T10:00:00Z');
const DUE = new Date('2026-01-14T23:59:59.999Z');
const TUESDAY_0759 = new Date('2026-01-13T07:59:00Z');
const TUESDAY_0800 = new Date('2026-01-13T08:00:00Z');
const THURSDAY_MIDNIGHT = new Date('2026-01-15T00:00:00Z');
/** A run with a retry due 5 s later: well inside every reminder's horizon. */
const ATTEMPT = { nextRetryInMs: 5_000, requestId: 'test' };

interface OwedDuty {
  journeyId: string;
  dutyId: string;
  familyName: string;
  givenName: string;
}

describe('duty reminders and breach escalations', () => {
  let t: TestApp;
  let worker: TestWorker;
  let inbox: SmtpInbox;
  let sweeper: ReminderSweeper;
  let reminders: RemindersService;
  let queue: Queue;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let supervisor: TestUser;
  let clevelandId: string;
  let sweepSchedule: Awaited<ReturnType<Queue['getJobScheduler']>>;

  /** Referred on Monday, led by the caseworker, whose supervisor is `supervisor`: first contact due Wednesday. */
  const anOwedDuty = async (): Promise<OwedDuty> => {
    t.clock.set(MONDAY);
    const { journeyId, referral } = await aReferredJourney(t, caseworker, clevelandId, {
      crime: { offenceDate: '2026-01-10', reportedAt: '2026-01-11T09:00:00Z' },
      person: { givenName: 'Philippa' },
    });
    const assigned = await t.http().put(`/api/v1/journeys/${journeyId}/lead`).set('authorization', caseworker.bearer)
      .set('if-match', await journeyEtag(t, caseworker, journeyId)).send({ workerId: caseworker.id });
    expect(assigned.status).toBe(200);
    const [duty]: Array<{ id: string; due_at: Date }> = await t.dataSource.query(
      `SELECT id, due_at FROM duties WHERE journey_id = $1 AND rule_id = 'support.first-contact'`,
      [journeyId],
    );
    expect(new Date(duty.due_at)).toEqual(DUE);
    return { journeyId, dutyId: duty.id, familyName: referral.person.familyName, givenName: referral.person.givenName };
  };

  const sweepAt = async (now: Date) => {
    t.clock.set(now);
    await sweeper.sweep();
  };

  /** Polls Postgres (bounded) until the worker has settled the duty's `kind` notification. */
  const sentNotifications = async (dutyId: string, kind: 'duty_due_soon' | 'duty_breached', expected: number) => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const [{ count }]: Array<{ count: number }> = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM notifications WHERE duty_id = $1 AND kind = $2 AND status = 'sent'`,
        [dutyId, kind],
      );
      if (count >= expected) return count;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no ${kind} notification sent for duty ${dutyId}`);
  };

  /** Waits (bounded) until the reminders queue has no job waiting, running or due. */
  const queueIdle = async () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const counts = await queue.getJobCounts('wait', 'active', 'prioritized');
      if (counts.wait + counts.active + counts.prioritized === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the reminders queue did not drain');
  };

  const breachEvents = async (journeyId: string) => (await eventTypes(t, journeyId)).filter((type) => type === 'duty.breached');

  /** Redis loses everything the queue held (FLUSHALL on this test's prefix). */
  const flushQueue = async () => {
    const redis = t.app.get<Redis>(REDIS_CLIENT);
    const keys = await redis.keys(`${t.config.redisPrefix}:bull:${QueueName.Reminders}:*`);
    if (keys.length) await redis.del(...keys);
  };

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    t = await startTestApp({ now: MONDAY, env: { SMTP_URL: inbox.url } });
    worker = await startTestWorker(t);
    sweeper = worker.worker.get(ReminderSweeper);
    reminders = worker.worker.get(RemindersService);
    queue = worker.worker.get<Queue>(getQueueToken(QueueName.Reminders));
    sweepSchedule = await queue.getJobScheduler(ReminderJob.Sweep);
    // The tests sweep when they set the clock; the worker's own minute-by-minute sweep would race them.
    await queue.removeJobScheduler(ReminderJob.Sweep);
    fixtures = new Fixtures(t);
    clevelandId = await fixtures.areaId('cleveland');
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    supervisor = await fixtures.user({ roles: ['supervisor'], areas: ['cleveland'] });
    await t.dataSource.query(`UPDATE users SET supervisor_id = $2 WHERE id = $1`, [caseworker.id, supervisor.id]);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await inbox?.stop();
  });
  beforeEach(async () => {
    // Duties of earlier tests stay owed; settle them so each test counts its own emails.
    await t.dataSource.query(`UPDATE duties SET breach_recorded_at = $1 WHERE breach_recorded_at IS NULL`, [MONDAY]);
    await t.dataSource.query(
      `INSERT INTO notifications (dedupe_key, kind, duty_id, recipient_email, subject, status, failed_at, created_at, updated_at)
       SELECT 'settled:' || kind || ':' || d.id, kind, d.id, 'settled@test.invalid', 'settled', 'failed', $1, $1, $1
         FROM duties d CROSS JOIN (VALUES ('duty_due_soon'), ('duty_breached')) AS k (kind)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [MONDAY],
    );
    // Jobs left delayed by an earlier test would otherwise fire in a later one.
    await queue.drain(true);
    await queueIdle();
    inbox.clear();
  });

  it('sends no due-soon reminder before 08:00 London on the working day before the due day', async () => {
    const duty = await anOwedDuty();

    await sweepAt(TUESDAY_0759);

    expect(await reminders.sendDueSoon(duty.dutyId, DUE.getTime(), ATTEMPT)).toEqual({
      outcome: 'not-yet',
      runAt: TUESDAY_0800,
    });
    // One job for the moment, whoever's duties fall due at it.
    const job = await queue.getJob(momentJobId('due-soon', TUESDAY_0800));
    expect(await job?.isDelayed()).toBe(true);
    expect(inbox.to(caseworker.email)).toHaveLength(0);
  });

  it('sends the lead worker exactly one due-soon reminder at 08:00 London the working day before, however often it is swept', async () => {
    const duty = await anOwedDuty();
    await sweepAt(TUESDAY_0759);

    await sweepAt(TUESDAY_0800);
    await sentNotifications(duty.dutyId, 'duty_due_soon', 1);
    await sweepAt(new Date(TUESDAY_0800.getTime() + 60_000));
    await queueIdle();

    const emails = inbox.to(caseworker.email);
    expect(emails).toHaveLength(1);
    expect(emails[0].subject).toMatch(/due/i);
    for (const part of emails[0].parts) {
      expect(part.body).toContain(duty.journeyId);
      expect(part.body).not.toContain(duty.familyName);
      expect(part.body).not.toContain(duty.givenName);
    }
    expect(inbox.count).toBe(1);
  });

  it('sends each person one email per moment listing all their duties: one due-soon at 08:00, one deadline-missed and one escalation per supervisor at the deadline', async () => {
    const first = await anOwedDuty();
    const second = await anOwedDuty();
    // A second caseworker, with the same supervisor, leads a third journey.
    const colleague = await fixtures.signedIn(['caseworker'], ['cleveland']);
    await t.dataSource.query(`UPDATE users SET supervisor_id = $2, organisation_id = $3 WHERE id = $1`, [colleague.id, supervisor.id, caseworker.organisationId]);
    const third = await anOwedDuty();
    await t.dataSource.query(`UPDATE journeys SET lead_worker_id = $2 WHERE id = $1`, [third.journeyId, colleague.id]);

    await sweepAt(TUESDAY_0759);
    await sweepAt(TUESDAY_0800);
    for (const duty of [first, second, third]) await sentNotifications(duty.dutyId, 'duty_due_soon', 1);
    await sweepAt(new Date(TUESDAY_0800.getTime() + 60_000));
    await queueIdle();

    const mine = inbox.to(caseworker.email);
    expect(mine.map((email) => email.subject)).toEqual([expect.stringMatching(/^Due soon: 2 Victims' Code duties, the first due by 23:59 on Wednesday 14 January 2026$/)]);
    for (const part of mine[0].parts) {
      expect(part.body).toContain(first.journeyId);
      expect(part.body).toContain(second.journeyId);
      expect(part.body).not.toContain(third.journeyId);
      for (const name of [first.familyName, first.givenName, second.familyName]) expect(part.body).not.toContain(name);
    }
    expect(inbox.to(colleague.email).map((email) => email.subject)).toEqual([expect.stringMatching(/^Due soon: VJ-/)]);
    expect(inbox.to(supervisor.email)).toHaveLength(0);

    inbox.clear();
    await sweepAt(THURSDAY_MIDNIGHT);
    for (const duty of [first, second, third]) await sentNotifications(duty.dutyId, 'duty_breached', 1);
    await sweepAt(new Date(THURSDAY_MIDNIGHT.getTime() + 60_000));
    await queueIdle();

    expect(inbox.to(caseworker.email).map((email) => email.subject)).toEqual(["Deadlines missed: 2 Victims' Code duties"]);
    expect(inbox.to(colleague.email).map((email) => email.subject)).toEqual([expect.stringMatching(/^Deadline missed: VJ-/)]);
    const escalations = inbox.to(supervisor.email);
    expect(escalations.map((email) => email.subject)).toEqual(["Deadlines missed: 3 Victims' Code duties"]);
    for (const part of escalations[0].parts) {
      for (const duty of [first, second, third]) expect(part.body).toContain(duty.journeyId);
      expect(part.body).toContain('supervisor');
    }
    expect(inbox.count).toBe(3);
    for (const duty of [first, second, third]) expect(await breachEvents(duty.journeyId)).toHaveLength(1);
  });

  it('fails, for admins, a planned due-soon reminder still unsent when its deadline passes (every worker down across it), and never sends it late', async () => {
    const duty = await anOwedDuty();
    // Planned at Tuesday 08:00 (as the moment's job writes it), and then no worker ran until after the deadline.
    await t.dataSource.query(
      `INSERT INTO notifications (dedupe_key, kind, duty_id, journey_id, area_id, recipient_user_id, recipient_email, subject, moment_at, created_at)
       SELECT 'duty-due-soon:' || d.id || ':' || $2, 'duty_due_soon', d.id, d.journey_id, d.area_id, $3, $2, 'Due soon', $4, $4 FROM duties d WHERE d.id = $1`,
      [duty.dutyId, caseworker.email, caseworker.id, TUESDAY_0800],
    );

    await sweepAt(THURSDAY_MIDNIGHT);
    await sentNotifications(duty.dutyId, 'duty_breached', 1);
    await queueIdle();

    const [row] = await t.dataSource.query(`SELECT status, last_error, sent_at FROM notifications WHERE duty_id = $1 AND kind = 'duty_due_soon'`, [duty.dutyId]);
    expect(row).toEqual({ status: 'failed', last_error: 'EXPIRED', sent_at: null });
    expect(inbox.to(caseworker.email).map((email) => email.subject.split(':')[0])).toEqual(['Deadline missed']);
  });

  it('still sends each reminder once when Redis loses the queue between sweeps', async () => {
    const duty = await anOwedDuty();
    await sweepAt(TUESDAY_0800);
    await sentNotifications(duty.dutyId, 'duty_due_soon', 1);

    await flushQueue();
    await sweepAt(new Date(TUESDAY_0800.getTime() + 60_000));
    await queueIdle();
    await sweepAt(THURSDAY_MIDNIGHT);
    await sentNotifications(duty.dutyId, 'duty_breached', 1);
    await flushQueue();
    await sweepAt(new Date(THURSDAY_MIDNIGHT.getTime() + 60_000));
    await queueIdle();

    // The caseworker: due soon, then deadline missed; the supervisor: the escalation. Each once.
    expect(inbox.to(caseworker.email).map((email) => email.subject.split(':')[0])).toEqual(['Due soon', 'Deadline missed']);
    expect(inbox.to(supervisor.email)).toHaveLength(1);
    expect(await breachEvents(duty.journeyId)).toHaveLength(1);
  });

  it('records a duty that passes its deadline unmet as breached on the timeline once, and escalates one email to the supervisor', async () => {
    const duty = await anOwedDuty();

    await sweepAt(new Date(DUE.getTime() - 60_000));
    // Late in the day before the deadline the due-soon reminder, missed at 08:00, goes at once.
    await sentNotifications(duty.dutyId, 'duty_due_soon', 1);
    await sweepAt(THURSDAY_MIDNIGHT);
    await sentNotifications(duty.dutyId, 'duty_breached', 1);
    await sweepAt(new Date(THURSDAY_MIDNIGHT.getTime() + 60_000));
    await queueIdle();

    expect(await breachEvents(duty.journeyId)).toHaveLength(1);
    const [stored] = await t.dataSource.query(`SELECT status, breach_recorded_at FROM duties WHERE id = $1`, [duty.dutyId]);
    expect(stored).toEqual({ status: 'breached', breach_recorded_at: expect.any(Date) });
    const [event]: Array<{ occurred_at: Date; payload: Record<string, unknown>; actor_user_id: string }> = await t.dataSource.query(
      `SELECT occurred_at, payload, actor_user_id FROM journey_events WHERE journey_id = $1 AND type = 'duty.breached'`,
      [duty.journeyId],
    );
    expect(new Date(event.occurred_at)).toEqual(DUE);
    expect(event.payload).toEqual({ dutyId: duty.dutyId, ruleId: 'support.first-contact' });
    const [row]: Array<{ breach_recorded_at: Date }> = await t.dataSource.query(`SELECT breach_recorded_at FROM duties WHERE id = $1`, [duty.dutyId]);
    expect(new Date(row.breach_recorded_at)).toEqual(THURSDAY_MIDNIGHT);

    const escalations = inbox.to(supervisor.email);
    expect(escalations).toHaveLength(1);
    for (const part of escalations[0].parts) {
      expect(part.body).not.toContain(duty.familyName);
      expect(part.body).not.toContain(duty.givenName);
    }
    // Whoever was reminded is told too that the deadline passed: one email each time.
    expect(inbox.to(caseworker.email).map((email) => email.subject.split(':')[0])).toEqual(['Due soon', 'Deadline missed']);
  });

  it('sends no escalation and records no breach for a duty met in time', async () => {
    const duty = await anOwedDuty();
    t.clock.set(new Date('2026-01-14T15:00:00Z'));
    const signedInNow = await fixtures.session(caseworker);
    const contacted = await t.http().post(`/api/v1/journeys/${duty.journeyId}/contact-attempts`).set('authorization', signedInNow.bearer)
      .send({ method: 'phone', outcome: 'contacted', attemptedAt: '2026-01-14T14:00:00Z', supportWanted: 'accepted' });
    expect(contacted.status).toBe(201);

    await sweepAt(THURSDAY_MIDNIGHT);
    await queueIdle();
    expect(await reminders.recordBreach(duty.dutyId, DUE.getTime(), ATTEMPT)).toEqual({
      outcome: 'skipped',
      reason: 'not-owed',
    });

    expect(await breachEvents(duty.journeyId)).toHaveLength(0);
    expect(inbox.to(supervisor.email)).toHaveLength(0);
  });

  it('reminds and escalates to the lead organisation\'s team mailbox when no lead worker is assigned', async () => {
    t.clock.set(MONDAY);
    const { journeyId } = await aReferredJourney(t, caseworker, clevelandId, {
      crime: { offenceDate: '2026-01-10', reportedAt: '2026-01-11T09:00:00Z' },
    });
    const teamEmail = `team-${journeyId.slice(0, 8)}@test.invalid`;
    await t.dataSource.query(`UPDATE organisations SET team_email = $2 WHERE id = $1`, [caseworker.organisationId, teamEmail]);
    await t.dataSource.query(`UPDATE journeys SET lead_worker_id = NULL, lead_organisation_id = $2 WHERE id = $1`, [journeyId, caseworker.organisationId]);
    const [duty]: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM duties WHERE journey_id = $1 AND rule_id = 'support.first-contact'`,
      [journeyId],
    );

    try {
      await sweepAt(TUESDAY_0800);
      await sentNotifications(duty.id, 'duty_due_soon', 1);
      await sweepAt(THURSDAY_MIDNIGHT);
      await sentNotifications(duty.id, 'duty_breached', 1);
      await queueIdle();
    } finally {
      await t.dataSource.query(`UPDATE organisations SET team_email = NULL WHERE id = $1`, [caseworker.organisationId]);
    }

    expect(inbox.to(teamEmail).map((email) => email.subject)).toHaveLength(2);
    expect(inbox.to(supervisor.email)).toHaveLength(0);
    expect(await breachEvents(journeyId)).toHaveLength(1);
  });

  it('skips a job made for a deadline that has since moved', async () => {
    const duty = await anOwedDuty();
    t.clock.set(TUESDAY_0800);

    const stale = DUE.getTime() - 86_400_000;
    expect(await reminders.sendDueSoon(duty.dutyId, stale, ATTEMPT)).toEqual({ outcome: 'skipped', reason: 'deadline-moved' });
    t.clock.set(THURSDAY_MIDNIGHT);
    expect(await reminders.recordBreach(duty.dutyId, stale, ATTEMPT)).toEqual({ outcome: 'skipped', reason: 'deadline-moved' });

    expect(inbox.count).toBe(0);
    expect(await breachEvents(duty.journeyId)).toHaveLength(0);
  });

  it('retries a refused escalation for a day after the breach, and marks it failed when the next try would come after that', async () => {
    const duty = await anOwedDuty();
    t.clock.set(THURSDAY_MIDNIGHT);
    const key = `duty-breached:${duty.dutyId}:${supervisor.email}`;
    const statusOf = async () =>
      ((await t.dataSource.query(`SELECT status, attempts FROM notifications WHERE dedupe_key = $1`, [key])) as Array<{ status: string; attempts: number }>)[0];
    const aDayAfterTheBreach = DUE.getTime() + 1 + 86_400_000;
    inbox.refuse({ at: 'rcpt', code: 451 });
    try {
      await expect(reminders.recordBreach(duty.dutyId, DUE.getTime(), ATTEMPT)).rejects.toBeInstanceOf(NotificationSendError);
      expect(await statusOf()).toEqual({ status: 'pending', attempts: 1 });
      // Far past the old five attempts' 75 s, still within the day: pending, for the next retry.
      t.clock.set(new Date(aDayAfterTheBreach - 20 * 60_000));
      await expect(reminders.recordBreach(duty.dutyId, DUE.getTime(), { nextRetryInMs: 15 * 60_000, requestId: 'test' })).rejects.not.toBeInstanceOf(ReminderGivenUpError);
      expect(await statusOf()).toEqual({ status: 'pending', attempts: 2 });
      // The next try would come after the day is out: this run is the last.
      t.clock.set(new Date(aDayAfterTheBreach - 10 * 60_000));
      await expect(reminders.recordBreach(duty.dutyId, DUE.getTime(), { nextRetryInMs: 15 * 60_000, requestId: 'test' })).rejects.toBeInstanceOf(ReminderGivenUpError);
      expect(await statusOf()).toEqual({ status: 'failed', attempts: 3 });
    } finally {
      inbox.accept();
    }

    // The breach was recorded once, on the first run; the retries only escalated.
    expect(await breachEvents(duty.journeyId)).toHaveLength(1);
    expect(inbox.count).toBe(0);
  });

  it('sweeps every minute on a schedule the worker puts in Redis when it starts', () => {
    expect(sweepSchedule).toEqual(expect.objectContaining({ name: ReminderJob.Sweep, every: 60_000 }));
  });

  it('puts a job that runs before its time back to wait, and sends it once when the clock reaches it', async () => {
    const duty = await anOwedDuty();
    t.clock.set(TUESDAY_0759);
    const jobId = momentJobId('due-soon', TUESDAY_0800);

    await queue.add(ReminderJob.Moment, { kind: 'due-soon', at: TUESDAY_0800.getTime() }, { jobId });
    for (let attempt = 0; attempt < 100 && !(await (await queue.getJob(jobId))?.isDelayed()); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await (await queue.getJob(jobId))?.isDelayed()).toBe(true);
    expect(inbox.count).toBe(0);

    await sweepAt(TUESDAY_0800);
    await sentNotifications(duty.dutyId, 'duty_due_soon', 1);
    await queueIdle();
    expect(inbox.to(caseworker.email)).toHaveLength(1);
  });

  it('escalates to the team mailbox when the supervisor is disabled, and sends nothing when there is no one at all', async () => {
    const duty = await anOwedDuty();
    const teamEmail = `team-${duty.journeyId.slice(0, 8)}@test.invalid`;
    t.clock.set(THURSDAY_MIDNIGHT);
    await t.dataSource.query(`UPDATE users SET disabled_at = $2 WHERE id = $1`, [supervisor.id, MONDAY]);
    try {
      expect(await reminders.recordBreach(duty.dutyId, DUE.getTime(), ATTEMPT)).toEqual({
        outcome: 'skipped',
        reason: 'no-recipient',
      });
      await t.dataSource.query(`UPDATE organisations SET team_email = $2 WHERE id = $1`, [caseworker.organisationId, teamEmail]);
      expect(await reminders.recordBreach(duty.dutyId, DUE.getTime(), ATTEMPT)).toEqual({ outcome: 'sent' });
    } finally {
      await t.dataSource.query(`UPDATE users SET disabled_at = NULL WHERE id = $1`, [supervisor.id]);
      await t.dataSource.query(`UPDATE organisations SET team_email = NULL WHERE id = $1`, [caseworker.organisationId]);
    }

    expect(inbox.to(teamEmail)).toHaveLength(1);
    expect(inbox.to(supervisor.email)).toHaveLength(0);
    expect(await breachEvents(duty.journeyId)).toHaveLength(1);
  });
});
