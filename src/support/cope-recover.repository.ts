import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EndScoreMissingReason } from '../../libs/cope-recover/src/index.js';
import type { CopeRecoverMeasureView } from './dto/cope-recover.dto.js';
import type { CopeRecoverPoint } from './support-vocabulary.js';

/** A row of cope_recover_measures, as stored (the columns the API shows). */
interface MeasureRow {
  id: string;
  point: CopeRecoverPoint;
  framework_version: string;
  answers: Record<string, number> | null;
  missing_reason: EndScoreMissingReason | null;
  taken_at: Date;
  recorded_by: string;
}

export interface NewMeasure {
  id: string;
  areaId: string;
  journeyId: string;
  point: CopeRecoverPoint;
  frameworkVersion: string;
  answers: Record<string, number> | null;
  missingReason: EndScoreMissingReason | null;
  takenAt: Date;
  recordedBy: string;
}

const COLUMNS = `id, point, framework_version, answers, missing_reason, taken_at, recorded_by`;

/**
 * SQL over cope_recover_measures, for one journey the caller holds in scope. A journey has
 * at most one current (not superseded) measure per point.
 */
@Injectable()
export class CopeRecoverRepository {
  async insert(tx: EntityManager, measure: NewMeasure): Promise<CopeRecoverMeasureView> {
    const [row]: MeasureRow[] = await tx.query(
      `INSERT INTO cope_recover_measures (id, area_id, journey_id, point, framework_version, answers, missing_reason, taken_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        measure.id,
        measure.areaId,
        measure.journeyId,
        measure.point,
        measure.frameworkVersion,
        measure.answers ? JSON.stringify(measure.answers) : null,
        measure.missingReason,
        measure.takenAt,
        measure.recordedBy,
      ],
    );
    return toMeasure(row);
  }

  async current(tx: EntityManager, journeyId: string, point: CopeRecoverPoint): Promise<CopeRecoverMeasureView | null> {
    const [row]: MeasureRow[] = await tx.query(`SELECT ${COLUMNS} FROM cope_recover_measures WHERE journey_id = $1 AND point = $2 AND superseded_at IS NULL`, [
      journeyId,
      point,
    ]);
    return row ? toMeasure(row) : null;
  }

  /** Marks the current end measure superseded at `at`; answers its id, or null when there was none. */
  async supersedeEnd(tx: EntityManager, journeyId: string, at: Date): Promise<string | null> {
    const [rows]: [Array<{ id: string }>, number] = await tx.query(
      `UPDATE cope_recover_measures SET superseded_at = $2 WHERE journey_id = $1 AND point = 'end' AND superseded_at IS NULL RETURNING id`,
      [journeyId, at],
    );
    return rows[0]?.id ?? null;
  }
}

function toMeasure(row: MeasureRow): CopeRecoverMeasureView {
  return {
    id: row.id,
    point: row.point,
    frameworkVersion: row.framework_version,
    answers: row.answers,
    missingReason: row.missing_reason,
    takenAt: row.taken_at,
    recordedBy: row.recorded_by,
  };
}
