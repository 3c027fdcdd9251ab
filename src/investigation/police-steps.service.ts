import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { Clock, futureInstantProblems } from '../app/clock.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { codeEvent } from '../journeys/journey-events.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { JourneyWork } from '../journeys/journey-work.js';
import type { PoliceStepResponse, RecordPoliceStepRequest } from './dto/police-step.dto.js';

/** The police's steps with one victim that the Code reads, as timeline events. */
export type PoliceStep = 'police.witness-statement-given' | 'police.crime-report-acknowledged';

/**
 * Steps the police take with a victim that the Victims' Code reads: the victim gave a
 * witness statement (right 7: the Victim Personal Statement is offered then, or at charge,
 * whichever comes first, so it opens `support.vps-offer`), and the written acknowledgement
 * of the crime report (right 3: no national timescale, so a recorded step that owes
 * nothing). Accepted on a closed journey: these are the police's, not victim support's.
 */
@Injectable()
export class PoliceStepsService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  record(actor: Actor, journeyId: string, expectedVersion: number | undefined, type: PoliceStep, request: RecordPoliceStepRequest): Promise<PoliceStepResponse> {
    const at = new Date(request.at);
    const problems = futureInstantProblems({ at }, this.clock.now());
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        const change = await this.ledger.record(tx, actor, journey, [codeEvent(type, at, {})]);
        const [event] = change.events;
        await this.audit.record(tx, actor, {
          action: 'update',
          entityType: 'journey',
          entityId: journey.id,
          areaId: journey.areaId,
          details: { recorded: type, eventId: event.id },
        });
        return { eventId: event.id, type, at, recordedAt: this.clock.now(), journeyVersion: change.journey.version };
      },
      { onClosedJourney: true },
    );
  }
}
