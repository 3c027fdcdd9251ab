/**
 * Migration CLI: `node dist/src/composition/migrate.js run|revert|show`.
 * Connects as the schema's owner (MIGRATION_DATABASE_URL) and, after a run, grants the app's
 * role (the user of DATABASE_URL) what it needs and no more (app-role.ts). With
 * DATABASE_URL alone, the app and the migrations share one role, as in a quick set-up; the
 * audit log is then only as append-only as its triggers. Reads nothing else, so it can run
 * before the rest of the configuration exists.
 */
import 'reflect-metadata';
import { describeError } from '../app/logging.js';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { grantAppRole, roleOf } from './app-role.js';
import { dataSourceOptions } from './data-source-options.js';

const logger = new Logger('Migrate');

/** Runs the pending migrations as the owner at `url`, then grants `appRole` (when it is another role) its privileges. */
export async function runMigrations(url: string, appRole?: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1, applicationName: 'vjs-migrate' }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (appRole && appRole !== roleOf(url)) await grantAppRole(dataSource, appRole);
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const command = process.argv[2] ?? 'run';
  const appUrl = process.env.DATABASE_URL;
  const url = process.env.MIGRATION_DATABASE_URL || appUrl;
  if (!url) {
    logger.error('MIGRATION_DATABASE_URL (the schema owner) or DATABASE_URL is required');
    process.exit(2);
  }
  if (command === 'run') {
    const appRole = appUrl ? roleOf(appUrl) : undefined;
    const applied = await runMigrations(url, appRole);
    logger.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date');
    if (!appRole || appRole === roleOf(url)) {
      logger.warn('The app and the migrations share one database role: set MIGRATION_DATABASE_URL to an owner role so the app cannot alter the audit log');
    } else {
      logger.log(`Granted the app's role ${appRole} its privileges (INSERT and SELECT only on the audit tables)`);
    }
    return;
  }
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1, applicationName: 'vjs-migrate' }));
  await dataSource.initialize();
  try {
    if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      logger.log('Reverted the last migration');
    } else if (command === 'show') {
      const pending = await dataSource.showMigrations();
      logger.log(pending ? 'There are pending migrations' : 'No pending migrations');
    } else {
      logger.error(`Unknown command "${command}": use run, revert or show`);
      process.exitCode = 2;
    }
  } finally {
    await dataSource.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    logger.error(describeError(error));
    process.exit(1);
  });
}
