import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DutyOwner } from '../../libs/victims-code/src/index.js';
import { ADMINS, SUPERVISORS } from '../access/roles.js';
import { TEAM_ROLES_OF_OWNER } from '../organisations/duty-owner-kinds.js';
import { type OwningOrganisation, OrganisationDirectoryService } from '../organisations/organisation-directory.service.js';
import { type JourneyRoutingRow, type PersonRow, ReminderRecipientsRepository } from './reminder-recipients.repository.js';

export interface Recipient {
  userId: string | null;
  email: string;
}

/** Where a reminder goes, and how it was found (kept on the log line, as a code). */
export interface Route {
  recipients: Recipient[];
  via: 'lead' | 'team' | 'mailbox' | 'supervisor' | 'organisation-supervisors';
}

/**
 * What routing needs of a duty: who owes it, and where. A ULS reminder is routed as a duty
 * of the witness care unit in the journey's area would be.
 */
export interface RoutedDuty {
  area_id: string;
  owner: DutyOwner;
}

/**
 * Who must act on a duty (issue 19), resolved from its owner and its journey's area through
 * the organisations directory:
 *
 * - due soon: the journey's lead worker when they belong to the owning organisation; else
 *   that organisation's team (its people in the area with the owner's team roles, e.g.
 *   witness care officers); else its team mailbox;
 * - breach: the supervisors of whoever the due-soon routing reaches, else the organisation's
 *   supervisors in the area, else its team mailbox.
 *
 * A disabled person is never reminded; a person away (`away_until` in the future) is
 * replaced by their deputy when the deputy can take it, else skipped.
 *
 * With no directory entry for the owner, a victim care service duty falls back to the
 * journey's lead organisation (set at intake or by assignment): its lead worker, else its
 * team mailbox, as before the directory existed. Any other owner with no entry has no one:
 * a police or CPS duty is never sent to the victim care service.
 */
@Injectable()
export class ReminderRouting {
  constructor(
    private readonly directory: OrganisationDirectoryService,
    private readonly people: ReminderRecipientsRepository,
  ) {}

  async dueSoon(tx: EntityManager, duty: RoutedDuty, journey: JourneyRoutingRow, now: Date): Promise<Route | null> {
    const owning = await this.owning(tx, duty, journey);
    const lead = journey.lead_worker_id ? (await this.people.people(tx, [journey.lead_worker_id]))[0] : undefined;
    if (owning.organisation && lead && lead.organisation_id === owning.organisation.id) {
      const taker = await this.available(tx, lead, now);
      if (taker) return { recipients: [asRecipient(taker)], via: 'lead' };
    }
    if (owning.organisation && owning.fromDirectory) {
      const team = await this.presentPeople(tx, await this.people.ofOrganisationInArea(tx, owning.organisation.id, duty.area_id, TEAM_ROLES_OF_OWNER[duty.owner]), now);
      if (team.length > 0) return { recipients: team.map(asRecipient), via: 'team' };
    }
    return owning.organisation?.teamMailbox ? { recipients: [{ userId: null, email: owning.organisation.teamMailbox }], via: 'mailbox' } : null;
  }

  async breach(tx: EntityManager, duty: RoutedDuty, journey: JourneyRoutingRow, now: Date): Promise<Route | null> {
    const owning = await this.owning(tx, duty, journey);
    const reminded = await this.dueSoon(tx, duty, journey, now);
    const remindedPeople = (reminded?.recipients ?? []).flatMap((recipient) => (recipient.userId ? [recipient.userId] : []));
    const supervisorIds = new Set((await this.people.people(tx, remindedPeople)).flatMap((person) => (person.supervisor_id ? [person.supervisor_id] : [])));
    const supervisors = await this.presentPeople(tx, await this.people.people(tx, [...supervisorIds]), now);
    if (supervisors.length > 0) return { recipients: unique(supervisors.map(asRecipient)), via: 'supervisor' };
    if (owning.organisation && owning.fromDirectory) {
      const theirs = await this.presentPeople(tx, await this.people.ofOrganisationInArea(tx, owning.organisation.id, duty.area_id, SUPERVISORS), now);
      if (theirs.length > 0) return { recipients: theirs.map(asRecipient), via: 'organisation-supervisors' };
    }
    return owning.organisation?.teamMailbox ? { recipients: [{ userId: null, email: owning.organisation.teamMailbox }], via: 'mailbox' } : null;
  }

  /** The area's admins, who are alerted when a duty has nobody to be reminded to. */
  async areaAdmins(tx: EntityManager, areaId: string, now: Date): Promise<Recipient[]> {
    return (await this.presentPeople(tx, await this.people.inArea(tx, areaId, ADMINS), now)).map(asRecipient);
  }

  private async owning(tx: EntityManager, duty: RoutedDuty, journey: JourneyRoutingRow): Promise<{ organisation: OwningOrganisation | null; fromDirectory: boolean }> {
    const listed = await this.directory.resolve(duty.area_id, duty.owner, tx);
    if (listed) return { organisation: listed, fromDirectory: true };
    if (duty.owner === 'victim_care_service' && journey.lead_organisation_id) {
      return {
        organisation: { id: journey.lead_organisation_id, name: '', kind: 'victim_care_service', teamMailbox: journey.lead_organisation_team_email },
        fromDirectory: false,
      };
    }
    return { organisation: null, fromDirectory: false };
  }

  /** Each person who can take a reminder now, or their deputy; each once. */
  private async presentPeople(tx: EntityManager, candidates: readonly PersonRow[], now: Date): Promise<PersonRow[]> {
    const takers = new Map<string, PersonRow>();
    for (const candidate of candidates) {
      const taker = await this.available(tx, candidate, now);
      if (taker) takers.set(taker.id, taker);
    }
    return [...takers.values()];
  }

  /** The person if enabled and not away; else their deputy, if the deputy is. */
  private async available(tx: EntityManager, person: PersonRow, now: Date): Promise<PersonRow | null> {
    if (isPresent(person, now)) return person;
    if (person.disabled_at !== null || !person.deputy_id) return null;
    const [deputy] = await this.people.people(tx, [person.deputy_id]);
    return deputy && isPresent(deputy, now) ? deputy : null;
  }
}

function isPresent(person: PersonRow, now: Date): boolean {
  return person.disabled_at === null && (person.away_until === null || new Date(person.away_until).getTime() <= now.getTime());
}

function asRecipient(person: PersonRow): Recipient {
  return { userId: person.id, email: person.email };
}

function unique(recipients: Recipient[]): Recipient[] {
  return [...new Map(recipients.map((recipient) => [recipient.email, recipient])).values()];
}
