import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Targets per rule and area (issue 21 part 4, issue 22): the % on time an area's
 * commissioner aims for on a rule of the Code, set by an admin and shown beside the
 * compliance figure. One row per (area, rule): the unique key is also the read path, since
 * targets are always read for an area's rules. Versioned, as every row changed through
 * If-Match; who set it is in the audit log.
 */
export class ReportTargets1765699200000 implements MigrationInterface {
  name = 'ReportTargets1765699200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE report_targets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL CONSTRAINT report_targets_area_fk REFERENCES areas (id),
        rule_id text NOT NULL CONSTRAINT report_targets_rule_id_check CHECK (rule_id ~ '^[a-z]+\\.[a-z0-9-]+$'),
        -- % on time, one decimal, as onTimePercent is given.
        target_percent numeric(4, 1) NOT NULL CONSTRAINT report_targets_percent_check CHECK (target_percent >= 0 AND target_percent <= 100),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT report_targets_area_rule_key UNIQUE (area_id, rule_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE report_targets`);
  }
}
