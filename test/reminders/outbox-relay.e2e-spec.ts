import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { OutboxRelay, RELAY_BATCH } from '../../src/reminders/outbox-relay.js';
import { DigestJob, OutboxJob, QueueName, ReminderJob } from '../../src/queue/queues.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { aReferredJourney, journeyEtag } from '../support/journey.builder.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';

// Monday 12 January 2026, 17:00 in London (GMT). An enhanced victim referred now is owed first
// contact within 1 working day: by the end of Tuesday, so its due-soon time (08:00 Monday) has passed.
const MONDAY_1700 = new Date('2026-01-12T17:00:00Z');
const TUESDAY_END = new Date('2026-01-13T23:59:59.999Z');

describe('the outbox relay', () => {
  let t: TestApp;
  let worker: TestWorker;
  let inbox: SmtpInbox;
  let relay: OutboxRelay;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let clevelandId: string;

  /** An enhanced victim referred at 17:00 on Monday, led by the caseworker: first contact due by the end of Tuesday. */
  const aDutyOpenedLate = async () => {
    t.clock.set(MONDAY_1700);
    const { journeyId } = await aReferredJourney(t, caseworker, clevelandId, {
      crime: { offenceDate: '2026-01-10', reportedAt: '2026-01-11T09:00:00Z' },
      person: { givenName: 'Ottoline' },
      enhancedRights: { categories: ['vulnerable'], reason: 'Aged 15' },
    });
    const assigned = await t.http().put(`/api/v1/journeys/${journeyId}/lead`).set('authorization', caseworker.bearer)
      .set('if-match', await journeyEtag(t, caseworker, journeyId)).send({ workerId: caseworker.id });
    expect(assigned.status).toBe(200);
    const [duty]: Array<{ id: string; due_at: Date }> = await t.dataSource.query(
      `SELECT id, due_at FROM duties WHERE journey_id = $1 AND rule_id = 'support.first-contact'`,
      [journeyId],
    );
    expect(new Date(duty.due_at)).toEqual(TUESDAY_END);
    const [{ reference }]: Array<{ reference: string }> = await t.dataSource.query(`SELECT reference FROM journeys WHERE id = $1`, [journeyId]);
    return { journeyId, dutyId: duty.id, reference };
  };

  const outboxRowsOf = (dutyId: string): Promise<Array<{ id: string; topic: string; dispatched_at: Date | null }>> =>
    t.dataSource.query(`SELECT id, topic, dispatched_at FROM outbox WHERE aggregate_id = $1 ORDER BY id`, [dutyId]);

  /** Polls Postgres (bounded) until the duty's due-soon email is settled, then a moment longer for any second one. */
  const dueSoonSent = async (dutyId: string): Promise<number> => {
    const count = async () =>
      (await t.dataSource.query(`SELECT count(*)::int AS count FROM notifications WHERE duty_id = $1 AND kind = 'duty_due_soon' AND status = 'sent'`, [dutyId]))[0]
        .count as number;
    for (let attempt = 0; attempt < 100 && (await count()) === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    const reminders = worker.worker.get<Queue>(getQueueToken(QueueName.Reminders));
    for (let attempt = 0; attempt < 100; attempt++) {
      const counts = await reminders.getJobCounts('wait', 'active', 'prioritized');
      if (counts.wait + counts.active + counts.prioritized === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return count();
  };

  const dueSoonEmails = (reference: string) => inbox.to(caseworker.email).filter((email) => email.subject.startsWith(`Due soon: ${reference},`));

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    t = await startTestApp({ now: MONDAY_1700, env: { SMTP_URL: inbox.url } });
    worker = await startTestWorker(t);
    relay = worker.worker.get(OutboxRelay);
    // The tests drive the relay themselves; the worker's schedules would race them. The minute's
    // reminder sweep is off too, so whatever is reminded here was reminded through the relay.
    await worker.worker.get<Queue>(getQueueToken(QueueName.Outbox)).removeJobScheduler(OutboxJob.Relay);
    await worker.worker.get<Queue>(getQueueToken(QueueName.Reminders)).removeJobScheduler(ReminderJob.Sweep);
    await worker.worker.get<Queue>(getQueueToken(QueueName.Digests)).removeJobScheduler(DigestJob.Plan);
    fixtures = new Fixtures(t);
    clevelandId = await fixtures.areaId('cleveland');
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await inbox?.stop();
  });
  beforeEach(async () => {
    await t.dataSource.query(`UPDATE outbox SET dispatched_at = now() WHERE dispatched_at IS NULL`);
  });

  it('sends the due-soon reminder of a duty opened after its reminder time, from the relay, without the minute sweep', async () => {
    const duty = await aDutyOpenedLate();
    const [opened] = await outboxRowsOf(duty.dutyId);
    expect(opened).toMatchObject({ topic: 'duty.opened', dispatched_at: null });

    const outcome = await relay.drain();

    expect(outcome.failed).toBe(0);
    expect((await outboxRowsOf(duty.dutyId)).every((row) => row.dispatched_at !== null)).toBe(true);
    expect(await dueSoonSent(duty.dutyId)).toBe(1);
    const emails = dueSoonEmails(duty.reference);
    expect(emails).toHaveLength(1);
    expect(emails[0].raw).not.toContain('Ottoline');
  });

  it('has the effect of an outbox row once when it is drained twice, one after the other and side by side', async () => {
    const duty = await aDutyOpenedLate();
    const [opened] = await outboxRowsOf(duty.dutyId);

    await relay.drain();
    expect(await dueSoonSent(duty.dutyId)).toBe(1);
    // As if the first worker died before its COMMIT: the row is pending again, and two relays race for it.
    await t.dataSource.query(`UPDATE outbox SET dispatched_at = NULL WHERE id = $1`, [opened.id]);
    const [first, second] = await Promise.all([relay.drain(), relay.drain()]);

    expect(first.dispatched + second.dispatched).toBe(1);
    expect(await dueSoonSent(duty.dutyId)).toBe(1);
    expect(dueSoonEmails(duty.reference)).toHaveLength(1);
  });

  it('never gives one row to two relays running side by side', async () => {
    const rows = RELAY_BATCH * 2 + 7;
    await t.dataSource.query(
      `INSERT INTO outbox (topic, aggregate_id, payload, available_at)
       SELECT 'duty.closed', gen_random_uuid(), '{}'::jsonb, $1 FROM generate_series(1, $2)`,
      [MONDAY_1700, rows],
    );

    const outcomes = await Promise.all([relay.drain(), relay.drain(), relay.drain()]);

    expect(outcomes.reduce((sum, outcome) => sum + outcome.dispatched, 0)).toBe(rows);
    const [{ pending }] = await t.dataSource.query(`SELECT count(*)::int AS pending FROM outbox WHERE dispatched_at IS NULL`);
    expect(pending).toBe(0);
  });

  it('leaves a row its handler cannot handle for a later run, counting the attempt and naming the error class only', async () => {
    t.clock.set(MONDAY_1700);
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO outbox (topic, aggregate_id, payload, available_at) VALUES ('duty.opened', NULL, '{}'::jsonb, $1) RETURNING id`,
      [MONDAY_1700],
    );

    const outcome = await relay.drain();
    expect(outcome).toEqual({ dispatched: 0, failed: 1 });
    const [row] = await t.dataSource.query(`SELECT attempts, last_error, available_at, dispatched_at FROM outbox WHERE id = $1`, [id]);
    expect(row).toMatchObject({ attempts: 1, last_error: 'MalformedOutboxRowError', dispatched_at: null });
    expect(new Date(row.available_at).getTime()).toBeGreaterThan(MONDAY_1700.getTime());

    // Not before its backoff; then tried again, and backed off further.
    expect(await relay.drain()).toEqual({ dispatched: 0, failed: 0 });
    t.clock.set(new Date(row.available_at));
    expect(await relay.drain()).toEqual({ dispatched: 0, failed: 1 });
    const [again] = await t.dataSource.query(`SELECT attempts, available_at FROM outbox WHERE id = $1`, [id]);
    expect(again.attempts).toBe(2);
    expect(new Date(again.available_at).getTime() - new Date(row.available_at).getTime()).toBeGreaterThan(new Date(row.available_at).getTime() - MONDAY_1700.getTime());
  });
});
