import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { Clock, futureInstantProblems } from '../app/clock.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { codeEvent } from '../journeys/journey-events.js';
import { JourneyWork } from '../journeys/journey-work.js';
import { dutiesAbout, withoutSubject } from './code-duties.js';
import { DECISION_BODY, reviewWindowOf, type DecisionBodySpec } from './decision-bodies.js';
import type { DecisionNoticeResponse, RecordInformedRequest } from './dto/decision.dto.js';
import { InvestigationError } from './investigation.errors.js';
import type { DecisionBody, InformedMethod } from './investigation-vocabulary.js';

export interface NoticeAnswer {
  body: DecisionNoticeResponse;
  /** The victim was already recorded as told, exactly so: nothing new was recorded. */
  repeated: boolean;
  journeyVersion: number;
}

interface NoticeRow {
  id: string;
  journeyId: string;
  decisionId: string;
  informedAt: Date;
  method: InformedMethod;
  recordedBy: string;
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
        const [decision]: Array<{ id: string; kind: string; decided_at: Date }> = await tx.query(
          `SELECT d.id, d.kind, d.decided_at FROM ${spec.table} d JOIN journeys j ON j.crime_id = d.crime_id WHERE d.id = $1 AND j.id = $2`,
          [decisionId, journey.id],
        );
        if (!decision) throw InvestigationError.of('DECISION_NOT_ON_CRIME', `No ${body} decision ${decisionId} on this journey’s crime`);
        if (informedAt < new Date(decision.decided_at)) {
          throw validationFailed([{ field: 'informedAt', message: `must not be before the decision (${new Date(decision.decided_at).toISOString()})` }]);
        }

        const earlier = await this.noticeOf(tx, spec, journey.id, decision.id);
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
        const [{ id }]: Array<{ id: string }> = await tx.query(
          `INSERT INTO decision_notices (area_id, journey_id, ${spec.noticeColumn}, informed_at, method, event_id, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [journey.areaId, journey.id, decision.id, informedAt, request.method, change.events[0].id, actor.userId],
        );
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: 'decision_notice',
          entityId: id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, about: spec.about, decisionId: decision.id, method: request.method },
        });
        const notice = (await this.noticeOf(tx, spec, journey.id, decision.id))!;
        return { body: await this.view(tx, spec, decision.kind, notice), repeated: false, journeyVersion: change.journey.version };
      },
      { onClosedJourney: true },
    );
  }

  private async noticeOf(tx: EntityManager, spec: DecisionBodySpec, journeyId: string, decisionId: string): Promise<NoticeRow | undefined> {
    const [row]: NoticeRow[] = await tx.query(
      `SELECT id, journey_id AS "journeyId", ${spec.noticeColumn} AS "decisionId", informed_at AS "informedAt", method, recorded_by AS "recordedBy"
         FROM decision_notices WHERE journey_id = $1 AND ${spec.noticeColumn} = $2`,
      [journeyId, decisionId],
    );
    return row;
  }

  private async view(tx: EntityManager, spec: DecisionBodySpec, kind: string, notice: NoticeRow): Promise<DecisionNoticeResponse> {
    const [duty] = await dutiesAbout(tx, notice.journeyId, [spec.informRule], spec.about, [notice.decisionId]);
    return {
      ...notice,
      body: spec.body,
      duty: withoutSubject(duty),
      reviewWindow: reviewWindowOf(spec, kind, notice.informedAt),
    };
  }
}
