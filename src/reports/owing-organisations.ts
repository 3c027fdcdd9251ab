import type { OrganisationKind } from '../identity/organisation-kinds.js';
import type { DirectoryOwner } from '../organisations/organisation-directory.service.js';

/** The name the breakdown gives the duties whose (area, owner kind) no directory entry names. */
export const NOT_NAMED = 'Not named in the directory';

/** An organisation a duty resolves to. */
export interface OwingOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
}

/** The (area, owner kind) pairs an organisation is named for: what the `owingOrganisationId` filter keeps. */
export interface OwnerPairs {
  areaIds: string[];
  owners: string[];
}

/**
 * The owing organisation of a duty (issue 21 part 3): the directory's entry for the duty's
 * area and owner kind (`duties.owner`; a complaint's duties are owed by the organisation
 * complained about, which the rules engine records as one of the owner kinds). Built once
 * per report from one read of the directories of the areas reported on, so resolving a fact
 * row is a map look-up; a pair the directory does not name resolves to null (the "not named"
 * row), never dropped.
 */
export class OwingOrganisations {
  private readonly byPair = new Map<string, OwingOrganisation>();
  private readonly pairsByOrganisation = new Map<string, OwnerPairs>();

  constructor(entries: readonly DirectoryOwner[]) {
    for (const entry of entries) {
      this.byPair.set(pairKey(entry.areaId, entry.ownerKind), entry.organisation);
      const pairs = this.pairsByOrganisation.get(entry.organisation.id) ?? { areaIds: [], owners: [] };
      pairs.areaIds.push(entry.areaId);
      pairs.owners.push(entry.ownerKind);
      this.pairsByOrganisation.set(entry.organisation.id, pairs);
    }
  }

  /** The organisation owing `owner`'s duties in `areaId`, or null when the area's directory names none. */
  of(areaId: string | null, owner: string): OwingOrganisation | null {
    return areaId === null ? null : (this.byPair.get(pairKey(areaId, owner)) ?? null);
  }

  /** The pairs `organisationId` is named for, or null when it is named for none in these areas. */
  pairsOf(organisationId: string): OwnerPairs | null {
    return this.pairsByOrganisation.get(organisationId) ?? null;
  }

  /**
   * What the directory says, as a string: equal for equal directories whatever their order.
   * Part of a kept report's key (ReportResults), so a directory edit rebuilds the breakdown.
   */
  fingerprint(): string {
    return JSON.stringify([...this.byPair.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Every organisation named, once, by name. */
  named(): OwingOrganisation[] {
    const seen = new Map<string, OwingOrganisation>();
    for (const organisation of this.byPair.values()) seen.set(organisation.id, organisation);
    return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
}

function pairKey(areaId: string, owner: string): string {
  return `${areaId}|${owner}`;
}
