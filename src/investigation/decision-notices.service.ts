import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { Clock, futureInstantProblems } from '../app/clock.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { codeEvent } from '../journeys/journey-events.js';
import { JourneyWork } from '../journeys/journey-work.js';
import { CodeDutiesRepository, withoutSubject } from './code-duties.repository.js';
import { DECISION_BODY, reviewWindowOf, type DecisionBodySpec } from './decision-bodies.js';
import { DecisionNoticesRepository, type DecisionNotice } from './decision-notices.repository.js';
import { DecisionsRepository } from './decisions.repository.js';
import type { DecisionNoticeResponse, RecordInformedRequest } from './dto/decision.dto.js';
import { InvestigationError } from './investigation.errors.js';
import type { DecisionBody } from './investigation-vocabulary.js';

export interface NoticeAnswer {
  body: DecisionNoticeResponse;
  /** The victim was already recorded as told, exactly so: nothing new was recorded. */
  repeated: boolean;
  journeyVersion: number;
}

/**
 * "The victim was told of this decision": the victim.informed event that names the decision,
 * so it meets exactly that decision's duty and no other. The right to be told is the
 * victim's, so it is recorded on a journey whose support has closed too.
 */
@Injectable()
export class DecisionNoticesService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly decisions: DecisionsRepository,
    private readonly notices: DecisionNoticesRepository,
    private readonly duties: CodeDutiesRepository,
  ) {}

  inform(actor: Actor, body: DecisionBody, journeyId: string, decisionId: string, expectedVersion: number | undefined, request: RecordInformedRequest): Promise<NoticeAnswer> {
    const spec = DECISION_BODY[body];
    const informedAt = new Date(request.informedAt);
    const problems = futureInstantProblems({ informedAt }, this.clock.now());
    if (problems.length > 0) throw validationFailed(problems);

    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        const decision = await this.decisions.onJourneyCrime(tx, spec, decisionId, journey.id);
        if (!decision) throw InvestigationError.of('DECISION_NOT_ON_CRIME', `No ${body} decision ${decisionId} on this journey’s crime`);
        if (informedAt < decision.decidedAt) {
          throw validationFailed([{ field: 'informedAt', message: `must not be before the decision (${decision.decidedAt.toISOString()})` }]);
        }

        const earlier = await this.notices.noticeOf(tx, spec, journey.id, decision.id);
        if (earlier) {
          if (earlier.informedAt.getTime() === informedAt.getTime() && earlier.method === request.method) {
            return { body: await this.view(tx, spec, decision.kind, earlier), repeated: true, journeyVersion: journey.version };
          }
          throw InvestigationError.of('ALREADY_INFORMED', 'The victim is recorded as told of this decision already; the first telling is what met the duty', {
            informedAt: earlier.informedAt.toISOString(),
            method: earlier.method,
          });
        }

        const change = await this.ledger.record(tx, actor, journey, [codeEvent('victim.informed', informedAt, { about: spec.about, subjectId: decision.id })]);
        const id = await this.notices.insert(tx, spec, {
          areaId: journey.areaId,
          journeyId: journey.id,
          decisionId: decision.id,
          informedAt,
          method: request.method,
          eventId: change.events[0].id,
          recordedBy: actor.userId,
        });
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: 'decision_notice',
          entityId: id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, about: spec.about, decisionId: decision.id, method: request.method },
        });
        const notice = (await this.notices.noticeOf(tx, spec, journey.id, decision.id))!;
        return { body: await this.view(tx, spec, decision.kind, notice), repeated: false, journeyVersion: change.journey.version };
      },
      { onClosedJourney: true },
    );
  }

  private async view(tx: EntityManager, spec: DecisionBodySpec, kind: string, notice: DecisionNotice): Promise<DecisionNoticeResponse> {
    const [duty] = await this.duties.about(tx, notice.journeyId, [spec.informRule], spec.about, [notice.decisionId]);
    return {
      ...notice,
      body: spec.body,
      duty: withoutSubject(duty),
      reviewWindow: reviewWindowOf(spec, kind, notice.informedAt),
    };
  }
}
