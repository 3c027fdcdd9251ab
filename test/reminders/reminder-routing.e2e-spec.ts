import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { systemActor } from '../../src/access/actor.js';
import { OrganisationDirectoryService } from '../../src/organisations/organisation-directory.service.js';
import { QueueName, ReminderJob } from '../../src/queue/queues.js';
import { ReminderSweeper } from '../../src/reminders/reminder-sweeper.service.js';
import { RemindersService } from '../../src/reminders/reminders.service.js';
import { Fixtures, type SignedInUser, type TestUser } from '../support/fixtures.js';
import { aNotGuiltyPlea } from '../support/hearing.builder.js';
import { aReferredJourney, journeyEtag } from '../support/journey.builder.js';
import { aReferral } from '../support/referral.builder.js';
import { SmtpInbox } from '../support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';

// Monday 12 January 2026, 10:00 London. A not-guilty plea now owes the witness care unit a
// needs assessment by the end of Wednesday; its due-soon reminder is Tuesday 08:00.
const MONDAY = new Date('2026-01-12T10:00:00Z');
const DUE = new Date('2026-01-14T23:59:59.999Z');
const TUESDAY_0800 = new Date('2026-01-13T08:00:00Z');
const THURSDAY_MIDNIGHT = new Date('2026-01-15T00:00:00Z');
/** A run with a retry due 5 s later: well inside every reminder's horizon. */
const ATTEMPT = { nextRetryInMs: 5_000, requestId: 'routing-test' };

