import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { victimWindowCloses } from '../../libs/victims-code/src/index.js';
import type { Actor } from '../access/actor.js';
import { Clock, futureInstantProblems } from '../app/clock.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import type { JourneyRef } from '../journeys/journey-ref.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { codeEvent } from '../journeys/journey-events.js';
import { receiptProblems, receivedAtOf } from '../journeys/receipt.js';
import { JourneyWork } from '../journeys/journey-work.js';
import { CodeDutiesRepository, withoutSubject } from './code-duties.repository.js';
import { DecisionNoticesRepository } from './decision-notices.repository.js';
import { DecisionsRepository } from './decisions.repository.js';
import type {
  AcknowledgePoliceVrrRequest,
  DecidePoliceVrrRequest,
  PoliceVrrRequestResponse,
  PoliceVrrRequestsResponse,
  RequestPoliceVrrRequest,
} from './dto/vrr.dto.js';
import { InvestigationError } from './investigation.errors.js';
import { DECISION_BODY } from './decision-bodies.js';
import { VrrRequestsRepository, type VrrAnswer, type VrrRequestRow } from './vrr-requests.repository.js';

const VRR_RULES = ['police.vrr-acknowledge', 'police.vrr-decide'];

/**
 * A victim's request for a police Victims' Right to Review of a decision not to charge,
 * and the police's acknowledgement (10 working days) and decision (30). The NPCC scheme
 * asks for requests within 3 months of the victim being told, but considers later ones in
 * exceptional circumstances: a late request is recorded, flagged, and still owed answers.
 */
