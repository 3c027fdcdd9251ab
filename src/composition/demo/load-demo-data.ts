/**
 * Demo data for `npm run up`: both areas' organisations, a user of each role and a handful
 * of fictional victims referred by the police feed (through the same intake as the API). Idempotent (finds before it creates). Refuses to run in production.
 */
import 'reflect-metadata';
import { describeError } from '../../app/logging.js';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '../api.module.js';
import { loadDemoCourtWeek } from './demo-court-week.js';
import { loadDemoOrganisationDirectory } from './demo-organisation-directory.js';
import { OrganisationDirectoryRepository } from '../../organisations/organisation-directory.repository.js';
import { OrganisationDirectoryService } from '../../organisations/organisation-directory.service.js';
import { DataSource, type EntityManager } from 'typeorm';
import { systemActor } from '../../access/actor.js';
import { SystemClock } from '../../app/clock.js';
import { AuditService } from '../../audit/audit.service.js';
import { dataSourceOptions } from '../data-source-options.js';
import { sha256 } from '../../identity/credentials.js';
import { Area } from '../../identity/entities/area.entity.js';
import { Organisation } from '../../identity/entities/organisation.entity.js';
import { PasswordHasher } from '../../identity/password-hasher.js';
import type { Role } from '../../access/roles.js';
import type { OrganisationKind } from '../../identity/organisation-kinds.js';
import { UsersRepository } from '../../identity/users.repository.js';
import { plainToInstance } from 'class-transformer';
import { In } from 'typeorm';
import type { EnhancedRightsCategory, OffenceCategory } from '../../../libs/victims-code/src/index.js';
import type { Actor } from '../../access/actor.js';
import { TransactionRunner } from '../../database/transaction.js';
import { Crime } from '../../crimes/entities/crime.entity.js';
import { JourneyDirectory } from '../../journeys/journey-directory.js';
import { JourneyLedger } from '../../journeys/journey-ledger.js';
import { CodeRuleSets } from '../../journeys/code-rule-sets.js';
import { PersonFactsListeners } from '../../people/person-facts.js';
import { serviceEvent } from '../../journeys/journey-events.js';
import { JourneysRepository } from '../../journeys/journeys.repository.js';
import { JourneysService } from '../../journeys/journeys.service.js';
import { SharingConsentsService } from '../../journeys/sharing-consents.service.js';
import { Outbox } from '../../outbox/outbox.js';
import { PeopleRepository } from '../../people/people.repository.js';
import { PeopleService } from '../../people/people.service.js';
import { CreateReferralRequest } from '../../referrals/dto/referral.dto.js';
import { ReferralIntake } from '../../referrals/referral-intake.service.js';

const logger = new Logger('DemoData');

export const DEMO_PASSWORD = 'demo-password-2026';
/** A fixed key so the demo police feed keeps working across restarts; development only. */
export const DEMO_PARTNER_API_KEY = 'vjs_000000000000_demo-police-feed-key-for-local-use-only-000';

const ORGANISATIONS: Array<{ name: string; kind: OrganisationKind; teamEmail?: string }> = [
  { name: 'Cleveland Police', kind: 'police_force' },
  { name: 'Durham Constabulary', kind: 'police_force' },
  { name: 'Victim Care and Advice Service', kind: 'victim_care_service', teamEmail: 'vcas-team@demo.invalid' },
  { name: 'Cleveland and Durham Witness Care Unit', kind: 'witness_care_unit', teamEmail: 'wcu-team@demo.invalid' },
  { name: 'CPS North East', kind: 'cps' },
  { name: "Teesside Magistrates' Court", kind: 'court' },
  { name: 'Probation Service North East', kind: 'probation' },
  { name: 'Restorative Justice Hub', kind: 'rj_hub' },
  { name: 'Harbour Support Services', kind: 'support_provider' },
  { name: 'Office of the Police and Crime Commissioner', kind: 'pcc_office' },
];

