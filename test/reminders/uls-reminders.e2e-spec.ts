import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { systemActor } from '../../src/access/actor.js';
import { REDIS_CLIENT } from '../../src/app/redis.js';
import { NotificationSendError } from '../../src/notifications/notifications.service.js';
import { OrganisationDirectoryService } from '../../src/organisations/organisation-directory.service.js';
import { QueueName, ulsReminderJobId } from '../../src/queue/queues.js';
import { ReminderGivenUpError } from '../../src/reminders/reminder-mail.js';
import { ReminderSweeper } from '../../src/reminders/reminder-sweeper.service.js';
import { UlsRemindersService } from '../../src/reminders/uls-reminders.service.js';
import { aDefendant } from '../support/defendant.builder.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aReferredJourney, journeyEtag } from '../support/journey.builder.js';
import type { ReceivedEmail } from '../support/smtp-inbox.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';

/**
 * Issue 16: "A reminder goes to the witness care unit before a ULS window closes if the
 * victim has not been told of the sentence." Counted in a real SMTP server's inbox, with
 * Postgres and Redis real and the worker running the jobs.
 *
 * A sentence passed on Wednesday 15 April 2026 (BST) opens an Unduly Lenient Sentence window
 * that closes at the end of Wednesday 13 May; the unit is reminded at 08:00 London on Monday
 * 11 May, the 2nd working day before.
 */
const RECORDED = new Date('2026-04-16T09:00:00Z');
const CLOSES_AT = new Date('2026-05-13T22:59:59.999Z');
const REMIND_AT = new Date('2026-05-11T07:00:00Z');
/** A run with a retry due 5 s later: well inside the window. */
const ATTEMPT = { nextRetryInMs: 5_000, requestId: 'uls-test' };
const MAILBOX = 'wcu-uls-cleveland@test.invalid';
const GIVEN_NAME = 'Rosalind';

interface SentencedVictim {
  journeyId: string;
  outcomeId: string;
  reference: string;
  /** What the service holds about the victim, the crime and the offender: none of it may be in an email. */
  personal: string[];
}

