import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BANK_HOLIDAYS_FIRST_YEAR, BANK_HOLIDAYS_LAST_YEAR, isWorkingDay } from '../../libs/working-days/src/index.js';
import { insertRows } from '../database/insert-rows.js';
import { TransactionRunner } from '../database/transaction.js';

/** Every day the working-day calendar knows, with the working days counted up to and including it. */
export function workingDayNumbers(): Array<[string, number]> {
  const rows: Array<[string, number]> = [];
  let number = 0;
  for (let day = Date.UTC(BANK_HOLIDAYS_FIRST_YEAR, 0, 1); day <= Date.UTC(BANK_HOLIDAYS_LAST_YEAR, 11, 31); day += 86_400_000) {
    // Noon UTC falls on the same London date whatever the season.
    if (isWorkingDay(new Date(day + 12 * 3_600_000))) number += 1;
    rows.push([new Date(day).toISOString().slice(0, 10), number]);
  }
  return rows;
}

/**
 * report_working_days, kept in step with libs/working-days: "working days late" in SQL is
 * number(today) - number(due day), exactly workingDaysBetween. Written once per process
 * (and database), and only the days that differ, so a regenerated holiday list reaches
 * the reports at the next start.
 */
@Injectable()
export class ReportWorkingDays {
  private synced: Promise<void> | null = null;

  constructor(private readonly transactions: TransactionRunner) {}

  ensure(): Promise<void> {
    this.synced ??= this.transactions.run((tx) => this.write(tx)).catch((error: unknown) => {
      this.synced = null;
      throw error;
    });
    return this.synced;
  }

  private async write(tx: EntityManager): Promise<void> {
    await insertRows(tx, 'report_working_days', ['day', 'working_day_number'], workingDayNumbers(), {
      onConflict: `ON CONFLICT (day) DO UPDATE SET working_day_number = EXCLUDED.working_day_number
                   WHERE report_working_days.working_day_number <> EXCLUDED.working_day_number`,
    });
  }
}
