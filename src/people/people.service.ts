import { Injectable } from '@nestjs/common';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import { dateOfBirthProblems } from '../app/date-of-birth.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { insertRows } from '../database/insert-rows.js';
import { updateVersioned } from '../database/versioned-update.js';
import type { EntityManager } from 'typeorm';
import type { CreatePersonRequest, PersonDetails, PersonListResponse, PersonResponse, UpdatePersonRequest } from './dto/person.dto.js';
import type { Person } from './entities/person.entity.js';
import { PeopleRepository } from './people.repository.js';
import { PersonFactsListeners, RIGHTS_FACT_FIELDS } from './person-facts.js';

function toResponse(person: Person): PersonResponse {
  const { createdBy: _createdBy, ...fields } = person;
  return fields;
}

const COLUMN_OF: Record<keyof UpdatePersonRequest, string> = {
  givenName: 'given_name',
  familyName: 'family_name',
  dateOfBirth: 'date_of_birth',
  email: 'email',
  phone: 'phone',
  addressLine1: 'address_line1',
  addressLine2: 'address_line2',
  town: 'town',
  postcode: 'postcode',
  preferredContactMethod: 'preferred_contact_method',
  preferredContactTimes: 'preferred_contact_times',
  safeToLeaveMessages: 'safe_to_leave_messages',
  language: 'language',
  interpreterNeeded: 'interpreter_needed',
  communicationNeeds: 'communication_needs',
  disability: 'disability',
  vulnerabilityFlags: 'vulnerability_flags',
};

const PERSON_DETAIL_FIELDS = Object.keys(COLUMN_OF) as Array<keyof PersonDetails>;

export interface NewPerson {
  id: string;
  areaId: string;
  details: PersonDetails;
}

/** Victims' and witnesses' personal details: scoped to the caller's areas, every access audited. */
@Injectable()
export class PeopleService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly people: PeopleRepository,
    private readonly audit: AuditService,
    private readonly factsListeners: PersonFactsListeners,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, request: CreatePersonRequest): Promise<PersonResponse> {
    if (!AccessScope.of(actor).allows(request.areaId)) {
      throw validationFailed([{ field: 'areaId', message: 'is not one of your areas' }]);
    }
    const dateOfBirth = dateOfBirthProblems('dateOfBirth', request.dateOfBirth, this.clock.now());
    if (dateOfBirth.length > 0) throw validationFailed(dateOfBirth);
    return this.transactions.run(async (tx) => {
      const person = await this.people.insert(tx, {
        ...request,
        postcode: request.postcode?.toUpperCase() ?? null,
        createdBy: actor.userId,
      });
      await this.audit.record(tx, actor, {
        action: 'create',
        entityType: 'person',
        entityId: person.id,
        areaId: person.areaId,
        details: { fields: Object.keys(request) },
      });
      return toResponse(person);
    });
  }

  /**
   * New people in bulk for referral intake, inside the intake's transaction; each is
   * audited as created. Ids are the caller's, so a batch is computed before it is written.
   */
  async insertMany(tx: EntityManager, actor: Actor, people: ReadonlyArray<NewPerson>): Promise<void> {
    const columns = ['id', 'area_id', 'created_by', ...PERSON_DETAIL_FIELDS.map((field) => COLUMN_OF[field])];
    await insertRows(
      tx,
      'people',
      columns,
      people.map((person) => [
        person.id,
        person.areaId,
        actor.userId,
        ...PERSON_DETAIL_FIELDS.map((field) => {
          const value = person.details[field];
          if (field === 'postcode') return typeof value === 'string' ? value.toUpperCase() : null;
          if (field === 'safeToLeaveMessages' || field === 'interpreterNeeded') return value ?? false;
          if (field === 'vulnerabilityFlags') return value ?? [];
          return value ?? null;
        }),
      ]),
      { casts: { vulnerability_flags: 'text[]' } },
    );
    await this.audit.record(
      tx,
      actor,
      people.map((person) => ({
        action: 'create' as const,
        entityType: 'person',
        entityId: person.id,
        areaId: person.areaId,
        details: { fields: Object.keys(person.details).filter((key) => person.details[key as keyof PersonDetails] !== undefined), via: 'referral' },
      })),
    );
  }

  async get(actor: Actor, id: string): Promise<PersonResponse> {
    return this.transactions.run(async (tx) => {
      const person = await this.people.findInScope(tx, AccessScope.of(actor), id);
      if (!person) {
        // Audited too: probing for records of other areas is worth knowing about.
        await this.audit.record(tx, actor, { action: 'access_denied', entityType: 'person', entityId: id });
        return null;
      }
      await this.audit.record(tx, actor, { action: 'read', entityType: 'person', entityId: person.id, areaId: person.areaId });
      return toResponse(person);
    }).then((person) => {
      if (!person) throw notFound('The person');
      return person;
    });
  }

  async list(actor: Actor, options: { limit: number; offset: number; familyName?: string }): Promise<PersonListResponse> {
    return this.transactions.run(async (tx) => {
      const { items, total } = await this.people.list(tx, AccessScope.of(actor), options);
      await this.audit.record(
        tx,
        actor,
        items.map((person) => ({ action: 'list' as const, entityType: 'person', entityId: person.id, areaId: person.areaId })),
      );
      return {
        items: items.map(({ id, areaId, givenName, familyName, dateOfBirth }) => ({ id, areaId, givenName, familyName, dateOfBirth })),
        total,
      };
    });
  }

  async update(actor: Actor, id: string, expectedVersion: number, request: UpdatePersonRequest): Promise<PersonResponse> {
    const fields = (Object.keys(request) as Array<keyof UpdatePersonRequest>).filter((key) => request[key] !== undefined);
    if (fields.length === 0) throw validationFailed([{ field: 'body', message: 'must change at least one field' }]);
    const dateOfBirth = dateOfBirthProblems('dateOfBirth', request.dateOfBirth, this.clock.now());
    if (dateOfBirth.length > 0) throw validationFailed(dateOfBirth);
    const result = await this.transactions.run(async (tx) => {
      const scope = AccessScope.of(actor);
      const person = await this.people.findInScope(tx, scope, id);
      if (!person) {
        await this.audit.record(tx, actor, { action: 'access_denied', entityType: 'person', entityId: id });
        return null;
      }
      const changes = Object.fromEntries(
        fields.map((key) => [COLUMN_OF[key], key === 'postcode' ? String(request.postcode).toUpperCase() : request[key]]),
      );
      await updateVersioned(tx, { table: 'people', id, expectedVersion, changes, what: 'The person' });
      await this.audit.record(tx, actor, { action: 'update', entityType: 'person', entityId: id, areaId: person.areaId, details: { fields } });
      // A new date of birth or vulnerability flag may show enhanced rights (Victims' Code).
      if (fields.some((field) => (RIGHTS_FACT_FIELDS as readonly string[]).includes(field))) {
        await this.factsListeners.changed(tx, actor, id, this.clock.now());
      }
      return toResponse((await this.people.findInScope(tx, scope, id))!);
    });
    if (!result) throw notFound('The person');
    return result;
  }
}
