import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A target as stored: `target_percent` comes back from numeric(4,1) as text. */
export interface ReportTargetRow {
  id: string;
  area_id: string;
  rule_id: string;
  target_percent: string;
  version: number;
  updated_at: Date;
}

const COLUMNS = 'id, area_id, rule_id, target_percent, version, updated_at';

/** The SQL of targets per rule and area (table report_targets). */
@Injectable()
export class ReportTargetsRepository {
  async forAreas(tx: EntityManager, areaIds: readonly string[]): Promise<ReportTargetRow[]> {
    if (areaIds.length === 0) return [];
    return tx.query(`SELECT ${COLUMNS} FROM report_targets JOIN unnest($1::uuid[]) AS wanted (area_id) USING (area_id) ORDER BY area_id, rule_id`, [areaIds]);
  }

  async all(tx: EntityManager): Promise<ReportTargetRow[]> {
    return tx.query(`SELECT ${COLUMNS} FROM report_targets ORDER BY area_id, rule_id`);
  }

  async find(tx: EntityManager, areaId: string, ruleId: string, lock = false): Promise<ReportTargetRow | null> {
    const [row] = await tx.query(`SELECT ${COLUMNS} FROM report_targets WHERE area_id = $1 AND rule_id = $2${lock ? ' FOR UPDATE' : ''}`, [areaId, ruleId]);
    return row ?? null;
  }

  /** Inserts the target unless one exists for the rule and area (answers null then: someone set it meanwhile). */
  async insert(tx: EntityManager, areaId: string, ruleId: string, percent: number): Promise<ReportTargetRow | null> {
    const [row] = await tx.query(
      `INSERT INTO report_targets (area_id, rule_id, target_percent) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT report_targets_area_rule_key DO NOTHING RETURNING ${COLUMNS}`,
      [areaId, ruleId, percent],
    );
    return row ?? null;
  }

  /** Changes the target if it is still at `version`; null when it is not. */
  async update(tx: EntityManager, id: string, version: number, percent: number): Promise<ReportTargetRow | null> {
    const [rows] = await tx.query(
      `UPDATE report_targets SET target_percent = $3, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING ${COLUMNS}`,
      [id, version, percent],
    );
    return rows[0] ?? null;
  }

  async delete(tx: EntityManager, id: string, version: number): Promise<boolean> {
    const [, count] = await tx.query(`DELETE FROM report_targets WHERE id = $1 AND version = $2`, [id, version]);
    return count === 1;
  }

  async areaExists(tx: EntityManager, areaId: string): Promise<boolean> {
    return (await tx.query(`SELECT 1 FROM areas WHERE id = $1`, [areaId])).length === 1;
  }
}
