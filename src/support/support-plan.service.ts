import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { CASE_ROLES } from '../access/roles.js';
import type { FieldProblem } from '../app/domain-error.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { updateVersioned } from '../database/versioned-update.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { serviceEvent } from '../journeys/journey-events.js';
import type { AddSupportActionRequest, SupportActionResponse, SupportActionsResponse, UpdateSupportActionRequest } from './dto/support-action.dto.js';
import { JourneyWork } from '../journeys/journey-work.js';
import { SupportError } from './support.errors.js';

const ACTION_COLUMNS = `id, journey_id AS "journeyId", description, owner_user_id AS "ownerUserId", owner_organisation_id AS "ownerOrganisationId",
  due_on::text AS "dueOn", status, completed_at AS "completedAt", created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt", version`;

/** The victim's support plan: actions with an owner (a worker, an agency or both) and a due date. */
@Injectable()
export class SupportPlanService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
  ) {}

  async add(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: AddSupportActionRequest): Promise<{ body: SupportActionResponse; version: number }> {
    if (!request.ownerUserId && !request.ownerOrganisationId) {
      throw validationFailed([{ field: 'ownerUserId', message: 'give ownerUserId or ownerOrganisationId (or both)' }]);
    }
    return this.work.command(actor, journeyId, expectedVersion, async (tx, journey) => {
      await this.checkOwners(tx, journey.areaId, { userId: request.ownerUserId, organisationId: request.ownerOrganisationId }, { userId: 'ownerUserId', organisationId: 'ownerOrganisationId' });
      const id = randomUUID();
      const [action]: SupportActionResponse[] = await tx.query(
        `INSERT INTO support_actions (id, area_id, journey_id, description, owner_user_id, owner_organisation_id, due_on, status, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8) RETURNING ${ACTION_COLUMNS}`,
        [id, journey.areaId, journey.id, request.description, request.ownerUserId ?? null, request.ownerOrganisationId ?? null, request.dueOn, actor.userId],
      );
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
      const [current]: SupportActionResponse[] = await tx.query(`SELECT ${ACTION_COLUMNS} FROM support_actions WHERE id = $1 AND journey_id = $2 FOR UPDATE`, [
        actionId,
        journey.id,
      ]);
      if (!current) throw notFound('The support action');
      if (current.status !== 'open') {
        throw SupportError.of('SUPPORT_ACTION_FINISHED', `The action is ${current.status}; add a new action instead`);
      }
      if (request.owner) await this.checkOwners(tx, journey.areaId, request.owner, { userId: 'owner.userId', organisationId: 'owner.organisationId' });
      const now = this.work.now();
      const columns: Record<string, unknown> = {};
      if (request.description !== undefined) columns.description = request.description;
      if (request.dueOn !== undefined) columns.due_on = request.dueOn;
      if (request.owner) {
        columns.owner_user_id = request.owner.userId ?? null;
        columns.owner_organisation_id = request.owner.organisationId ?? null;
      }
      if (request.status) {
        columns.status = request.status;
        columns.completed_at = request.status === 'done' ? now : null;
      }
      await updateVersioned(tx, { table: 'support_actions', id: actionId, expectedVersion, changes: columns, what: 'The support action' });
      const status = request.status ?? current.status;
      await this.ledger.record(tx, actor, journey, [serviceEvent('support-plan.action-updated', now, { actionId, status, changed })]);
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'support_action',
        entityId: actionId,
        areaId: journey.areaId,
        details: { journeyId: journey.id, fields: changed, status },
      });
      const [action]: SupportActionResponse[] = await tx.query(`SELECT ${ACTION_COLUMNS} FROM support_actions WHERE id = $1`, [actionId]);
      return action;
    });
  }

  list(actor: Actor, journeyId: string): Promise<SupportActionsResponse> {
    return this.work.read(actor, journeyId, 'support_actions', async (tx) => ({
      items: await tx.query(
        `SELECT ${ACTION_COLUMNS} FROM support_actions WHERE journey_id = $1 ORDER BY (status = 'open') DESC, due_on, created_at`,
        [journeyId],
      ),
    }));
  }

  /**
   * An action's owners must be real: a worker not disabled, who works on journeys (a case
   * role) in the journey's area, so nobody of another area or a commissioner is handed a
   * victim's action; an organisation that exists.
   */
  private async checkOwners(tx: EntityManager, areaId: string, owner: { userId?: string; organisationId?: string }, fields: { userId: string; organisationId: string }): Promise<void> {
    const problems: FieldProblem[] = [];
    if (owner.userId) {
      const rows: unknown[] = await tx.query(
        `SELECT 1 FROM users u JOIN user_areas ua ON ua.user_id = u.id AND ua.area_id = $2
          WHERE u.id = $1 AND u.disabled_at IS NULL AND u.roles && $3::text[]`,
        [owner.userId, areaId, CASE_ROLES],
      );
      if (rows.length === 0) problems.push({ field: fields.userId, message: "is not an active worker on journeys in the journey's area" });
    }
    if (owner.organisationId) {
      const rows: unknown[] = await tx.query(`SELECT 1 FROM organisations WHERE id = $1`, [owner.organisationId]);
      if (rows.length === 0) problems.push({ field: fields.organisationId, message: 'is not a known organisation' });
    }
    if (problems.length > 0) throw validationFailed(problems);
  }
}