describe('the witness care unit is reminded before a victim’s ULS window closes (issue 16)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let inbox: SmtpInbox;
  let fixtures: Fixtures;
  let officer: SignedInUser;
  let caseworker: SignedInUser;
  let cleveland: string;
  let queue: Queue;
  let sweeper: ReminderSweeper;
  let ulsReminders: UlsRemindersService;

  /** Polls (bounded) until `probe` answers something: the worker does its part on its own time. */
  const eventually = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
    for (let attempt = 0; attempt < 600; attempt++) {
      const found = await probe();
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  /** A victim of Cleveland whose offender the witness care officer records as sentenced on 15 April, the day after. */
  const aSentencedVictim = async (): Promise<SentencedVictim> => {
    t.clock.set(RECORDED);
    const familyName = `Featherstonehaugh-${randomBytes(3).toString('hex')}`;
    const offenderName = `Offender-${randomBytes(3).toString('hex')}`;
    const journey = await aReferredJourney(t, caseworker, cleveland, { person: { givenName: GIVEN_NAME, familyName } });
    const defendant = await aDefendant(t, { areaId: cleveland, crimeId: journey.crimeId }, offenderName);
    const verdict = await t.http().post(`/api/v1/crimes/${journey.crimeId}/outcomes`).set('authorization', officer.bearer)
      .send({ defendantId: defendant.id, verdict: 'guilty', verdictAt: '2026-04-15T09:00:00Z', receivedAt: '2026-04-15T12:00:00Z' });
    expect(verdict.status).toBe(201);
    const sentence = await t.http().post(`/api/v1/outcomes/${verdict.body.id}/sentence`).set('authorization', officer.bearer).set('if-match', '"1"')
      .send({ sentencedAt: '2026-04-15T10:00:00Z', receivedAt: '2026-04-15T12:00:00Z', disposal: 'immediate_custody', custodialMonths: 30, offenceViolentOrSexual: true });
    expect(sentence.status).toBe(200);
    const [{ reference }]: Array<{ reference: string }> = await t.dataSource.query(`SELECT reference FROM journeys WHERE id = $1`, [journey.journeyId]);
    const { person, crime } = journey.referral;
    return {
      journeyId: journey.journeyId,
      outcomeId: verdict.body.id,
      reference,
      personal: [GIVEN_NAME, familyName, person.dateOfBirth!, String(person.phone), crime.crimeReference, crime.offenceCategory, offenderName, 'custody', '30 months'],
    };
  };

  /** ULS reminder emails about one journey (its reference in the subject) to one address. */
  const ulsEmails = (address: string, reference: string): ReceivedEmail[] =>
    inbox.to(address).filter((email) => email.subject.startsWith('ULS window closing:') && email.subject.includes(reference));

  /** The journey's ULS reminder records, as Postgres holds them. */
  const ulsRecords = async (journeyId: string): Promise<Array<{ recipient_email: string; outcome_id: string; status: string }>> =>
    t.dataSource.query(`SELECT recipient_email, outcome_id, status FROM notifications WHERE kind = 'uls_reminder' AND journey_id = $1 ORDER BY recipient_email`, [journeyId]);

  const sent = (journeyId: string) =>
    eventually('the ULS reminder recorded as sent', async () => ((await ulsRecords(journeyId)).some((row) => row.status === 'sent') ? true : undefined));

  /** Flushes the reminders queue from Redis: the delayed reminders and the sweep's schedule with them. */
  const flushReminders = async () => {
    const redis = t.app.get<Redis>(REDIS_CLIENT);
    const keys = await redis.keys(`${t.config.redisPrefix}:bull:${QueueName.Reminders}:*`);
    if (keys.length > 0) await redis.del(...keys);
  };

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    // The sweep's schedule is checked every second: after a flush the test waits on its repair, not on a minute's sweep.
    t = await startTestApp({ now: RECORDED, env: { SMTP_URL: inbox.url, REMINDER_SCHEDULE_CHECK_SECONDS: '1' } });
    worker = await startTestWorker(t);
    fixtures = new Fixtures(t);
    cleveland = await fixtures.areaId('cleveland');
    const unit = await fixtures.organisationId('witness_care_unit');
    await t.app.get(OrganisationDirectoryService).create(
      { ...systemActor('test'), areaIds: [cleveland] },
      { areaId: cleveland, ownerKind: 'witness_care_unit', organisationId: unit, teamMailbox: MAILBOX },
    );
    officer = await fixtures.session(await fixtures.user({ roles: ['witness_care_officer'], areas: ['cleveland'], kind: 'witness_care_unit' }));
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    queue = worker.worker.get<Queue>(getQueueToken(QueueName.Reminders));
    sweeper = worker.worker.get(ReminderSweeper);
    ulsReminders = worker.worker.get(UlsRemindersService);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await inbox?.stop();
  });

  it('emails the witness care officer once, at the reminder time, with the reference, the close in London and the case link, and nothing personal', async () => {
    const victim = await aSentencedVictim();
    const jobId = ulsReminderJobId(victim.journeyId, victim.outcomeId, CLOSES_AT);

    // A minute before: planned in Redis with ids only, and nothing sent.
    t.clock.set(new Date(REMIND_AT.getTime() - 60_000));
    await sweeper.sweep();
    const planned = await queue.getJob(jobId);
    expect(planned?.data).toEqual({ journeyId: victim.journeyId, outcomeId: victim.outcomeId, closesAt: CLOSES_AT.getTime() });
    expect(await planned!.isDelayed()).toBe(true);
    expect(await ulsRecords(victim.journeyId)).toEqual([]);

    t.clock.set(REMIND_AT);
    await sweeper.sweep();
    await sent(victim.journeyId);

    // The unit's team (its officer in the area) is reminded; its mailbox, the fallback, is not.
    expect(await ulsRecords(victim.journeyId)).toEqual([{ recipient_email: officer.email, outcome_id: victim.outcomeId, status: 'sent' }]);
    const [email, ...more] = ulsEmails(officer.email, victim.reference);
    expect(more).toHaveLength(0);
    expect(ulsEmails(MAILBOX, victim.reference)).toHaveLength(0);
    expect(email!.subject).toBe(`ULS window closing: ${victim.reference}, victim not yet told of the sentence`);
    const bodies = email!.parts.map((part) => part.body);
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    for (const body of bodies) {
      expect(body).toContain(victim.reference);
      expect(body).toContain('until 23:59 on Wednesday 13 May 2026');
      expect(body).toContain(`/case-of-journey/${victim.journeyId}?section=windows`);
    }
    for (const part of [email!.subject, ...bodies]) {
      for (const personal of victim.personal) expect(part).not.toContain(personal);
    }

    // Swept and run again (BullMQ is at-least-once): the record finds it sent, and nothing more goes.
    await sweeper.sweep();
    expect(await ulsReminders.send({ journeyId: victim.journeyId, outcomeId: victim.outcomeId }, CLOSES_AT.getTime(), ATTEMPT)).toEqual({ outcome: 'already_sent' });
    expect(ulsEmails(officer.email, victim.reference)).toHaveLength(1);
    expect(await ulsRecords(victim.journeyId)).toHaveLength(1);
  });

  it('sends nothing when the victim is told of the sentence before the reminder time, though the reminder was already planned', async () => {
    const victim = await aSentencedVictim();
    const jobId = ulsReminderJobId(victim.journeyId, victim.outcomeId, CLOSES_AT);
    t.clock.set(new Date(REMIND_AT.getTime() - 30 * 60_000));
    await sweeper.sweep();
    const planned = await queue.getJob(jobId);
    expect(await planned!.isDelayed()).toBe(true);

    // Told at 07:15 London, by the officer signed in that morning (their April session has expired). The
    // worker records breaches on the journey meanwhile, so a stale ETag is retried.
    const officerToday = await fixtures.session(officer);
    const told = await eventually('the victim recorded as told of the sentence', async () => {
      const response = await t.http().post(`/api/v1/journeys/${victim.journeyId}/outcomes/${victim.outcomeId}/informed`).set('authorization', officerToday.bearer)
        .set('if-match', await journeyEtag(t, officerToday, victim.journeyId)).send({ informedAt: '2026-05-11T06:15:00Z', method: 'phone' });
      return response.status === 409 ? undefined : response;
    });
    expect(told.status).toBe(201);

    // 08:00: the planned job runs (promoted: the test's clock jumped, BullMQ's timer did not) and finds the victim told.
    t.clock.set(REMIND_AT);
    await planned!.promote();
    const result = await eventually('the planned job to run', async () => (await queue.getJob(jobId))?.returnvalue ?? undefined);
    expect(result).toEqual({ outcome: 'skipped', reason: 'not-owed' });
    await sweeper.sweep();
    expect(await ulsRecords(victim.journeyId)).toEqual([]);
    expect(ulsEmails(officer.email, victim.reference)).toHaveLength(0);
    expect(ulsEmails(MAILBOX, victim.reference)).toHaveLength(0);
  });

  it('still sends a pending reminder exactly once after Redis is flushed', async () => {
    const victim = await aSentencedVictim();
    const jobId = ulsReminderJobId(victim.journeyId, victim.outcomeId, CLOSES_AT);
    t.clock.set(new Date(REMIND_AT.getTime() - 30 * 60_000));
    await sweeper.sweep();
    expect(await (await queue.getJob(jobId))!.isDelayed()).toBe(true);

    // 08:00 comes, and Redis loses the queue before the job's timer fires: the pending reminder and the sweep's schedule.
    t.clock.set(REMIND_AT);
    await flushReminders();
    expect(await queue.getJob(jobId)).toBeUndefined();

    // The test sweeps nothing itself: the worker finds its schedule gone, puts it back and sweeps from Postgres.
    await sent(victim.journeyId);
    expect(ulsEmails(officer.email, victim.reference)).toHaveLength(1);

    // Sweeping again, and the job run again, send nothing more.
    await sweeper.sweep();
    expect(await ulsReminders.send({ journeyId: victim.journeyId, outcomeId: victim.outcomeId }, CLOSES_AT.getTime(), ATTEMPT)).toEqual({ outcome: 'already_sent' });
    expect(ulsEmails(officer.email, victim.reference)).toHaveLength(1);
    expect(await ulsRecords(victim.journeyId)).toEqual([{ recipient_email: officer.email, outcome_id: victim.outcomeId, status: 'sent' }]);
  });

  it('lets an admin send a ULS reminder that failed again, and it goes once', async () => {
    const victim = await aSentencedVictim();
    const subject = { journeyId: victim.journeyId, outcomeId: victim.outcomeId };
    const adminUser = await fixtures.user({ roles: ['admin'], areas: ['cleveland'] });

    const statusOf = async () =>
      ((await t.dataSource.query(`SELECT id, status FROM notifications WHERE kind = 'uls_reminder' AND journey_id = $1`, [victim.journeyId])) as Array<{ id: string; status: string }>)[0];
    // SMTP refuses: retried while the window is open, marked failed when the next try would come after it closes.
    inbox.refuse({ at: 'rcpt', code: 451 });
    t.clock.set(REMIND_AT);
    try {
      await expect(ulsReminders.send(subject, CLOSES_AT.getTime(), ATTEMPT)).rejects.toThrow(NotificationSendError);
      expect((await statusOf())!.status).toBe('pending');
      t.clock.set(new Date(CLOSES_AT.getTime() - 60_000));
      await expect(ulsReminders.send(subject, CLOSES_AT.getTime(), { nextRetryInMs: 15 * 60_000, requestId: 'uls-test-last' })).rejects.toThrow(ReminderGivenUpError);
    } finally {
      inbox.accept();
    }
    const failed = await statusOf();
    expect(failed!.status).toBe('failed');
    expect(ulsEmails(officer.email, victim.reference)).toHaveLength(0);

    const admin = await fixtures.session(adminUser);
    const resent = await t.http().post(`/api/v1/notifications/${failed!.id}/resend`).set('authorization', admin.bearer).send();
    expect(resent.status).toBe(202);
    expect(resent.body).toEqual({ resent: 1 });
    await sweeper.sweep();
    await sent(victim.journeyId);
    expect(ulsEmails(officer.email, victim.reference)).toHaveLength(1);
    expect(await ulsRecords(victim.journeyId)).toEqual([{ recipient_email: officer.email, outcome_id: victim.outcomeId, status: 'sent' }]);
  });

  it('raises the operator alert when the area names no witness care unit, and tells the area’s admins', async () => {
    const durham = await fixtures.areaId('durham');
    const durhamOfficer = await fixtures.session(await fixtures.user({ roles: ['witness_care_officer'], areas: ['durham'], kind: 'witness_care_unit' }));
    const admin = await fixtures.user({ roles: ['admin'], areas: ['durham'] });
    t.clock.set(RECORDED);
    const journey = await aReferredJourney(t, await fixtures.signedIn(['caseworker'], ['durham']), durham);
    const defendant = await aDefendant(t, { areaId: durham, crimeId: journey.crimeId });
    const verdict = await t.http().post(`/api/v1/crimes/${journey.crimeId}/outcomes`).set('authorization', durhamOfficer.bearer)
      .send({ defendantId: defendant.id, verdict: 'guilty', verdictAt: '2026-04-15T09:00:00Z', receivedAt: '2026-04-15T12:00:00Z' });
    expect(verdict.status).toBe(201);
    const sentence = await t.http().post(`/api/v1/outcomes/${verdict.body.id}/sentence`).set('authorization', durhamOfficer.bearer).set('if-match', '"1"')
      .send({ sentencedAt: '2026-04-15T10:00:00Z', receivedAt: '2026-04-15T12:00:00Z', disposal: 'immediate_custody', custodialMonths: 30, offenceViolentOrSexual: true });
    expect(sentence.status).toBe(200);
    const subject = { journeyId: journey.journeyId, outcomeId: verdict.body.id as string };

    t.clock.set(REMIND_AT);
    expect(await ulsReminders.send(subject, CLOSES_AT.getTime(), ATTEMPT)).toEqual({ outcome: 'skipped', reason: 'no-recipient' });
    const alerts: Array<{ code: string; resolved_at: Date | null }> = await t.dataSource.query(
      `SELECT code, resolved_at FROM reminder_alerts WHERE reminder_kind = 'uls' AND journey_id = $1 AND outcome_id = $2`,
      [subject.journeyId, subject.outcomeId],
    );
    expect(alerts).toEqual([{ code: 'no-recipient', resolved_at: null }]);
    // Other duties of the journey may have nobody either: the admin's alert about this window is one email.
    const [{ reference }]: Array<{ reference: string }> = await t.dataSource.query(`SELECT reference FROM journeys WHERE id = $1`, [subject.journeyId]);
    expect(inbox.to(admin.email).filter((email) => email.subject.endsWith('Unduly Lenient Sentence window')).map((email) => email.subject)).toEqual([
      `No one to remind: ${reference}, Unduly Lenient Sentence window`,
    ]);
    expect(inbox.to(durhamOfficer.email).filter((email) => email.subject.startsWith('ULS window closing:'))).toHaveLength(0);
    expect(await ulsRecords(subject.journeyId)).toEqual([]);
  });
});
