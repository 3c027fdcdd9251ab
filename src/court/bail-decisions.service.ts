import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { CrimeWork, type CrimeAnswer, type PartnerRetry } from '../crimes/crime-work.js';
import { codeEvent } from '../journeys/journey-events.js';
import { receiptProblems, receivedAtOf } from '../journeys/receipt.js';
import { JourneysService } from '../journeys/journeys.service.js';
import { BailDecisionsRepository } from './bail-decisions.repository.js';
import { CourtError } from './court.errors.js';
import { CourtRecords } from './court-records.repository.js';
import { CourtWork } from './court-work.js';
import type { RecordBailDecisionRequest } from './dto/court-requests.dto.js';
import type { BailDecisionResponse, BailDecisionsResponse } from './dto/court-views.dto.js';

/** The court's bail decisions on a defendant, which each victim must be told of (Code right 6: 5 working days, 1 enhanced). */
@Injectable()
export class BailDecisionsService {
  constructor(
    private readonly work: CourtWork,
    private readonly crimeWork: CrimeWork,
    private readonly records: CourtRecords,
    private readonly bailDecisions: BailDecisionsRepository,
    private readonly journeys: JourneysService,
    private readonly audit: AuditService,
  ) {}

  record(actor: Actor, crimeId: string, request: RecordBailDecisionRequest, retry: PartnerRetry | null): Promise<CrimeAnswer<BailDecisionResponse>> {
    const decidedAt = new Date(request.decidedAt);
    // Optional from people too: bail news was not in issue 16's list of hand-keyed receipts.
    this.work.check([...this.work.notInFuture({ decidedAt }), ...receiptProblems(actor, decidedAt, request.receivedAt, this.work.now(), { requiredFromPeople: false })]);
    const receivedAt = receivedAtOf(request.receivedAt, this.work.now());
    return this.work.onCrime(actor, crimeId, retry, 201, async (tx, crime) => {
      if ((await this.records.defendantsNotOnCrime(tx, crime.id, [request.defendantId])).length > 0) {
        throw CourtError.of('DEFENDANT_NOT_ON_CRIME', 'Choose a defendant on this crime', { field: 'defendantId' });
      }
      const id = randomUUID();
      await this.bailDecisions.insert(tx, {
        id,
        areaId: crime.areaId,
        crimeId: crime.id,
        defendantId: request.defendantId,
        kind: request.kind,
        decidedAt,
        receivedAt,
        recordedBy: actor.userId,
      });
      const changes = await this.crimeWork.recordOnJourneys(tx, actor, crime, () => ({
        events: [codeEvent('court.bail-decision', decidedAt, { bailDecisionId: id, kind: request.kind }, { receivedAt })],
      }));
      await this.audit.record(tx, actor, {
        action: 'create',
        entityType: 'bail_decision',
        entityId: id,
        areaId: crime.areaId,
        details: { crimeId: crime.id, defendantId: request.defendantId, kind: request.kind, journeyIds: changes.map((c) => c.journey.id) },
      });
      const [decision] = await this.records.bailDecisions(tx, crime.id, { bailDecisionId: id });
      return decision;
    });
  }

  forCrime(actor: Actor, crimeId: string): Promise<BailDecisionsResponse> {
    return this.crimeWork.read(actor, crimeId, 'bail_decisions', async (tx, crime) => ({ items: await this.records.bailDecisions(tx, crime.id) }));
  }

  forJourney(actor: Actor, journeyId: string): Promise<BailDecisionsResponse> {
    return this.journeys.readInScope(actor, journeyId, 'bail_decisions', async (tx, journey) => ({
      items: await this.records.bailDecisions(tx, journey.crimeId, { journeyId: journey.id }),
    }));
  }
}
