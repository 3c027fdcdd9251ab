import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertRows } from '../database/insert-rows.js';
import type { NeedsAssessmentResponse } from './dto/needs-assessment.dto.js';
import { NEED_AREAS, type AssessmentDecision, type NeedArea, type NeedLevel } from './support-vocabulary.js';

/** A row of needs_assessments, as stored (the columns the API shows). */
interface AssessmentRow {
  id: string;
  journey_id: string;
  completed_at: Date;
  assessed_by: string;
  decision: AssessmentDecision;
  signposted_to: string | null;
  notes: string | null;
}

/** A row of assessed_needs. */
interface NeedRow {
  assessment_id: string;
  need_area: NeedArea;
  level: NeedLevel;
  notes: string | null;
}

export interface NewNeedsAssessment {
  id: string;
  areaId: string;
  journeyId: string;
  completedAt: Date;
  assessedBy: string;
  decision: AssessmentDecision;
  signpostedTo: string | null;
  notes: string | null;
  needs: ReadonlyArray<{ area: NeedArea; level: NeedLevel; notes: string | null }>;
}

/** SQL over needs_assessments and their assessed_needs, for one journey the caller holds in scope. */
@Injectable()
export class NeedsAssessmentsRepository {
  async insert(tx: EntityManager, assessment: NewNeedsAssessment): Promise<void> {
    await tx.query(
      `INSERT INTO needs_assessments (id, area_id, journey_id, completed_at, assessed_by, decision, signposted_to, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [assessment.id, assessment.areaId, assessment.journeyId, assessment.completedAt, assessment.assessedBy, assessment.decision, assessment.signpostedTo, assessment.notes],
    );
    await insertRows(
      tx,
      'assessed_needs',
      ['assessment_id', 'area_id', 'need_area', 'level', 'notes'],
      assessment.needs.map((need) => [assessment.id, assessment.areaId, need.area, need.level, need.notes]),
    );
  }

  /** The journey's assessments (or the one `onlyId`), newest first, each with its needs in the order of NEED_AREAS. */
  async list(tx: EntityManager, journeyId: string, onlyId?: string): Promise<NeedsAssessmentResponse[]> {
    const rows: AssessmentRow[] = await tx.query(
      `SELECT id, journey_id, completed_at, assessed_by, decision, signposted_to, notes
         FROM needs_assessments WHERE journey_id = $1 AND ($2::uuid IS NULL OR id = $2)
        ORDER BY completed_at DESC, created_at DESC`,
      [journeyId, onlyId ?? null],
    );
    const needs: NeedRow[] = await tx.query(`SELECT assessment_id, need_area, level, notes FROM assessed_needs WHERE assessment_id = ANY($1::uuid[])`, [
      rows.map((row) => row.id),
    ]);
    return rows.map((row) => toAssessment(row, needs));
  }
}

const NEED_ORDER = new Map<string, number>(NEED_AREAS.map((area, index) => [area, index]));

function toAssessment(row: AssessmentRow, needs: readonly NeedRow[]): NeedsAssessmentResponse {
  return {
    id: row.id,
    journeyId: row.journey_id,
    completedAt: row.completed_at,
    assessedBy: row.assessed_by,
    decision: row.decision,
    signpostedTo: row.signposted_to,
    notes: row.notes,
    needs: needs
      .filter((need) => need.assessment_id === row.id)
      .sort((a, b) => NEED_ORDER.get(a.need_area)! - NEED_ORDER.get(b.need_area)!)
      .map((need) => ({ area: need.need_area, level: need.level, notes: need.notes })),
  };
}
