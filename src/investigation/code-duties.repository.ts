import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SubjectKind } from '../../libs/victims-code/src/index.js';
import type { CodeDutyView } from './dto/decision.dto.js';

export type SubjectDuty = CodeDutyView & { subjectId: string };

/** The duties the ledger stored about a journey's decisions and review requests; the journey id is the key. */
@Injectable()
export class CodeDutiesRepository {
  /** The journey's stored duties of these rules about these decisions or requests, as the ledger keeps them. */
  async about(tx: EntityManager, journeyId: string, ruleIds: readonly string[], subjectKind: SubjectKind, subjectIds: readonly string[]): Promise<SubjectDuty[]> {
    if (subjectIds.length === 0) return [];
    return tx.query(
      `SELECT subject->>'id' AS "subjectId", rule_id AS "ruleId", due_at AS "dueAt", status, met_at AS "metAt", enhanced
         FROM duties
        WHERE journey_id = $1 AND rule_id = ANY($2::text[]) AND subject->>'kind' = $3 AND subject->>'id' = ANY($4::text[])
        ORDER BY due_at, rule_id`,
      [journeyId, ruleIds, subjectKind, subjectIds],
    );
  }
}

export function withoutSubject(duty: SubjectDuty | undefined): CodeDutyView | null {
  if (!duty) return null;
  const { subjectId: _subjectId, ...view } = duty;
  return view;
}
