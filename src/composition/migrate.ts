/**
 * Migration CLI: `node dist/src/composition/migrate.js run|revert|show`.
 * Uses DATABASE_URL only, so it can run before the rest of the configuration exists.
 */
import 'reflect-metadata';
import { describeError } from '../app/logging.js';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

const logger = new Logger('Migrate');

export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1, applicationName: 'vjs-migrate' }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const command = process.argv[2] ?? 'run';
  const url = process.env.DATABASE_URL;
  if (!url) {
    logger.error('DATABASE_URL is required');
    process.exit(2);
  }
  if (command === 'run') {
    const applied = await runMigrations(url);
    logger.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date');
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
