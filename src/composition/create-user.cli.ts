/**
 * Creates a user from the command line, e.g. the first admin of a new deployment:
 *
 *   npm run user:create -- --email ada@force.example --name "Ada Admin" --role admin \
 *     --organisation "Victim Care and Advice Service" --kind victim_care_service --area cleveland --area durham
 *
 * The organisation is created when it does not exist. Prints the temporary password
 * (or, for --role partner_system, the API key) once.
 */
import 'reflect-metadata';
import { describeError } from '../app/logging.js';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SystemClock } from '../app/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { dataSourceOptions } from './data-source-options.js';
import { TransactionRunner } from '../database/transaction.js';
import { Area } from '../identity/entities/area.entity.js';
import { Organisation } from '../identity/entities/organisation.entity.js';
import { PasswordHasher } from '../identity/password-hasher.js';
import { ROLES, type Role } from '../access/roles.js';
import { ORGANISATION_KINDS, type OrganisationKind } from '../identity/organisation-kinds.js';
import { UsersRepository } from '../identity/users.repository.js';
import { UsersService } from '../identity/users.service.js';

const logger = new Logger('CreateUser');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      organisation: { type: 'string' },
      kind: { type: 'string' },
      area: { type: 'string', multiple: true, default: [] },
    },
  });
  const problems: string[] = [];
  if (!values.email) problems.push('--email is required');
  if (!values.name) problems.push('--name is required');
  if (!values.organisation) problems.push('--organisation is required');
  const roles = (values.role ?? []) as Role[];
  if (roles.length === 0 || roles.some((role) => !ROLES.includes(role))) problems.push(`--role must be one or more of ${ROLES.join(', ')}`);
  if (values.kind && !ORGANISATION_KINDS.includes(values.kind as OrganisationKind)) problems.push(`--kind must be one of ${ORGANISATION_KINDS.join(', ')}`);
  if (!process.env.DATABASE_URL) problems.push('DATABASE_URL is required');
  if (problems.length) {
    logger.error(problems.join('\n'));
    process.exit(2);
  }

  const dataSource = new DataSource(dataSourceOptions({ url: process.env.DATABASE_URL!, poolSize: 2, applicationName: 'vjs-create-user' }));
  await dataSource.initialize();
  try {
    const repository = new UsersRepository();
    const areas = await dataSource.manager.find(Area);
    const areaIds = (values.area ?? []).map((code) => {
      const area = areas.find((candidate) => candidate.code === code);
      if (!area) throw new Error(`Unknown area "${code}": one of ${areas.map((a) => a.code).join(', ')}`);
      return area.id;
    });
    let organisation = await dataSource.manager.findOne(Organisation, { where: { name: values.organisation! } });
    if (!organisation) {
      if (!values.kind) throw new Error(`Organisation "${values.organisation}" does not exist; give --kind to create it`);
      organisation = await repository.insertOrganisation(dataSource.manager, { name: values.organisation!, kind: values.kind as OrganisationKind, teamEmail: null });
    }
    const clock = new SystemClock();
    const service = new UsersService(new TransactionRunner(dataSource), repository, new PasswordHasher(), new AuditService(clock), clock);
    const created = await service.create(null, { email: values.email!, displayName: values.name!, organisationId: organisation.id, roles, areaIds });
    logger.log(`Created user ${created.user.id} with roles ${created.user.roles.join(', ')}`);
    // The one-time credential is this command's output for the operator, written to stdout
    // only: never through the logger, whose lines may be shipped and kept.
    const credential = created.temporaryPassword
      ? `Temporary password (change at first sign-in): ${created.temporaryPassword}`
      : `API key (send as X-Api-Key; shown once): ${created.apiKey}`;
    process.stdout.write(`${credential}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  logger.error(describeError(error));
  process.exit(1);
});
