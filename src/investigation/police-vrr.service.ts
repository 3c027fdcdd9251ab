import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { victimWindowCloses } from '../../libs/victims-code/src/index.js';
import type { Actor } from '../access/actor.js';
import { Clock, futureInstantProblems } from '../app/clock.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { updateVersioned } from '../database/versioned-update.js';
import type { JourneyRef } from '../journeys/journey-ref.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { codeEvent } from '../journeys/journey-events.js';
import { receiptProblems, receivedAtOf } from '../journeys/receipt.js';
import { JourneyWork } from '../journeys/journey-work.js';
import { dutiesAbout, withoutSubject } from './code-duties.js';
import type {
  AcknowledgePoliceVrrRequest,
  DecidePoliceVrrRequest,
  PoliceVrrRequestResponse,
  PoliceVrrRequestsResponse,
  RequestPoliceVrrRequest,
} from './dto/vrr.dto.js';
import { InvestigationError } from './investigation.errors.js';
import { DECISION_BODY } from './decision-bodies.js';

const VRR_RULES = ['police.vrr-acknowledge', 'police.vrr-decide'];

const REQUEST_COLUMNS = `id, journey_id AS "journeyId", police_decision_id AS "decisionId", requested_at AS "requestedAt", late,
  window_closes_at AS "windowClosesAt", status, acknowledged_at AS "acknowledgedAt", decided_at AS "decidedAt", outcome,
  recorded_by AS "recordedBy", version`;

type RequestRow = Omit<PoliceVrrRequestResponse, 'duties'>;

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
        const [decision]: Array<{ id: string; kind: string; decided_at: Date }> = await tx.query(
          `SELECT d.id, d.kind, d.decided_at FROM police_decisions d JOIN journeys j ON j.crime_id = d.crime_id WHERE d.id = $1 AND j.id = $2`,
          [request.decisionId, journey.id],
        );
        if (!decision) throw InvestigationError.of('DECISION_NOT_ON_CRIME', `No police decision ${request.decisionId} on this journey’s crime`);
        if (!DECISION_BODY.police.reviewable.includes(decision.kind)) {
          throw InvestigationError.of('DECISION_NOT_REVIEWABLE', `A ${decision.kind} decision is not a decision not to charge; the scheme covers ${DECISION_BODY.police.reviewable.join(', ')}`);
        }
        if (requestedAt < new Date(decision.decided_at)) {
          throw validationFailed([{ field: 'requestedAt', message: 'must not be before the decision it asks to review' }]);
        }
        const existing: unknown[] = await tx.query(`SELECT 1 FROM vrr_requests WHERE journey_id = $1 AND police_decision_id = $2`, [journey.id, decision.id]);
        if (existing.length > 0) throw InvestigationError.of('VRR_ALREADY_REQUESTED', 'Record the acknowledgement or the decision on the existing request');

        // The window opens when the victim is told of the decision; until then nothing is late.
        const [told]: Array<{ informed_at: Date }> = await tx.query(
          `SELECT informed_at FROM decision_notices WHERE journey_id = $1 AND police_decision_id = $2`,
          [journey.id, decision.id],
        );
        const windowClosesAt = told ? victimWindowCloses('police.victims-right-to-review', new Date(told.informed_at)).closesAt : null;
        const late = windowClosesAt !== null && requestedAt > windowClosesAt;

        const id = randomUUID();
        await tx.query(
          `INSERT INTO vrr_requests (id, area_id, journey_id, police_decision_id, requested_at, received_at, late, window_closes_at, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [id, journey.areaId, journey.id, decision.id, requestedAt, receivedAt, late, windowClosesAt, actor.userId],
        );
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
      await updateVersioned(tx, { table: 'vrr_requests', id: requestId, expectedVersion, changes: { status: 'acknowledged', acknowledged_at: at }, what: 'The review request' });
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
      await updateVersioned(tx, {
        table: 'vrr_requests',
        id: requestId,
        expectedVersion,
        changes: { status: 'decided', decided_at: at, outcome: request.outcome },
        what: 'The review request',
      });
      await this.ledger.record(tx, actor, journey, [codeEvent('vrr.police-decided', at, { requestId })]);
      return { status: 'decided', outcome: request.outcome };
    });
  }

  list(actor: Actor, journeyId: string): Promise<PoliceVrrRequestsResponse> {
    return this.work.read(actor, journeyId, 'police_vrr_requests', async (tx, journey) => {
      const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM vrr_requests WHERE journey_id = $1 ORDER BY requested_at, created_at`, [journey.id]);
      const items: PoliceVrrRequestResponse[] = [];
      for (const { id } of rows) items.push(await this.view(tx, journey.id, id));
      return { items };
    });
  }

  /** The frame of the police's answers: the journey and the request locked, the change audited. */
  private answer(
    actor: Actor,
    journeyId: string,
    requestId: string,
    change: (tx: EntityManager, journey: JourneyRef, current: RequestRow) => Promise<Record<string, string>>,
  ): Promise<PoliceVrrRequestResponse> {
    return this.work.command(
      actor,
      journeyId,
      undefined,
      async (tx, journey) => {
        const [current]: RequestRow[] = await tx.query(`SELECT ${REQUEST_COLUMNS} FROM vrr_requests WHERE id = $1 AND journey_id = $2 FOR UPDATE`, [
          requestId,
          journey.id,
        ]);
        if (!current) throw notFound('The review request');
        const details = await change(tx, journey, current);
        await this.audit.record(tx, actor, { action: 'update', entityType: 'vrr_request', entityId: requestId, areaId: journey.areaId, details: { journeyId: journey.id, ...details } });
        return this.view(tx, journey.id, requestId);
      },
      { onClosedJourney: true },
    );
  }

  private async view(tx: EntityManager, journeyId: string, requestId: string): Promise<PoliceVrrRequestResponse> {
    const [row]: RequestRow[] = await tx.query(`SELECT ${REQUEST_COLUMNS} FROM vrr_requests WHERE id = $1`, [requestId]);
    const duties = await dutiesAbout(tx, journeyId, VRR_RULES, 'vrr_request', [requestId]);
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
