import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CASE_ROLES } from '../access/roles.js';
import { updateVersioned } from '../database/versioned-update.js';
import type { SupportActionResponse } from './dto/support-action.dto.js';
import type { SupportActionStatus } from './support-vocabulary.js';

/** A row of support_actions, as stored (the columns the API shows). */
interface ActionRow {
  id: string;
  journey_id: string;
  description: string;
  owner_user_id: string | null;
  owner_organisation_id: string | null;
  /** `YYYY-MM-DD` (read as text: a date has no time zone). */
  due_on: string;
  status: SupportActionStatus;
  completed_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export interface NewSupportAction {
  id: string;
  areaId: string;
  journeyId: string;
  description: string;
  ownerUserId: string | null;
  ownerOrganisationId: string | null;
  dueOn: string;
  createdBy: string;
}

/** What a change to an action sets; absent fields stay as they are. */
export interface SupportActionChanges {
  description?: string;
  dueOn?: string;
  /** Replaces both owners. */
  owner?: { userId: string | null; organisationId: string | null };
  status?: SupportActionStatus;
  completedAt?: Date | null;
}

const COLUMNS = `id, journey_id, description, owner_user_id, owner_organisation_id, due_on::text AS due_on, status, completed_at,
  created_by, created_at, updated_at, version`;

/**
 * SQL over support_actions, for one journey the caller holds in scope, and the look-ups
 * that check an action's owners exist.
 */
@Injectable()
export class SupportPlanRepository {
  async insert(tx: EntityManager, action: NewSupportAction): Promise<SupportActionResponse> {
    const [row]: ActionRow[] = await tx.query(
      `INSERT INTO support_actions (id, area_id, journey_id, description, owner_user_id, owner_organisation_id, due_on, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8) RETURNING ${COLUMNS}`,
      [action.id, action.areaId, action.journeyId, action.description, action.ownerUserId, action.ownerOrganisationId, action.dueOn, action.createdBy],
    );
    return toAction(row);
  }

  /** The journey's action, locked until the transaction ends; null when the journey has no such action. */
  async lock(tx: EntityManager, journeyId: string, id: string): Promise<SupportActionResponse | null> {
    const [row]: ActionRow[] = await tx.query(`SELECT ${COLUMNS} FROM support_actions WHERE id = $1 AND journey_id = $2 FOR UPDATE`, [id, journeyId]);
    return row ? toAction(row) : null;
  }

  /** Changes the action when it is still at `expectedVersion` (If-Match), else a 409. */
  async update(tx: EntityManager, id: string, expectedVersion: number, changes: SupportActionChanges): Promise<void> {
    const columns: Record<string, unknown> = {};
    if (changes.description !== undefined) columns.description = changes.description;
    if (changes.dueOn !== undefined) columns.due_on = changes.dueOn;
    if (changes.owner) {
      columns.owner_user_id = changes.owner.userId;
      columns.owner_organisation_id = changes.owner.organisationId;
    }
    if (changes.status !== undefined) columns.status = changes.status;
    if (changes.completedAt !== undefined) columns.completed_at = changes.completedAt;
    await updateVersioned(tx, { table: 'support_actions', id, expectedVersion, changes: columns, what: 'The support action' });
  }

  async byId(tx: EntityManager, id: string): Promise<SupportActionResponse> {
    const [row]: ActionRow[] = await tx.query(`SELECT ${COLUMNS} FROM support_actions WHERE id = $1`, [id]);
    return toAction(row);
  }

  /** Open actions first, by due date. */
  async list(tx: EntityManager, journeyId: string): Promise<SupportActionResponse[]> {
    const rows: ActionRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM support_actions WHERE journey_id = $1 ORDER BY (status = 'open') DESC, due_on, created_at`,
      [journeyId],
    );
    return rows.map(toAction);
  }

  /** A user who may own an action: one of the service's, not disabled. */
  /** An action's owner: an active user with a role that works on journeys, in the journey's area. */
  async isActiveCaseWorkerInArea(tx: EntityManager, userId: string, areaId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM users u JOIN user_areas ua ON ua.user_id = u.id AND ua.area_id = $2
        WHERE u.id = $1 AND u.disabled_at IS NULL AND u.roles && $3::text[]`,
      [userId, areaId, CASE_ROLES],
    );
    return rows.length > 0;
  }

  async isOrganisation(tx: EntityManager, organisationId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM organisations WHERE id = $1`, [organisationId]);
    return rows.length > 0;
  }
}

function toAction(row: ActionRow): SupportActionResponse {
  return {
    id: row.id,
    journeyId: row.journey_id,
    description: row.description,
    ownerUserId: row.owner_user_id,
    ownerOrganisationId: row.owner_organisation_id,
    dueOn: row.due_on,
    status: row.status,
    completedAt: row.completed_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