const USERS: Array<{ email: string; name: string; roles: Role[]; organisation: string; areas: string[]; supervisor?: string }> = [
  { email: 'admin@demo.invalid', name: 'Ada Admin', roles: ['admin'], organisation: 'Victim Care and Advice Service', areas: ['cleveland', 'durham'] },
  { email: 'auditor@demo.invalid', name: 'Aud Itor', roles: ['auditor'], organisation: 'Office of the Police and Crime Commissioner', areas: [] },
  { email: 'supervisor@demo.invalid', name: 'Sam Supervisor', roles: ['supervisor'], organisation: 'Victim Care and Advice Service', areas: ['cleveland', 'durham'] },
  { email: 'caseworker@demo.invalid', name: 'Casey Worker', roles: ['caseworker'], organisation: 'Victim Care and Advice Service', areas: ['cleveland'], supervisor: 'supervisor@demo.invalid' },
  { email: 'caseworker.durham@demo.invalid', name: 'Dee Worker', roles: ['caseworker'], organisation: 'Victim Care and Advice Service', areas: ['durham'], supervisor: 'supervisor@demo.invalid' },
  { email: 'witness-care@demo.invalid', name: 'Wyn Officer', roles: ['witness_care_officer'], organisation: 'Cleveland and Durham Witness Care Unit', areas: ['cleveland', 'durham'], supervisor: 'supervisor@demo.invalid' },
  { email: 'commissioner@demo.invalid', name: 'Pat Commissioner', roles: ['commissioner'], organisation: 'Office of the Police and Crime Commissioner', areas: ['cleveland', 'durham'] },
];

/**
 * Fictional victims referred by the police feed, reported a few days before the demo is
 * loaded, so the work queue shows new referrals with first-contact duties due and overdue.
 */
const REFERRALS: Array<{ area: string; crimeReference: string; offenceCategory: OffenceCategory; reportedDaysAgo: number; receivedDaysAgo?: number; consent: 'given' | 'not_objected'; enhanced?: EnhancedRightsCategory[]; person: Record<string, unknown> & { givenName: string; familyName: string } }> = [
  { area: 'cleveland', crimeReference: 'CLE/DEMO/0001', offenceCategory: 'burglary', reportedDaysAgo: 1, consent: 'not_objected',
    person: { givenName: 'Alex', familyName: 'Demo-Harper', dateOfBirth: '1984-02-11', phone: '07700 900001', postcode: 'TS1 1AA', preferredContactMethod: 'phone', safeToLeaveMessages: true } },
  { area: 'cleveland', crimeReference: 'CLE/DEMO/0002', offenceCategory: 'hate_crime', reportedDaysAgo: 3, consent: 'not_objected', enhanced: ['most_serious_crime'],
    person: { givenName: 'Bea', familyName: 'Demo-Khan', dateOfBirth: '1992-07-30', email: 'bea@example.invalid', preferredContactMethod: 'email', language: 'Urdu', interpreterNeeded: true } },
  { area: 'cleveland', crimeReference: 'CLE/DEMO/0003', offenceCategory: 'robbery', reportedDaysAgo: 6, consent: 'not_objected', enhanced: ['vulnerable'],
    person: { givenName: 'Cal', familyName: 'Demo-Novak', dateOfBirth: '2009-05-03', preferredContactMethod: 'letter', communicationNeeds: 'Prefers written information in plain English', vulnerabilityFlags: ['under_18'] } },
  { area: 'durham', crimeReference: 'DUR/DEMO/0004', offenceCategory: 'domestic_abuse', reportedDaysAgo: 2, consent: 'given', enhanced: ['most_serious_crime', 'intimidated'],
    person: { givenName: 'Dani', familyName: 'Demo-Okafor', dateOfBirth: '1978-12-19', phone: '07700 900004', preferredContactMethod: 'text', safeToLeaveMessages: false } },
  { area: 'durham', crimeReference: 'DUR/DEMO/0005', offenceCategory: 'fraud', reportedDaysAgo: 4, consent: 'not_objected',
    person: { givenName: 'Eli', familyName: 'Demo-Price', dateOfBirth: '1951-03-08', phone: '0191 496 0005', preferredContactMethod: 'visit', preferredContactTimes: 'Weekday mornings', vulnerabilityFlags: ['older_person'] } },
  { area: 'durham', crimeReference: 'DUR/DEMO/0006', offenceCategory: 'criminal_damage', reportedDaysAgo: 8, consent: 'not_objected',
    person: { givenName: 'Fran', familyName: 'Demo-Quinn', dateOfBirth: '1999-09-25', email: 'fran@example.invalid', preferredContactMethod: 'email' } },
  // Received a week ago and not yet contacted: its first-contact duty is overdue, so the team
  // view (which opens on overdue work) and the Durham caseworker's own queue have something in them.
  { area: 'durham', crimeReference: 'DUR/DEMO/0007', offenceCategory: 'burglary', reportedDaysAgo: 9, receivedDaysAgo: 7, consent: 'not_objected',
    person: { givenName: 'Gil', familyName: 'Demo-Reyes', dateOfBirth: '1988-01-14', phone: '0191 496 0007', preferredContactMethod: 'phone' } },
];

