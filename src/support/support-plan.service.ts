import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import type { FieldProblem } from '../app/domain-error.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { serviceEvent } from '../journeys/journey-events.js';
import type { AddSupportActionRequest, SupportActionResponse, SupportActionsResponse, UpdateSupportActionRequest } from './dto/support-action.dto.js';
import { SupportPlanRepository, type SupportActionChanges } from './support-plan.repository.js';
import { JourneyWork } from '../journeys/journey-work.js';
import { SupportError } from './support.errors.js';

/** The victim's support plan: actions with an owner (a worker, an agency or both) and a due date. */
@Injectable()
export class SupportPlanService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly actions: SupportPlanRepository,
  ) {}

  async add(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: AddSupportActionRequest): Promise<{ body: SupportActionResponse; version: number }> {
    if (!request.ownerUserId && !request.ownerOrganisationId) {
      throw validationFailed([{ field: 'ownerUserId', message: 'give ownerUserId or ownerOrganisationId (or both)' }]);
    }
    return this.work.command(actor, journeyId, expectedVersion, async (tx, journey) => {
      await this.checkOwners(tx, journey.areaId, { userId: request.ownerUserId, organisationId: request.ownerOrganisationId }, { userId: 'ownerUserId', organisationId: 'ownerOrganisationId' });
      const id = randomUUID();
      const action = await this.actions.insert(tx, {
        id,
        areaId: journey.areaId,
        journeyId: journey.id,
        description: request.description,
        ownerUserId: request.ownerUserId ?? null,
        ownerOrganisationId: request.ownerOrganisationId ?? null,
        dueOn: request.dueOn,
        createdBy: actor.userId,
      });
      const change = await this.ledger.record(tx, actor, journey, [serviceEvent('support-plan.action-added', this.work.now(), { actionId: id, status: 'open' })]);
      await this.audit.record(tx, actor, { action: 'create', entityType: 'support_action', entityId: id, areaId: journey.areaId, details: { journeyId: journey.id } });
      return { body: action, version: change.journey.version };
    });
  }

  async update(actor: Actor, journeyId: string, actionId: string, expectedVersion: number, request: UpdateSupportActionRequest): Promise<SupportActionResponse> {
    const changed = (['description', 'dueOn', 'owner', 'status'] as const).filter((field) => request[field] !== undefined);
    const problems: FieldProblem[] = [];
    if (changed.length === 0) problems.push({ field: 'status', message: 'send at least one of description, dueOn, owner, status' });
    if (request.owner && !request.owner.userId && !request.owner.organisationId) {
      problems.push({ field: 'owner', message: 'give userId or organisationId (or both)' });
    }
    if (problems.length > 0) throw validationFailed(problems);

    return this.work.command(actor, journeyId, undefined, async (tx, journey) => {
      const current = await this.actions.lock(tx, journey.id, actionId);
      if (!current) throw notFound('The support action');
      if (current.status !== 'open') {
        throw SupportError.of('SUPPORT_ACTION_FINISHED', `The action is ${current.status}; add a new action instead`);
      }
      if (request.owner) await this.checkOwners(tx, journey.areaId, request.owner, { userId: 'owner.userId', organisationId: 'owner.organisationId' });
      const now = this.work.now();
      const changes: SupportActionChanges = {};
      if (request.description !== undefined) changes.description = request.description;
      if (request.dueOn !== undefined) changes.dueOn = request.dueOn;
      if (request.owner) changes.owner = { userId: request.owner.userId ?? null, organisationId: request.owner.organisationId ?? null };
      if (request.status) {
        changes.status = request.status;
        changes.completedAt = request.status === 'done' ? now : null;
      }
      await this.actions.update(tx, actionId, expectedVersion, changes);
      const status = request.status ?? current.status;
      await this.ledger.record(tx, actor, journey, [serviceEvent('support-plan.action-updated', now, { actionId, status, changed })]);
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'support_action',
        entityId: actionId,
        areaId: journey.areaId,
        details: { journeyId: journey.id, fields: changed, status },
      });
      return this.actions.byId(tx, actionId);
    });
  }

  list(actor: Actor, journeyId: string): Promise<SupportActionsResponse> {
    return this.work.read(actor, journeyId, 'support_actions', async (tx) => ({
      items: await this.actions.list(tx, journeyId),
    }));
  }

  /**
   * An action's owners must be real: a worker not disabled, who works on journeys (a case
   * role) in the journey's area, so nobody of another area or a commissioner is handed a
   * victim's action; an organisation that exists.
   */
  private async checkOwners(tx: EntityManager, areaId: string, owner: { userId?: string; organisationId?: string }, fields: { userId: string; organisationId: string }): Promise<void> {
    const problems: FieldProblem[] = [];
    if (owner.userId && !(await this.actions.isActiveCaseWorkerInArea(tx, owner.userId, areaId))) {
      problems.push({ field: fields.userId, message: "is not an active worker on journeys in the journey's area" });
    }
    if (owner.organisationId && !(await this.actions.isOrganisation(tx, owner.organisationId))) {
      problems.push({ field: fields.organisationId, message: 'is not a known organisation' });
    }
    if (problems.length > 0) throw validationFailed(problems);
  }
}
