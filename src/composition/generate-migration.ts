/**
 * Drafts a migration from the difference between the entities and a migrated database.
 * The draft is a starting point: every migration is reviewed by hand before it is committed.
 */
import 'reflect-metadata';
import { describeError } from '../app/logging.js';
import { Logger } from '@nestjs/common';
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

const logger = new Logger('GenerateMigration');

async function main(): Promise<void> {
  const name = process.argv[2];
  const url = process.env.DATABASE_URL;
  if (!name || !url) {
    logger.error('usage: DATABASE_URL=... node dist/src/composition/generate-migration.js Name');
    process.exit(2);
  }
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1, applicationName: 'vjs-generate' }));
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      logger.log('The entities match the database: nothing to generate');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const quote = (query: string) => `\`${query.replace(/`/g, '\\`')}\``;
    const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(db: QueryRunner): Promise<void> {
${sql.upQueries.map((q) => `    await db.query(${quote(q.query)});`).join('\n')}
  }

  async down(db: QueryRunner): Promise<void> {
${sql.downQueries.reverse().map((q) => `    await db.query(${quote(q.query)});`).join('\n')}
  }
}
`;
    const file = `migrations/${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.ts`;
    writeFileSync(file, body);
    logger.log(`Wrote ${file}: review it, then add it to migrations/index.ts`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  logger.error(describeError(error));
  process.exit(1);
});
