/**
 * Demo data for `npm run up`: both areas' organisations, a user of each role and a handful
 * of fictional people. Idempotent (finds before it creates). Refuses to run in production.
 */
import 'reflect-metadata';
import { describeError } from '../app/logging.js';
import { Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { systemActor } from '../access/actor.js';
import { SystemClock } from '../app/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { sha256 } from '../identity/credentials.js';
import { Area } from '../identity/entities/area.entity.js';
import { Organisation } from '../identity/entities/organisation.entity.js';
import { PasswordHasher } from '../identity/password-hasher.js';
import type { OrganisationKind, Role } from '../identity/roles.js';
import { UsersRepository } from '../identity/users.repository.js';
import { Person } from '../people/entities/person.entity.js';

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

const PEOPLE: Array<Partial<Person> & { area: string }> = [
  { area: 'cleveland', givenName: 'Alex', familyName: 'Demo-Harper', dateOfBirth: '1984-02-11', phone: '07700 900001', postcode: 'TS1 1AA', preferredContactMethod: 'phone', safeToLeaveMessages: true },
  { area: 'cleveland', givenName: 'Bea', familyName: 'Demo-Khan', dateOfBirth: '1992-07-30', email: 'bea@example.invalid', preferredContactMethod: 'email', language: 'Urdu', interpreterNeeded: true },
  { area: 'cleveland', givenName: 'Cal', familyName: 'Demo-Novak', dateOfBirth: '2009-05-03', preferredContactMethod: 'letter', communicationNeeds: 'Prefers written information in plain English' },
  { area: 'durham', givenName: 'Dani', familyName: 'Demo-Okafor', dateOfBirth: '1978-12-19', phone: '07700 900004', preferredContactMethod: 'text' },
  { area: 'durham', givenName: 'Eli', familyName: 'Demo-Price', dateOfBirth: '1951-03-08', phone: '0191 496 0005', preferredContactMethod: 'visit', preferredContactTimes: 'Weekday mornings' },
  { area: 'durham', givenName: 'Fran', familyName: 'Demo-Quinn', dateOfBirth: '1999-09-25', email: 'fran@example.invalid', preferredContactMethod: 'email' },
];

async function loadDemoData(tx: EntityManager): Promise<string[]> {
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

  const creator = userIds.get('caseworker@demo.invalid')!;
  for (const { area, ...fields } of PEOPLE) {
    const exists = await tx.findOne(Person, { where: { givenName: fields.givenName!, familyName: fields.familyName! } });
    if (exists) continue;
    const person = await tx.save(Person, tx.create(Person, { ...fields, areaId: areas.get(area)!, createdBy: creator }));
    await audit.record(tx, actor, { action: 'create', entityType: 'person', entityId: person.id, areaId: person.areaId, details: { source: 'demo' } });
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
    const report = await dataSource.transaction((tx) => loadDemoData(tx));
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