@Injectable()
export class PoliceVrrService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly decisions: DecisionsRepository,
    private readonly notices: DecisionNoticesRepository,
    private readonly requests: VrrRequestsRepository,
    private readonly duties: CodeDutiesRepository,
  ) {}

  request(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: RequestPoliceVrrRequest): Promise<{ body: PoliceVrrRequestResponse; journeyVersion: number }> {
    const requestedAt = new Date(request.requestedAt);
    this.notInFuture('requestedAt', requestedAt);
    const receipt = receiptProblems(actor, requestedAt, request.receivedAt, this.clock.now());
    if (receipt.length > 0) throw validationFailed(receipt);
    const receivedAt = receivedAtOf(request.receivedAt, this.clock.now());
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        const decision = await this.decisions.onJourneyCrime(tx, DECISION_BODY.police, request.decisionId, journey.id);
        if (!decision) throw InvestigationError.of('DECISION_NOT_ON_CRIME', `No police decision ${request.decisionId} on this journey’s crime`);
        if (!DECISION_BODY.police.reviewable.includes(decision.kind)) {
          throw InvestigationError.of('DECISION_NOT_REVIEWABLE', `A ${decision.kind} decision is not a decision not to charge; the scheme covers ${DECISION_BODY.police.reviewable.join(', ')}`);
        }
        if (requestedAt < decision.decidedAt) {
          throw validationFailed([{ field: 'requestedAt', message: 'must not be before the decision it asks to review' }]);
        }
        if (await this.requests.exists(tx, journey.id, decision.id)) throw InvestigationError.of('VRR_ALREADY_REQUESTED', 'Record the acknowledgement or the decision on the existing request');

        // The window opens when the victim is told of the decision; until then nothing is late.
        const told = await this.notices.noticeOf(tx, DECISION_BODY.police, journey.id, decision.id);
        const windowClosesAt = told ? victimWindowCloses('police.victims-right-to-review', new Date(told.informedAt)).closesAt : null;
        const late = windowClosesAt !== null && requestedAt > windowClosesAt;

        const id = randomUUID();
        await this.requests.insert(tx, {
          id,
          areaId: journey.areaId,
          journeyId: journey.id,
          decisionId: decision.id,
          requestedAt,
          receivedAt,
          late,
          windowClosesAt,
          recordedBy: actor.userId,
        });
        const change = await this.ledger.record(tx, actor, journey, [codeEvent('vrr.police-requested', requestedAt, { requestId: id }, { receivedAt })]);
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: 'vrr_request',
          entityId: id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, decisionId: decision.id, late },
        });
        return { body: await this.view(tx, journey.id, id), journeyVersion: change.journey.version };
      },
      { onClosedJourney: true },
    );
  }

  acknowledge(actor: Actor, journeyId: string, requestId: string, expectedVersion: number, request: AcknowledgePoliceVrrRequest): Promise<PoliceVrrRequestResponse> {
    const at = new Date(request.at);
    this.notInFuture('at', at);
    return this.answer(actor, journeyId, requestId, async (tx, journey, current) => {
      if (current.status !== 'requested') throw alreadyAnswered(current.status);
      if (at < new Date(current.requestedAt)) throw validationFailed([{ field: 'at', message: 'must not be before the request' }]);
      await this.requests.answer(tx, requestId, expectedVersion, { status: 'acknowledged', at });
      await this.ledger.record(tx, actor, journey, [codeEvent('vrr.police-acknowledged', at, { requestId })]);
      return { status: 'acknowledged' };
    });
  }

  decide(actor: Actor, journeyId: string, requestId: string, expectedVersion: number, request: DecidePoliceVrrRequest): Promise<PoliceVrrRequestResponse> {
    const at = new Date(request.at);
    this.notInFuture('at', at);
    return this.answer(actor, journeyId, requestId, async (tx, journey, current) => {
      if (current.status === 'decided') throw alreadyAnswered(current.status);
      if (at < new Date(current.acknowledgedAt ?? current.requestedAt)) {
        throw validationFailed([{ field: 'at', message: 'must not be before the request or its acknowledgement' }]);
      }
      await this.requests.answer(tx, requestId, expectedVersion, { status: 'decided', at, outcome: request.outcome } satisfies VrrAnswer);
      await this.ledger.record(tx, actor, journey, [codeEvent('vrr.police-decided', at, { requestId })]);
      return { status: 'decided', outcome: request.outcome };
    });
  }

  list(actor: Actor, journeyId: string): Promise<PoliceVrrRequestsResponse> {
    return this.work.read(actor, journeyId, 'police_vrr_requests', async (tx, journey) => {
      const items: PoliceVrrRequestResponse[] = [];
      for (const id of await this.requests.idsOf(tx, journey.id)) items.push(await this.view(tx, journey.id, id));
      return { items };
    });
  }

  /** The frame of the police's answers: the journey and the request locked, the change audited. */
  private answer(
    actor: Actor,
    journeyId: string,
    requestId: string,
    change: (tx: EntityManager, journey: JourneyRef, current: VrrRequestRow) => Promise<Record<string, string>>,
  ): Promise<PoliceVrrRequestResponse> {
    return this.work.command(
      actor,
      journeyId,
      undefined,
      async (tx, journey) => {
        const current = await this.requests.lock(tx, journey.id, requestId);
        if (!current) throw notFound('The review request');
        const details = await change(tx, journey, current);
        await this.audit.record(tx, actor, { action: 'update', entityType: 'vrr_request', entityId: requestId, areaId: journey.areaId, details: { journeyId: journey.id, ...details } });
        return this.view(tx, journey.id, requestId);
      },
      { onClosedJourney: true },
    );
  }

  private async view(tx: EntityManager, journeyId: string, requestId: string): Promise<PoliceVrrRequestResponse> {
    const row = await this.requests.byId(tx, requestId);
    const duties = await this.duties.about(tx, journeyId, VRR_RULES, 'vrr_request', [requestId]);
    return { ...row, duties: duties.map((duty) => withoutSubject(duty)!) };
  }

  private notInFuture(field: string, at: Date): void {
    const problems = futureInstantProblems({ [field]: at }, this.clock.now());
    if (problems.length > 0) throw validationFailed(problems);
  }
}

function alreadyAnswered(status: string) {
  return status === 'decided'
    ? InvestigationError.of('VRR_ALREADY_DECIDED', 'The review has its outcome already')
    : InvestigationError.of('VRR_ALREADY_ACKNOWLEDGED', 'The request is acknowledged already; record the decision next');
}
