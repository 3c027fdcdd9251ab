/**
 * npm run seed:synthetic -- --journeys 1000000 [--seed 1] [--now 2026-06-30T12:00:00Z] [--days 365] [--areas 43] [--no-refresh]
 *
 * Adds synthetic journeys (a year of referrals up to --now, in every area) to the database
 * at DATABASE_URL, then refreshes the report rollups. --areas adds England and Wales' police
 * force areas until there are that many. Never in production. See
 * docs/reports.md, "Synthetic data".
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SystemClock } from '../../app/clock.js';
import { describeError } from '../../app/logging.js';
import { dataSourceOptions } from '../data-source-options.js';
import { TransactionRunner } from '../../database/transaction.js';
import { ReportWorkingDays } from '../../reports/report-working-days.js';
import { ReportRollups } from '../../reports/rollups/report-rollups.service.js';
import { SyntheticSeeder } from './synthetic-seeder.js';

const logger = new Logger('SyntheticData');

interface Arguments {
  journeys: number;
  seed: number;
  now: Date;
  days: number;
  areas: number | undefined;
  refresh: boolean;
}

function parse(argv: readonly string[]): Arguments {
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const count = (name: string, fallback: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
    return Number(raw);
  };
  const now = value('now') ? new Date(value('now')!) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error('--now must be an ISO 8601 instant');
  return {
    journeys: count('journeys', 10_000, 20_000_000),
    seed: count('seed', 1, 2 ** 31),
    now,
    days: count('days', 365, 3 * 365),
    areas: value('areas') === undefined ? undefined : count('areas', 1, 43),
    refresh: !argv.includes('--no-refresh'),
  };
}

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    logger.error('Synthetic data is never loaded in production (NODE_ENV=production).');
    process.exit(2);
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    logger.error('DATABASE_URL is required (for the local services: eval "$(bash scripts/services.sh env)")');
    process.exit(2);
  }
  const args = parse(process.argv.slice(2));
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 2, applicationName: 'vjs-synthetic-data' }));
  await dataSource.initialize();
  try {
    const clock = new SystemClock();
    const started = Date.now();
    let logged = 0;
    const summary = await new SyntheticSeeder(dataSource, clock).seed({
      journeys: args.journeys,
      seed: args.seed,
      now: args.now,
      days: args.days,
      areas: args.areas,
      onBatch: (written) => {
        if (written - logged >= 50_000 || written === args.journeys) {
          logged = written;
          logger.log({ journeys: written, seconds: Math.round((Date.now() - started) / 1000) }, 'synthetic journeys written');
        }
      },
    });
    logger.log({ ...summary, seconds: Math.round((Date.now() - started) / 1000) }, 'synthetic data loaded');
    if (args.refresh) {
      const transactions = new TransactionRunner(dataSource);
      const outcome = await new ReportRollups(transactions, new ReportWorkingDays(transactions), clock).refresh();
      logger.log(outcome, 'report rollups refreshed');
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  logger.error(`synthetic data failed: ${describeError(error)}`);
  process.exit(1);
});
