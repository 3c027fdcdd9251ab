import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { codeEvent, serviceEvent } from '../journeys/journey-events.js';
import { JourneyWork } from '../journeys/journey-work.js';
import type { CommandAnswer } from './command-answer.js';
import type {
  AcknowledgeComplaintRequest,
  ComplaintResponse,
  ComplaintsResponse,
  EscalateComplaintRequest,
  RecordComplaintRequest,
  RespondToComplaintRequest,
} from './dto/complaint.dto.js';
import { AfterOutcomeError } from './after-outcome.errors.js';
import { ComplaintsRepository, type ComplaintChanges } from './complaints.repository.js';
import { VersionedRowSteps, type RowStep } from './versioned-row-steps.js';

/**
 * Complaints that a right was not met (Code right 12), through the process of the
 * organisation complained about: received (opening its acknowledgement and response
 * duties), acknowledged, responded to, escalated to its next stage or to the Ombudsman.
 * A complaint may come after support closed. Its summary, the only free text, never goes
 * on the timeline or in the audit log.
 */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly steps: VersionedRowSteps,
    private readonly complaints: ComplaintsRepository,
  ) {}

  async record(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: RecordComplaintRequest): Promise<CommandAnswer<ComplaintResponse>> {
    const receivedAt = new Date(request.receivedAt);
    const problems = this.work.notInFuture('receivedAt', receivedAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        const id = randomUUID();
        await this.complaints.insert(tx, {
          id,
          areaId: journey.areaId,
          journeyId: journey.id,
          against: request.against,
          receivedAt,
          receivedVia: request.receivedVia ?? null,
          rightsConcerned: request.rightsConcerned ?? [],
          summary: request.summary ?? null,
          createdBy: actor.userId,
        });
        await this.ledger.record(tx, actor, journey, [codeEvent('complaint.received', receivedAt, { complaintId: id, against: request.against }, { receivedAt })]);
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: 'complaint',
          entityId: id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, against: request.against, rightsConcerned: request.rightsConcerned ?? [] },
        });
        const complaint = (await this.complaints.byId(tx, id, journey.id))!;
        return { body: complaint, version: complaint.version };
      },
      { onClosedJourney: true },
    );
  }

  acknowledge(actor: Actor, journeyId: string, complaintId: string, expectedVersion: number, request: AcknowledgeComplaintRequest): Promise<ComplaintResponse> {
    const acknowledgedAt = new Date(request.acknowledgedAt);
    return this.change(actor, journeyId, complaintId, expectedVersion, 'acknowledgedAt', acknowledgedAt, (complaint) => {
      if (complaint.status !== 'received') {
        throw AfterOutcomeError.of('COMPLAINT_ALREADY_ACKNOWLEDGED', `The complaint is already ${complaint.status}`);
      }
      if (acknowledgedAt < complaint.receivedAt) throw validationFailed([{ field: 'acknowledgedAt', message: 'must not be before the complaint was received' }]);
      return {
        changes: { status: 'acknowledged', acknowledgedAt },
        event: codeEvent('complaint.acknowledged', acknowledgedAt, { complaintId }),
        details: { status: 'acknowledged' },
      };
    });
  }

  respond(actor: Actor, journeyId: string, complaintId: string, expectedVersion: number, request: RespondToComplaintRequest): Promise<ComplaintResponse> {
    const respondedAt = new Date(request.respondedAt);
    return this.change(actor, journeyId, complaintId, expectedVersion, 'respondedAt', respondedAt, (complaint) => {
      if (complaint.respondedAt) throw AfterOutcomeError.of('COMPLAINT_ALREADY_RESPONDED', 'The complaint’s response is already recorded');
      const after = complaint.acknowledgedAt ?? complaint.receivedAt;
      if (respondedAt < after) {
        throw validationFailed([{ field: 'respondedAt', message: `must not be before the complaint was ${complaint.acknowledgedAt ? 'acknowledged' : 'received'}` }]);
      }
      // A response sent late, after the victim escalated, keeps the complaint escalated.
      const status = complaint.status === 'escalated' ? 'escalated' : 'responded';
      return {
        changes: { status, respondedAt, finding: request.finding },
        event: codeEvent('complaint.responded', respondedAt, { complaintId }),
        details: { status, finding: request.finding },
      };
    });
  }

  escalate(actor: Actor, journeyId: string, complaintId: string, expectedVersion: number, request: EscalateComplaintRequest): Promise<ComplaintResponse> {
    const escalatedAt = new Date(request.escalatedAt);
    return this.change(actor, journeyId, complaintId, expectedVersion, 'escalatedAt', escalatedAt, (complaint) => {
      if (complaint.escalatedTo === 'ombudsman') throw AfterOutcomeError.of('COMPLAINT_AT_OMBUDSMAN', 'The Ombudsman is the last stage');
      const overdue = complaint.respondBy !== null && escalatedAt > new Date(complaint.respondBy);
      if (!complaint.respondedAt && !overdue) {
        throw AfterOutcomeError.of('COMPLAINT_NOT_RESPONDED', 'A complaint is escalated once the organisation has responded, or once its response is overdue');
      }
      const after = complaint.escalatedAt ?? complaint.respondedAt ?? complaint.receivedAt;
      if (escalatedAt < after) throw validationFailed([{ field: 'escalatedAt', message: 'must not be before the complaint’s last step' }]);
      return {
        changes: { status: 'escalated', escalatedTo: request.to, escalatedAt },
        event: serviceEvent('complaint.escalated', escalatedAt, { complaintId, to: request.to }),
        details: { status: 'escalated', escalatedTo: request.to },
      };
    });
  }

  list(actor: Actor, journeyId: string): Promise<ComplaintsResponse> {
    return this.work.read(actor, journeyId, 'complaints', async (tx) => ({
      items: await this.complaints.ofJourney(tx, journeyId),
    }));
  }

  /** One step of the organisation's process on a complaint. */
  private async change(
    actor: Actor,
    journeyId: string,
    complaintId: string,
    expectedVersion: number,
    field: string,
    at: Date,
    decide: (complaint: ComplaintResponse) => RowStep<ComplaintChanges>,
  ): Promise<ComplaintResponse> {
    const problems = this.work.notInFuture(field, at);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      undefined,
      (tx, journey) =>
        this.steps.apply(tx, actor, journey, this.complaints, {
          entityType: 'complaint',
          id: complaintId,
          expectedVersion,
          what: 'The complaint',
          decide,
        }),
      { onClosedJourney: true },
    );
  }

}