describe('reminders go to whoever must act on the duty (issue 19)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let inbox: SmtpInbox;
  let reminders: RemindersService;
  let fixtures: Fixtures;
  let caseworker: SignedInUser;
  let caseworkerSupervisor: TestUser;
  let cleveland: string;
  let durham: string;

  /** A victim led by the (victim care) caseworker, whose crime then has a not-guilty plea: a witness care duty. */
  const aWitnessCareDuty = async (area: 'cleveland' | 'durham', worker: SignedInUser): Promise<{ dutyId: string; journeyId: string }> => {
    t.clock.set(MONDAY);
    const { journeyId, crimeId } = await aReferredJourney(t, worker, area === 'cleveland' ? cleveland : durham, {
      crime: { offenceDate: '2026-01-10', reportedAt: '2026-01-11T09:00:00Z' },
    });
    await t.dataSource.query(`UPDATE journeys SET lead_worker_id = $2 WHERE id = $1`, [journeyId, worker.id]);
    await aNotGuiltyPlea(t, worker, crimeId, MONDAY);
    const [duty]: Array<{ id: string; due_at: Date }> = await t.dataSource.query(
      `SELECT id, due_at FROM duties WHERE journey_id = $1 AND rule_id = 'wcu.needs-assessment'`,
      [journeyId],
    );
    expect(new Date(duty.due_at)).toEqual(DUE);
    return { dutyId: duty.id, journeyId };
  };

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    t = await startTestApp({ now: MONDAY, env: { SMTP_URL: inbox.url } });
    worker = await startTestWorker(t);
    reminders = worker.worker.get(RemindersService);
    // The tests run the reminders themselves; the worker's own sweep would race them.
    await worker.worker.get<Queue>(getQueueToken(QueueName.Reminders)).removeJobScheduler(ReminderJob.Sweep);
    fixtures = new Fixtures(t);
    cleveland = await fixtures.areaId('cleveland');
    durham = await fixtures.areaId('durham');
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland', 'durham']);
    caseworkerSupervisor = await fixtures.user({ roles: ['supervisor'], areas: ['cleveland', 'durham'] });
    await t.dataSource.query(`UPDATE users SET supervisor_id = $2 WHERE id = $1`, [caseworker.id, caseworkerSupervisor.id]);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await inbox?.stop();
  });

  it('reminds the witness care officer of a witness care duty, not the victim’s caseworker, and escalates to the officer’s supervisor', async () => {
    const unit = await fixtures.organisationId('witness_care_unit');
    await t.app.get(OrganisationDirectoryService).create(
      { ...systemActor('test'), areaIds: [cleveland] },
      { areaId: cleveland, ownerKind: 'witness_care_unit', organisationId: unit, teamMailbox: 'wcu-cleveland@test.invalid' },
    );
    const officer = await fixtures.user({ roles: ['witness_care_officer'], areas: ['cleveland'], kind: 'witness_care_unit' });
    const officerSupervisor = await fixtures.user({ roles: ['supervisor'], areas: ['cleveland'], kind: 'witness_care_unit' });
    await t.dataSource.query(`UPDATE users SET supervisor_id = $2 WHERE id = $1`, [officer.id, officerSupervisor.id]);
    const { dutyId } = await aWitnessCareDuty('cleveland', caseworker);

    t.clock.set(TUESDAY_0800);
    expect(await reminders.sendDueSoon(dutyId, DUE.getTime(), ATTEMPT)).toEqual({ outcome: 'sent' });
    t.clock.set(THURSDAY_MIDNIGHT);
    expect(await reminders.recordBreach(dutyId, DUE.getTime(), ATTEMPT)).toEqual({ outcome: 'sent' });

    expect(inbox.to(officer.email).map((email) => email.subject)).toEqual([
      expect.stringMatching(/^Due soon: VJ-.*Assess the witness's needs/),
      expect.stringMatching(/^Deadline missed: VJ-.*Assess the witness's needs/),
    ]);
    expect(inbox.to(officerSupervisor.email).map((email) => email.subject)).toEqual([expect.stringMatching(/^Deadline missed: /)]);
    // The caseworker leads the journey (and is reminded of its first contact), but this duty is not theirs.
    const aboutTheWitness = (address: string) => inbox.to(address).filter((email) => email.subject.includes("Assess the witness's needs"));
    expect(aboutTheWitness(caseworker.email)).toHaveLength(0);
    expect(aboutTheWitness(caseworkerSupervisor.email)).toHaveLength(0);
    expect(aboutTheWitness('wcu-cleveland@test.invalid')).toHaveLength(0);
  });

  it('skips an officer who is away for their deputy, and a disabled one altogether', async () => {
    const { dutyId } = await aWitnessCareDuty('cleveland', caseworker);
    const [away, deputy, disabled] = await Promise.all([
      fixtures.user({ roles: ['witness_care_officer'], areas: ['cleveland'], kind: 'witness_care_unit' }),
      fixtures.user({ roles: ['supervisor'], areas: ['durham'], kind: 'witness_care_unit' }),
      fixtures.user({ roles: ['witness_care_officer'], areas: ['cleveland'], kind: 'witness_care_unit' }),
    ]);
    await t.dataSource.query(`UPDATE users SET away_until = $2, deputy_id = $3 WHERE id = $1`, [away.id, new Date('2026-01-20T00:00:00Z'), deputy.id]);
    await t.dataSource.query(`UPDATE users SET disabled_at = $2 WHERE id = $1`, [disabled.id, MONDAY]);

    t.clock.set(TUESDAY_0800);
    expect(await reminders.sendDueSoon(dutyId, DUE.getTime(), ATTEMPT)).toEqual({ outcome: 'sent' });
    expect(inbox.to(away.email)).toHaveLength(0);
    expect(inbox.to(disabled.email)).toHaveLength(0);
    expect(inbox.to(deputy.email)).toHaveLength(1);
  });

  it('raises an operator alert when a duty has nobody to go to, and reminds once the directory names a team mailbox', async () => {
    const durhamCaseworker = await fixtures.signedIn(['caseworker'], ['durham']);
    const admin = await fixtures.user({ roles: ['admin'], areas: ['durham'] });
    const otherAreaAdmin = await fixtures.user({ roles: ['admin'], areas: ['cleveland'] });
    const { dutyId } = await aWitnessCareDuty('durham', durhamCaseworker);

    t.clock.set(TUESDAY_0800);
    expect(await reminders.sendDueSoon(dutyId, DUE.getTime(), ATTEMPT)).toEqual({ outcome: 'skipped', reason: 'no-recipient' });
    expect(await reminders.sendDueSoon(dutyId, DUE.getTime(), ATTEMPT)).toEqual({ outcome: 'skipped', reason: 'no-recipient' });
    const alerts = inbox.to(admin.email);
    expect(alerts.map((email) => email.subject)).toEqual([expect.stringMatching(/^No one to remind: VJ-/)]);
    expect(alerts[0].parts.map((part) => part.body).join('\n')).toContain('owed by the witness care unit');
    expect(inbox.to(otherAreaAdmin.email)).toHaveLength(0);
    expect(inbox.to(durhamCaseworker.email).filter((email) => email.subject.includes("Assess the witness's needs"))).toHaveLength(0);
    const open = await t.dataSource.query(`SELECT code, resolved_at FROM reminder_alerts WHERE duty_id = $1`, [dutyId]);
    expect(open).toEqual([{ code: 'no-recipient', resolved_at: null }]);
    const health = await (await fetch(`${worker.healthUrl}/health/ready`)).json();
    expect(health).toEqual(expect.objectContaining({ status: 'degraded', warnings: expect.arrayContaining(['reminderAlerts']) }));

    const unit = await fixtures.organisationId('witness_care_unit');
    await t.app.get(OrganisationDirectoryService).create(
      { ...systemActor('test'), areaIds: [durham] },
      { areaId: durham, ownerKind: 'witness_care_unit', organisationId: unit, teamMailbox: 'wcu-durham@test.invalid' },
    );
    // The test's witness care unit has officers in Cleveland only: in Durham its mailbox is the team.
    expect(await reminders.sendDueSoon(dutyId, DUE.getTime(), ATTEMPT)).toEqual({ outcome: 'sent' });
    expect(inbox.to('wcu-durham@test.invalid')).toHaveLength(1);
    const [resolved] = await t.dataSource.query(`SELECT resolved_at FROM reminder_alerts WHERE duty_id = $1`, [dutyId]);
    expect(resolved.resolved_at).not.toBeNull();
  });

  /** Polls Postgres (bounded) until `sql` answers a row: what the worker does, it does on its own time. */
  const eventually = async (what: string, sql: string, params: unknown[]) => {
    for (let attempt = 0; attempt < 150; attempt++) {
      const rows: unknown[] = await t.dataSource.query(sql, params);
      if (rows.length > 0) return rows;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it('sends a skipped first-contact reminder once a lead is assigned: the next sweep plans it under a new job id', async () => {
    t.clock.set(MONDAY);
    const police = await fixtures.partnerClient(['durham']);
    const leadUser = await fixtures.user({ roles: ['caseworker'], areas: ['durham'] });
    // A police referral to an area whose directory names no victim care service: nobody to remind.
    const referred = await t.http().post('/api/v1/referrals').set('x-api-key', police.apiKey).set('idempotency-key', `lead-later-${leadUser.id}`)
      .send(aReferral(durham, { crime: { offenceDate: '2026-01-10', reportedAt: '2026-01-11T09:00:00Z' } }));
    expect(referred.status).toBe(201);
    const journeyId: string = referred.body.journeyId;
    const [{ id: dutyId }] = await t.dataSource.query(`SELECT id FROM duties WHERE journey_id = $1 AND rule_id = 'support.first-contact'`, [journeyId]);
    const sweeper = worker.worker.get(ReminderSweeper);

    t.clock.set(TUESDAY_0800);
    await sweeper.sweep();
    await eventually('the skipped run’s alert', `SELECT 1 FROM reminder_alerts WHERE duty_id = $1 AND reminder_kind = 'due-soon' AND resolved_at IS NULL`, [dutyId]);
    const lead = await fixtures.session(leadUser);

    const assigned = await t.http().put(`/api/v1/journeys/${journeyId}/lead`).set('authorization', lead.bearer)
      .set('if-match', await journeyEtag(t, lead, journeyId)).send({ workerId: lead.id });
    expect(assigned.status).toBe(200);
    t.clock.set(new Date(TUESDAY_0800.getTime() + 60_000));
    await sweeper.sweep();
    await eventually('the reminder to the new lead', `SELECT 1 FROM notifications WHERE duty_id = $1 AND kind = 'duty_due_soon' AND status = 'sent'`, [dutyId]);
    await sweeper.sweep();

    const firstContact = inbox.to(lead.email).filter((email) => email.subject.includes('Make first contact'));
    expect(firstContact).toHaveLength(1);
    const [alert] = await t.dataSource.query(`SELECT generation, resolved_at FROM reminder_alerts WHERE duty_id = $1 AND reminder_kind = 'due-soon'`, [dutyId]);
    expect(alert.generation).toBe(1);
    expect(alert.resolved_at).not.toBeNull();
  });
});
