import type { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../migrations/index.js';
import { ALL_ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from '../database/snake-naming.strategy.js';

export interface DatabaseOptionsInput {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/**
 * The one place the connection is described, shared by the api, the worker, the
 * migration CLI and the tests. Schema changes only ever come from migrations/.
 */
export function dataSourceOptions({ url, poolSize = 10, applicationName = 'vjs' }: DatabaseOptionsInput): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // TypeORM's error log prints the query's parameters, which can be personal data; errors are
    // logged (sanitised) by the problem-details filter instead.
    logging: false,
    poolSize,
    // gen_random_uuid() is built into PostgreSQL 13+; the app role may not create extensions.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: {
      application_name: applicationName,
      // Fail fast when Postgres is away, so a request answers 503 instead of hanging.
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
    },
  };
}