/**
 * Demo journeys led by a demo caseworker from the start, so signing in as either shows a
 * work queue with something in it (the others stay unallocated, for the team's queue).
 */
const LED_BY: Record<string, string[]> = {
  'caseworker@demo.invalid': ['CLE/DEMO/0002', 'CLE/DEMO/0003'],
  'caseworker.durham@demo.invalid': ['DUR/DEMO/0007'],
};

async function loadDemoData(tx: EntityManager, intake: ReferralIntake, ledger: JourneyLedger): Promise<string[]> {
  const report: string[] = [];
  const users = new UsersRepository();
  const hasher = new PasswordHasher();
  const audit = new AuditService(new SystemClock());
  const actor = systemActor('demo-data');
  const areas = new Map((await tx.find(Area)).map((area) => [area.code, area.id]));

  const organisations = new Map<string, string>();
  for (const spec of ORGANISATIONS) {
    const found = await tx.findOne(Organisation, { where: { name: spec.name } });
    const organisation = found ?? (await users.insertOrganisation(tx, { name: spec.name, kind: spec.kind, teamEmail: spec.teamEmail ?? null }));
    organisations.set(spec.name, organisation.id);
  }
  report.push(...(await loadDemoOrganisationDirectory(tx, audit, actor, areas)));

  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  const userIds = new Map<string, string>();
  for (const spec of USERS) {
    let user = await users.findByEmail(tx, spec.email);
    if (!user) {
      user = await users.insert(
        tx,
        {
          email: spec.email,
          displayName: spec.name,
          organisationId: organisations.get(spec.organisation)!,
          roles: spec.roles,
          passwordHash,
          mustChangePassword: false,
          sessionsValidAfter: new Date(),
          disabledAt: null,
          lastLoginAt: null,
          apiKeyPrefix: null,
          apiKeyHash: null,
          supervisorId: spec.supervisor ? (userIds.get(spec.supervisor) ?? null) : null,
        },
        spec.areas.map((code) => areas.get(code)!),
      );
      await audit.record(tx, actor, { action: 'user_created', entityType: 'user', entityId: user.id, details: { roles: spec.roles, source: 'demo' } });
    }
    userIds.set(spec.email, user.id);
    report.push(`  ${spec.roles.join(',').padEnd(22)} ${spec.email}`);
  }

  const partnerEmail = 'police-feed@demo.invalid';
  if (!(await users.findByEmail(tx, partnerEmail))) {
    await users.insert(
      tx,
      {
        email: partnerEmail,
        displayName: 'Cleveland Police referral feed',
        organisationId: organisations.get('Cleveland Police')!,
        roles: ['partner_system'],
        passwordHash: null,
        mustChangePassword: false,
        sessionsValidAfter: new Date(),
        disabledAt: null,
        lastLoginAt: null,
        apiKeyPrefix: DEMO_PARTNER_API_KEY.split('_')[1],
        apiKeyHash: sha256(DEMO_PARTNER_API_KEY),
        supervisorId: null,
      },
      [areas.get('cleveland')!, areas.get('durham')!],
    );
  }
  report.push(`  ${'partner_system'.padEnd(22)} X-Api-Key: ${DEMO_PARTNER_API_KEY}`);

  const partner = await users.findByEmail(tx, partnerEmail);
  const feed: Actor = {
    ...systemActor('demo-data'),
    userId: partner!.id,
    roles: ['partner_system'],
    organisationId: partner!.organisationId,
    areaIds: [areas.get('cleveland')!, areas.get('durham')!],
  };
  const known = await tx.find(Crime, { where: { crimeReference: In(REFERRALS.map((referral) => referral.crimeReference)) } });
  const requests = REFERRALS.filter((referral) => !known.some((crime) => crime.crimeReference === referral.crimeReference)).map(
    (referral) =>
      plainToInstance(CreateReferralRequest, {
        areaId: areas.get(referral.area)!,
        role: 'victim',
        crime: {
          crimeReference: referral.crimeReference,
          offenceCategory: referral.offenceCategory,
          reportedAt: new Date(Date.now() - referral.reportedDaysAgo * 24 * 3600 * 1000).toISOString(),
        },
        ...(referral.receivedDaysAgo ? { receivedAt: new Date(Date.now() - referral.receivedDaysAgo * 24 * 3600 * 1000).toISOString() } : {}),
        person: referral.person,
        consent: { referral: referral.consent, recordedBy: 'PC 0000 Demo' },
        enhancedRights: referral.enhanced ? { categories: referral.enhanced, reason: 'Demo: assessed at report' } : undefined,
      }),
  );
  if (requests.length > 0) {
    const results = await intake.intake(tx, feed, requests, { kind: 'api' });
    report.push(`  ${results.length} demo referrals: ${results.map((result) => result.reference).join(', ')}`);
  }

  // Through the ledger, as a supervisor's assignment would be: an event on each timeline.
  const supervisor: Actor = { ...feed, userId: userIds.get('supervisor@demo.invalid')!, roles: ['supervisor'], organisationId: organisations.get('Victim Care and Advice Service')! };
  for (const [email, crimeReferences] of Object.entries(LED_BY)) {
    const unallocated: Array<{ id: string }> = await tx.query(
      `SELECT j.id FROM journeys j JOIN crimes c ON c.id = j.crime_id WHERE c.crime_reference = ANY($1) AND j.lead_worker_id IS NULL ORDER BY j.id`,
      [crimeReferences],
    );
    for (const { id } of unallocated) {
      const journey = await ledger.lock(tx, supervisor, id);
      const to = { workerId: userIds.get(email)!, organisationId: organisations.get('Victim Care and Advice Service')! };
      await ledger.record(tx, supervisor, journey, [serviceEvent('lead-worker.assigned', new Date(), to)], { leadWorkerId: to.workerId, leadOrganisationId: to.organisationId });
    }
    if (unallocated.length > 0) report.push(`  ${unallocated.length} demo journeys allocated to ${email}`);
  }
  return report;
}

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    logger.error('Demo data is never loaded in production (NODE_ENV=production).');
    process.exit(2);
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    logger.error('DATABASE_URL is required');
    process.exit(2);
  }
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1, applicationName: 'vjs-demo-data' }));
  await dataSource.initialize();
  try {
    const clock = new SystemClock();
    const audit = new AuditService(clock);
    const transactions = new TransactionRunner(dataSource);
    const journeys = new JourneysRepository();
    const ledger = new JourneyLedger(clock, new Outbox(clock), journeys, transactions, audit, new CodeRuleSets());
    const intake = new ReferralIntake(
      clock,
      new JourneyDirectory(),
      ledger,
      new PeopleService(transactions, new PeopleRepository(), audit, new PersonFactsListeners(), clock),
      new SharingConsentsService(transactions, ledger, new JourneysService(transactions, journeys, audit, clock), audit, clock),
      audit,
      new OrganisationDirectoryService(transactions, new OrganisationDirectoryRepository(), audit),
    );
    const report = await transactions.run((tx) => loadDemoData(tx, intake, ledger));
    // The court week goes through the court and witness care services, as the API does.
    const app = await NestFactory.createApplicationContext(ApiModule.forRoot(), { logger: ['error', 'warn'] });
    try {
      report.push(...(await loadDemoCourtWeek(app)));
    } finally {
      await app.close();
      // The context's quieter logger applies to every Logger in the process: without this
      // the accounts below would never be printed.
      Logger.overrideLogger(['log', 'error', 'warn']);
    }
    logger.log(`Demo data loaded. Sign in with password "${DEMO_PASSWORD}" as:`);
    logger.log(report.join('\n'));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  logger.error(`demo data failed: ${describeError(error)}`);
  process.exit(1);
});
