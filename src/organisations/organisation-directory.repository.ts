import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessScope } from '../access/access-scope.js';
import type { OrganisationKind } from '../identity/organisation-kinds.js';
import type { DutyOwnerKind } from './duty-owner-kinds.js';

/** An entry as stored, with its organisation. */
export interface DirectoryEntryRow {
  id: string;
  area_id: string;
  owner_kind: DutyOwnerKind;
  organisation_id: string;
  organisation_name: string;
  organisation_kind: OrganisationKind;
  team_mailbox: string | null;
  organisation_team_email: string | null;
  version: number;
}

export interface NewDirectoryEntry {
  areaId: string;
  ownerKind: DutyOwnerKind;
  organisationId: string;
  teamMailbox: string | null;
}

const SELECT_ENTRY = `
  SELECT e.id, e.area_id, e.owner_kind, e.organisation_id, o.name AS organisation_name, o.kind AS organisation_kind,
         e.team_mailbox, o.team_email AS organisation_team_email, e.version
    FROM organisation_directory e
    JOIN organisations o ON o.id = e.organisation_id`;

/** The organisations directory's SQL: entries per (area, owner kind), read in a scope. */
@Injectable()
export class OrganisationDirectoryRepository {
  list(tx: EntityManager, scope: AccessScope): Promise<DirectoryEntryRow[]> {
    const params: unknown[] = [];
    return tx.query(`${SELECT_ENTRY} WHERE ${scope.sqlFilter('e.area_id', params)} ORDER BY e.area_id, e.owner_kind`, params);
  }

  async findById(tx: EntityManager, scope: AccessScope, id: string, options: { lock?: boolean } = {}): Promise<DirectoryEntryRow | null> {
    const params: unknown[] = [id];
    const [row]: DirectoryEntryRow[] = await tx.query(
      `${SELECT_ENTRY} WHERE e.id = $1 AND ${scope.sqlFilter('e.area_id', params)} ${options.lock ? 'FOR UPDATE OF e' : ''}`,
      params,
    );
    return row ?? null;
  }

  /** The entry for one owner kind in one area (the scope narrowed to that area), or null. */
  async findByOwner(tx: EntityManager, scope: AccessScope, areaId: string, ownerKind: DutyOwnerKind): Promise<DirectoryEntryRow | null> {
    const params: unknown[] = [ownerKind];
    const [row]: DirectoryEntryRow[] = await tx.query(
      `${SELECT_ENTRY} WHERE e.owner_kind = $1 AND ${scope.within(areaId).sqlFilter('e.area_id', params)}`,
      params,
    );
    return row ?? null;
  }

  /** Inserts unless the area already has an entry for the owner; answers the new id, or null. */
  async insert(tx: EntityManager, entry: NewDirectoryEntry): Promise<string | null> {
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO organisation_directory (area_id, owner_kind, organisation_id, team_mailbox)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT organisation_directory_area_owner_key DO NOTHING
       RETURNING id`,
      [entry.areaId, entry.ownerKind, entry.organisationId, entry.teamMailbox],
    );
    return rows[0]?.id ?? null;
  }

  async organisationKind(tx: EntityManager, organisationId: string): Promise<OrganisationKind | null> {
    const [row]: Array<{ kind: OrganisationKind }> = await tx.query(`SELECT kind FROM organisations WHERE id = $1`, [organisationId]);
    return row?.kind ?? null;
  }

  async areaExists(tx: EntityManager, areaId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM areas WHERE id = $1`, [areaId]);
    return rows.length > 0;
  }
}
