import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The referral rollups' new counts, each with its key sum (the cell key method). */
const COUNTS = ['enhanced_journeys', 'enhanced_most_serious_crime', 'enhanced_persistently_targeted', 'enhanced_vulnerable', 'enhanced_intimidated'];
const TABLES = ['report_referral_rollup', 'report_referral_rollup_daily'];

/**
 * Referral timeliness says why victims are enhanced (issue 16): journeys referred with
 * enhanced rights, and by each basis. The rollups are rebuilt whole by every refresh, so the
 * new columns fill at the next one (at most REPORTS_ROLLUP_REFRESH_MINUTES); until then they read 0.
 */
export class EnhancedBasisRollups1765785600000 implements MigrationInterface {
  name = 'EnhancedBasisRollups1765785600000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await db.query(`ALTER TABLE ${table} ${COUNTS.map((count) => `ADD COLUMN ${count} integer NOT NULL DEFAULT 0, ADD COLUMN ${count}_key smallint NOT NULL DEFAULT 0`).join(', ')}`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      await db.query(`ALTER TABLE ${table} ${COUNTS.map((count) => `DROP COLUMN ${count}_key, DROP COLUMN ${count}`).join(', ')}`);
    }
  }
}
