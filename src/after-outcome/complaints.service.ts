import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
import { VersionedRowSteps, type RowStep } from './versioned-row-steps.js';

// The deadlines are the duties' (complaint.acknowledge, complaint.respond), keyed by the complaint.
const COMPLAINT_COLUMNS = `c.id, c.journey_id AS "journeyId", c.against, c.received_at AS "receivedAt", c.received_via AS "receivedVia",
  c.rights_concerned AS "rightsConcerned", c.summary, c.status,
  (SELECT d.due_at FROM duties d WHERE d.journey_id = c.journey_id AND d.key = 'complaint.acknowledge|complaint:' || c.id) AS "acknowledgeBy",
  (SELECT d.due_at FROM duties d WHERE d.journey_id = c.journey_id AND d.key = 'complaint.respond|complaint:' || c.id) AS "respondBy",
  c.acknowledged_at AS "acknowledgedAt", c.responded_at AS "respondedAt", c.finding, c.escalated_to AS "escalatedTo",
  c.escalated_at AS "escalatedAt", c.created_by AS "createdBy", c.version`;

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
        await tx.query(
          `INSERT INTO complaints (id, area_id, journey_id, against, received_at, received_via, rights_concerned, summary, status, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7::smallint[], $8, 'received', $9)`,
          [id, journey.areaId, journey.id, request.against, receivedAt, request.receivedVia ?? null, request.rightsConcerned ?? [], request.summary ?? null, actor.userId],
        );
        await this.ledger.record(tx, actor, journey, [codeEvent('complaint.received', receivedAt, { complaintId: id, against: request.against }, { receivedAt })]);
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: 'complaint',
          entityId: id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, against: request.against, rightsConcerned: request.rightsConcerned ?? [] },
        });
        const complaint = (await this.byId(tx, id, journey.id))!;
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
        changes: { status: 'acknowledged', acknowledged_at: acknowledgedAt },
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
        changes: { status, responded_at: respondedAt, finding: request.finding },
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
        changes: { status: 'escalated', escalated_to: request.to, escalated_at: escalatedAt },
        event: serviceEvent('complaint.escalated', escalatedAt, { complaintId, to: request.to }),
        details: { status: 'escalated', escalatedTo: request.to },
      };
    });
  }

  list(actor: Actor, journeyId: string): Promise<ComplaintsResponse> {
    return this.work.read(actor, journeyId, 'complaints', async (tx) => ({
      items: await tx.query(`SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE c.journey_id = $1 ORDER BY c.received_at DESC, c.created_at DESC`, [journeyId]),
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
    decide: (complaint: ComplaintResponse) => RowStep,
  ): Promise<ComplaintResponse> {
    const problems = this.work.notInFuture(field, at);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      undefined,
      (tx, journey) =>
        this.steps.apply<ComplaintResponse>(tx, actor, journey, {
          table: 'complaints',
          entityType: 'complaint',
          id: complaintId,
          expectedVersion,
          what: 'The complaint',
          read: () => this.byId(tx, complaintId, journey.id),
          decide,
        }),
      { onClosedJourney: true },
    );
  }

  private async byId(tx: EntityManager, id: string, journeyId: string): Promise<ComplaintResponse | undefined> {
    const [complaint]: ComplaintResponse[] = await tx.query(`SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE c.id = $1 AND c.journey_id = $2`, [id, journeyId]);
    return complaint;
  }
}
