import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { Clock, futureInstantProblems } from '../app/clock.js';
import type { FieldProblem } from '../app/domain-error.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { CrimeWork, partnerRetry, type CrimeAnswer } from '../crimes/crime-work.js';
import { insertRows } from '../database/insert-rows.js';
import { JourneyWork } from '../journeys/journey-work.js';
import { dutiesAbout, withoutSubject } from './code-duties.js';
import { DECISION_BODY, reviewWindowOf, type DecisionBodySpec } from './decision-bodies.js';
import type {
  CrimeDecisionsResponse,
  DecisionRecordedResponse,
  DecisionResponse,
  JourneyDecisionView,
  JourneyDecisionsResponse,
  RecordCpsDecisionRequest,
  RecordPoliceDecisionRequest,
} from './dto/decision.dto.js';
import { InvestigationError } from './investigation.errors.js';
import type { DecisionBody, InformedMethod } from './investigation-vocabulary.js';

type DecisionRequest = RecordPoliceDecisionRequest | RecordCpsDecisionRequest;

interface NoticeRow {
  decisionId: string;
  journeyId: string;
  informedAt: Date;
  method: InformedMethod;
  recordedBy: string;
}

/**
 * Police and CPS decisions on a crime. Recording one tells every journey on the crime
 * (the victim's right to be told is owed to each victim and witness), which opens the
 * Code duty to tell them within 5 working days, or 1 for a victim with enhanced rights.
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly crimeWork: CrimeWork,
    private readonly journeyWork: JourneyWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  record(actor: Actor, body: DecisionBody, crimeId: string, request: DecisionRequest, idempotencyKey: string | null): Promise<CrimeAnswer<DecisionRecordedResponse>> {
    const spec = DECISION_BODY[body];
    const decidedAt = new Date(request.decidedAt);
    const defendantIds = request.defendantIds ?? [];
    const problems: FieldProblem[] = futureInstantProblems({ decidedAt }, this.clock.now());
    if (body === 'police' && request.kind === 'charged' && defendantIds.length === 0) {
      problems.push({ field: 'defendantIds', message: 'a charge must name the defendants charged' });
    }
    if (problems.length > 0) throw validationFailed(problems);

    return this.crimeWork.commandOnce(actor, crimeId, partnerRetry(idempotencyKey, spec.operation(crimeId), request), async (tx, crime) => {
        await this.checkDefendantsOnCrime(tx, crime.id, defendantIds);
        const id = randomUUID();
        await tx.query(`INSERT INTO ${spec.table} (id, area_id, crime_id, kind, decided_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
          id, crime.areaId, crime.id, request.kind, decidedAt, actor.userId,
        ]);
        await insertRows(tx, spec.defendantLinks, ['decision_id', 'defendant_id'], defendantIds.map((defendantId) => [id, defendantId]));
        if (body === 'police' && request.kind === 'charged') {
          // Charged from the first charge decision on; a later one (further charges) keeps the date.
          await tx.query(
            `UPDATE defendants SET status = 'charged', charged_at = $2, version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[]) AND status <> 'charged'`,
            [defendantIds, decidedAt],
          );
        }
        const changes = await this.crimeWork.recordOnJourneys(tx, actor, crime, () => ({ events: [spec.decisionMade(id, request.kind, decidedAt)] }));
        const journeysTold = changes.map(({ journey }) => ({ id: journey.id, reference: journey.reference }));
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: `${body}_decision`,
          entityId: id,
          areaId: crime.areaId,
          details: { crimeId: crime.id, kind: request.kind, defendantIds, journeyIds: journeysTold.map((journey) => journey.id) },
        });
        const [decision] = await this.decisionsOf(tx, spec, crime.id, id);
        return { ...decision, journeysTold };
    });
  }

  /** Every decision on the crime, with which of its victims and witnesses have been told. */
  forCrime(actor: Actor, crimeId: string): Promise<CrimeDecisionsResponse> {
    return this.crimeWork.read(actor, crimeId, 'decisions', async (tx, crime) => {
      const journeys: Array<{ id: string; reference: string }> = await tx.query(
        `SELECT id, reference FROM journeys WHERE crime_id = $1 ORDER BY referred_at, reference`,
        [crime.id],
      );
      const answer: CrimeDecisionsResponse = { police: [], cps: [] };
      for (const spec of Object.values(DECISION_BODY)) {
        const decisions = await this.decisionsOf(tx, spec, crime.id);
        const notices = await this.noticesOf(tx, spec, decisions.map((decision) => decision.id));
        answer[spec.body] = decisions.map((decision) => ({
          ...decision,
          journeys: journeys.map((journey) => ({
            journeyId: journey.id,
            reference: journey.reference,
            informedAt: notices.find((notice) => notice.decisionId === decision.id && notice.journeyId === journey.id)?.informedAt ?? null,
          })),
        }));
      }
      return answer;
    });
  }

  /** Every decision on the journey's crime as this victim stands with it: told or not, the duty, and their review window. */
  forJourney(actor: Actor, journeyId: string): Promise<JourneyDecisionsResponse> {
    return this.journeyWork.read(actor, journeyId, 'decisions', async (tx, journey) => {
      const [{ crime_id: crimeId }]: Array<{ crime_id: string }> = await tx.query(`SELECT crime_id FROM journeys WHERE id = $1`, [journey.id]);
      const items: JourneyDecisionView[] = [];
      for (const spec of Object.values(DECISION_BODY)) {
        const decisions = await this.decisionsOf(tx, spec, crimeId);
        items.push(...(await this.asToldTo(tx, spec, journey.id, decisions)));
      }
      items.sort((a, b) => new Date(a.decidedAt).getTime() - new Date(b.decidedAt).getTime() || a.body.localeCompare(b.body));
      return { items };
    });
  }

  /** The decisions as one journey stands with them. */
  async asToldTo(tx: EntityManager, spec: DecisionBodySpec, journeyId: string, decisions: DecisionResponse[]): Promise<JourneyDecisionView[]> {
    const notices = await this.noticesOf(tx, spec, decisions.map((decision) => decision.id), journeyId);
    const duties = await dutiesAbout(tx, journeyId, [spec.informRule], spec.about, decisions.map((decision) => decision.id));
    return decisions.map((decision) => {
      const notice = notices.find((candidate) => candidate.decisionId === decision.id);
      return {
        id: decision.id,
        body: spec.body,
        kind: decision.kind,
        decidedAt: decision.decidedAt,
        defendants: decision.defendants,
        informed: notice ? { at: notice.informedAt, method: notice.method, recordedBy: notice.recordedBy } : null,
        duty: withoutSubject(duties.find((duty) => duty.subjectId === decision.id)),
        reviewWindow: notice ? reviewWindowOf(spec, decision.kind, notice.informedAt) : null,
      };
    });
  }

  /** The crime's decisions of one body (or the one asked for), oldest first, naming defendants by reference. */
  async decisionsOf(tx: EntityManager, spec: DecisionBodySpec, crimeId: string, decisionId?: string): Promise<DecisionResponse[]> {
    const rows: Array<Omit<DecisionResponse, 'body'>> = await tx.query(
      `SELECT d.id, d.crime_id AS "crimeId", d.kind, d.decided_at AS "decidedAt", d.recorded_by AS "recordedBy", d.created_at AS "createdAt", d.version,
              COALESCE(json_agg(json_build_object('id', f.id, 'reference', f.reference) ORDER BY f.reference) FILTER (WHERE f.id IS NOT NULL), '[]') AS defendants
         FROM ${spec.table} d
         LEFT JOIN ${spec.defendantLinks} l ON l.decision_id = d.id
         LEFT JOIN defendants f ON f.id = l.defendant_id
        WHERE d.crime_id = $1 AND ($2::uuid IS NULL OR d.id = $2)
        GROUP BY d.id
        ORDER BY d.decided_at, d.created_at`,
      [crimeId, decisionId ?? null],
    );
    return rows.map((row) => ({ ...row, body: spec.body }));
  }

  private async noticesOf(tx: EntityManager, spec: DecisionBodySpec, decisionIds: string[], journeyId?: string): Promise<NoticeRow[]> {
    if (decisionIds.length === 0) return [];
    return tx.query(
      `SELECT ${spec.noticeColumn} AS "decisionId", journey_id AS "journeyId", informed_at AS "informedAt", method, recorded_by AS "recordedBy"
         FROM decision_notices WHERE ${spec.noticeColumn} = ANY($1::uuid[]) AND ($2::uuid IS NULL OR journey_id = $2)`,
      [decisionIds, journeyId ?? null],
    );
  }

  private async checkDefendantsOnCrime(tx: EntityManager, crimeId: string, defendantIds: string[]): Promise<void> {
    if (defendantIds.length === 0) return;
    const found: Array<{ id: string }> = await tx.query(`SELECT id FROM defendants WHERE crime_id = $1 AND id = ANY($2::uuid[])`, [crimeId, defendantIds]);
    const missing = defendantIds.filter((id) => !found.some((row) => row.id === id));
    if (missing.length > 0) {
      throw InvestigationError.of('DEFENDANT_NOT_ON_CRIME', 'Add the defendant to this crime first, or name the defendants of this crime', { defendantIds: missing });
    }
  }
}
