import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { Clock, futureInstantProblems } from '../app/clock.js';
import type { FieldProblem } from '../app/domain-error.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { CrimeWork, partnerRetry, type CrimeAnswer } from '../crimes/crime-work.js';
import { JourneyWork } from '../journeys/journey-work.js';
import { CodeDutiesRepository, withoutSubject } from './code-duties.repository.js';
import { DECISION_BODY, reviewWindowOf, type DecisionBodySpec } from './decision-bodies.js';
import { DecisionNoticesRepository } from './decision-notices.repository.js';
import { DecisionsRepository } from './decisions.repository.js';
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
import type { DecisionBody } from './investigation-vocabulary.js';

type DecisionRequest = RecordPoliceDecisionRequest | RecordCpsDecisionRequest;

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
    private readonly decisions: DecisionsRepository,
    private readonly notices: DecisionNoticesRepository,
    private readonly duties: CodeDutiesRepository,
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
        await this.decisions.insert(tx, spec, { id, areaId: crime.areaId, crimeId: crime.id, kind: request.kind, decidedAt, defendantIds, recordedBy: actor.userId });
        if (body === 'police' && request.kind === 'charged') await this.decisions.charge(tx, defendantIds, decidedAt);
        const changes = await this.crimeWork.recordOnJourneys(tx, actor, crime, () => ({ events: [spec.decisionMade(id, request.kind, decidedAt)] }));
        const journeysTold = changes.map(({ journey }) => ({ id: journey.id, reference: journey.reference }));
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: `${body}_decision`,
          entityId: id,
          areaId: crime.areaId,
          details: { crimeId: crime.id, kind: request.kind, defendantIds, journeyIds: journeysTold.map((journey) => journey.id) },
        });
        const [decision] = await this.decisions.decisionsOf(tx, spec, crime.id, id);
        return { ...decision, journeysTold };
    });
  }

  /** Every decision on the crime, with which of its victims and witnesses have been told. */
  forCrime(actor: Actor, crimeId: string): Promise<CrimeDecisionsResponse> {
    return this.crimeWork.read(actor, crimeId, 'decisions', async (tx, crime) => {
      const journeys = await this.decisions.journeysOnCrime(tx, crime.id);
      const answer: CrimeDecisionsResponse = { police: [], cps: [] };
      for (const spec of Object.values(DECISION_BODY)) {
        const decisions = await this.decisions.decisionsOf(tx, spec, crime.id);
        const notices = await this.notices.noticesOf(tx, spec, decisions.map((decision) => decision.id));
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
      const crimeId = await this.decisions.crimeOfJourney(tx, journey.id);
      const items: JourneyDecisionView[] = [];
      for (const spec of Object.values(DECISION_BODY)) {
        const decisions = await this.decisions.decisionsOf(tx, spec, crimeId);
        items.push(...(await this.asToldTo(tx, spec, journey.id, decisions)));
      }
      items.sort((a, b) => new Date(a.decidedAt).getTime() - new Date(b.decidedAt).getTime() || a.body.localeCompare(b.body));
      return { items };
    });
  }

  /** The decisions as one journey stands with them. */
  async asToldTo(tx: EntityManager, spec: DecisionBodySpec, journeyId: string, decisions: DecisionResponse[]): Promise<JourneyDecisionView[]> {
    const notices = await this.notices.noticesOf(tx, spec, decisions.map((decision) => decision.id), journeyId);
    const duties = await this.duties.about(tx, journeyId, [spec.informRule], spec.about, decisions.map((decision) => decision.id));
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

  private async checkDefendantsOnCrime(tx: EntityManager, crimeId: string, defendantIds: string[]): Promise<void> {
    if (defendantIds.length === 0) return;
    const missing = await this.decisions.defendantsNotOnCrime(tx, crimeId, defendantIds);
    if (missing.length > 0) {
      throw InvestigationError.of('DEFENDANT_NOT_ON_CRIME', 'Add the defendant to this crime first, or name the defendants of this crime', { defendantIds: missing });
    }
  }
}
