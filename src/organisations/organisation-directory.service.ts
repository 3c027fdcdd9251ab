import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { updateVersioned } from '../database/versioned-update.js';
import type { OrganisationKind } from '../identity/organisation-kinds.js';
import type { CreateDirectoryEntryRequest, DirectoryEntryResponse, UpdateDirectoryEntryRequest } from './dto/organisation-directory.dto.js';
import { type DutyOwnerKind, ORGANISATION_KINDS_OF_OWNER } from './duty-owner-kinds.js';
import { type DirectoryEntryRow, OrganisationDirectoryRepository } from './organisation-directory.repository.js';
import { OrganisationsError } from './organisations.errors.js';

/** The organisation that owes an owner kind's duties in an area: what reminders and reports name. */
export interface OwningOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  /** The area's team mailbox for it, else the organisation's own team email; null when neither is set. */
  teamMailbox: string | null;
}

/** One entry of an area's directory, as reports read it: who owes an owner kind's duties there. */
export interface DirectoryOwner {
  areaId: string;
  ownerKind: DutyOwnerKind;
  organisation: Omit<OwningOrganisation, 'teamMailbox'>;
}

function toResponse(row: DirectoryEntryRow): DirectoryEntryResponse {
  return {
    id: row.id,
    areaId: row.area_id,
    ownerKind: row.owner_kind,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    organisationKind: row.organisation_kind,
    teamMailbox: row.team_mailbox,
    effectiveTeamMailbox: row.team_mailbox ?? row.organisation_team_email,
    version: row.version,
  };
}

function toOwning(row: DirectoryEntryRow): OwningOrganisation {
  return { id: row.organisation_id, name: row.organisation_name, kind: row.organisation_kind, teamMailbox: row.team_mailbox ?? row.organisation_team_email };
}

/**
 * Each area's organisations directory: per duty owner kind, the organisation that owes such
 * duties there and its team mailbox. Admins keep it (in their areas, audited); reminders,
 * referral intake and reports resolve (area, owner kind) to an organisation through
 * `resolve`, the one read other modules use.
 */
@Injectable()
export class OrganisationDirectoryService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly entries: OrganisationDirectoryRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * The organisation owing `ownerKind`'s duties in `areaId`, or null when the area names
   * none. A system read (no personal data): callers in a request have checked the area.
   * Runs in the caller's transaction when given one.
   */
  async resolve(areaId: string, ownerKind: DutyOwnerKind, tx: EntityManager = this.transactions.manager): Promise<OwningOrganisation | null> {
    const row = await this.entries.findByOwner(tx, AccessScope.allAreas(), areaId, ownerKind);
    return row ? toOwning(row) : null;
  }

  /**
   * Every entry of the directories of `areaIds` (areas the caller has already checked are
   * theirs), in one read: reports resolve each duty's (area, owner kind) to its organisation
   * from it. A system read of settings (no personal data), scoped to those areas.
   */
  async ownersIn(areaIds: readonly string[], tx: EntityManager = this.transactions.manager): Promise<DirectoryOwner[]> {
    const rows = await this.entries.list(tx, AccessScope.of({ areaIds }));
    return rows.map((row) => ({
      areaId: row.area_id,
      ownerKind: row.owner_kind,
      organisation: { id: row.organisation_id, name: row.organisation_name, kind: row.organisation_kind },
    }));
  }

  async list(actor: Actor, areaId?: string): Promise<DirectoryEntryResponse[]> {
    const scope = areaId ? AccessScope.of(actor).within(areaId) : AccessScope.of(actor);
    return this.transactions.run(async (tx) => {
      const rows = await this.entries.list(tx, scope);
      await this.audit.record(tx, actor, { action: 'list', entityType: 'organisation_directory', details: { areaId: areaId ?? null, count: rows.length } });
      return rows.map(toResponse);
    });
  }

  async get(actor: Actor, id: string): Promise<DirectoryEntryResponse> {
    const row = await this.entries.findById(this.transactions.manager, AccessScope.of(actor), id);
    if (!row) throw notFound('The directory entry');
    return toResponse(row);
  }

  async create(actor: Actor, request: CreateDirectoryEntryRequest): Promise<DirectoryEntryResponse> {
    return this.transactions.run(async (tx) => {
      // An area outside the admin's own is as unknown as one that does not exist.
      if (!AccessScope.of(actor).allows(request.areaId) || !(await this.entries.areaExists(tx, request.areaId))) {
        throw validationFailed([{ field: 'areaId', message: 'is not an area you administer' }]);
      }
      await this.checkOrganisation(tx, request.ownerKind, request.organisationId);
      const id = await this.entries.insert(tx, {
        areaId: request.areaId,
        ownerKind: request.ownerKind,
        organisationId: request.organisationId,
        teamMailbox: request.teamMailbox?.toLowerCase() ?? null,
      });
      if (!id) throw OrganisationsError.of('DIRECTORY_ENTRY_EXISTS', `The area already has an entry for ${request.ownerKind}`);
      await this.audit.record(tx, actor, {
        action: 'create',
        entityType: 'organisation_directory',
        entityId: id,
        areaId: request.areaId,
        details: { ownerKind: request.ownerKind, organisationId: request.organisationId },
      });
      return toResponse((await this.entries.findById(tx, AccessScope.of(actor), id))!);
    });
  }

  async update(actor: Actor, id: string, expectedVersion: number, request: UpdateDirectoryEntryRequest): Promise<DirectoryEntryResponse> {
    const scope = AccessScope.of(actor);
    return this.transactions.run(async (tx) => {
      const found = await this.entries.findById(tx, scope, id, { lock: true });
      if (!found) throw notFound('The directory entry');
      const changes: Record<string, unknown> = {};
      if (request.organisationId !== undefined) {
        await this.checkOrganisation(tx, found.owner_kind, request.organisationId);
        changes.organisation_id = request.organisationId;
      }
      if (request.teamMailbox !== undefined) changes.team_mailbox = request.teamMailbox?.toLowerCase() ?? null;
      await updateVersioned(tx, { table: 'organisation_directory', id, expectedVersion, changes, what: 'The directory entry' });
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'organisation_directory',
        entityId: id,
        areaId: found.area_id,
        details: { fields: Object.keys(request).filter((key) => request[key as keyof UpdateDirectoryEntryRequest] !== undefined) },
      });
      return toResponse((await this.entries.findById(tx, scope, id))!);
    });
  }

  private async checkOrganisation(tx: EntityManager, ownerKind: DutyOwnerKind, organisationId: string): Promise<void> {
    const kind = await this.entries.organisationKind(tx, organisationId);
    if (!kind) throw validationFailed([{ field: 'organisationId', message: 'is not a known organisation' }]);
    const fits = ORGANISATION_KINDS_OF_OWNER[ownerKind];
    if (!fits.includes(kind)) {
      throw validationFailed([{ field: 'organisationId', message: `is a ${kind}; a ${ownerKind} entry needs one of: ${fits.join(', ')}` }]);
    }
  }
}
