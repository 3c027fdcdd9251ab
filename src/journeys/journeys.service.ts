import { Injectable } from '@nestjs/common';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { workingDaysBetween } from '../../libs/working-days/src/index.js';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import type { DutiesResponse, DutyView, JourneyResponse, TimelineResponse } from './dto/journey.dto.js';
import type { JourneySearchQuery, JourneySearchResponse, JourneySummary } from './dto/journey-management.dto.js';
import type { Journey } from './entities/journey.entity.js';
import type { JourneyRef } from './journey-ref.js';
import { JourneysRepository } from './journeys.repository.js';
import { victimWindowsOf } from './victim-windows.js';

/** Reading a journey: its summary, its timeline and its duties, each read audited. */
@Injectable()
export class JourneysService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly journeys: JourneysRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The journey in the caller's scope, its read audited; not found (and audited) otherwise. */
  async readInScope<T>(actor: Actor, id: string, what: string, read: (tx: EntityManager, journey: Journey) => Promise<T>): Promise<T> {
    const result = await this.transactions.run(async (tx) => {
      const journey = await this.journeys.findInScope(tx, AccessScope.of(actor), id);
      if (!journey) {
        await this.audit.record(tx, actor, { action: 'access_denied', entityType: 'journey', entityId: id });
        return { found: false as const };
      }
      const value = await read(tx, journey);
      await this.audit.record(tx, actor, {
        action: 'read', entityType: 'journey', entityId: id, areaId: journey.areaId, personIds: [journey.personId], personIdsComplete: true, details: { what },
      });
      return { found: true as const, value };
    });
    if (!result.found) throw notFound('The journey');
    return result.value;
  }

  /** Whether the person has another open journey on the same crime (a person has one open journey per crime). */
  hasOtherOpenJourney(tx: EntityManager, journey: Pick<JourneyRef, 'id' | 'personId' | 'crimeId'>): Promise<boolean> {
    return this.journeys.otherOpenOnCrime(tx, journey);
  }

  get(actor: Actor, id: string): Promise<JourneyResponse> {
    return this.readInScope(actor, id, 'summary', (tx, journey) => this.view(tx, journey));
  }

  /** The journey as the API shows it (for commands' answers too, inside their transaction). */
  async view(tx: EntityManager, journey: Journey): Promise<JourneyResponse> {
    const [row]: Array<Record<string, never>> = await tx.query(
      `SELECT p.given_name, p.family_name, p.date_of_birth::text AS date_of_birth, p.preferred_contact_method, p.preferred_contact_times,
              p.safe_to_leave_messages, p.language, p.interpreter_needed,
              c.crime_reference, c.offence_category, c.offence_date::text AS offence_date, c.reported_at,
              u.display_name AS lead_worker_name, o.name AS lead_organisation_name
         FROM journeys j
         JOIN people p ON p.id = j.person_id
         JOIN crimes c ON c.id = j.crime_id
         LEFT JOIN users u ON u.id = j.lead_worker_id
         LEFT JOIN organisations o ON o.id = j.lead_organisation_id
        WHERE j.id = $1`,
      [journey.id],
    );
    const r = row as Record<string, unknown>;
    return {
      id: journey.id,
      reference: journey.reference,
      areaId: journey.areaId,
      role: journey.role,
      stage: journey.stage,
      person: {
        id: journey.personId,
        givenName: r.given_name as string,
        familyName: r.family_name as string,
        dateOfBirth: r.date_of_birth as string | null,
        preferredContactMethod: r.preferred_contact_method as string | null,
        preferredContactTimes: r.preferred_contact_times as string | null,
        safeToLeaveMessages: r.safe_to_leave_messages as boolean,
        language: r.language as string | null,
        interpreterNeeded: r.interpreter_needed as boolean,
      },
      crime: {
        id: journey.crimeId,
        crimeReference: r.crime_reference as string,
        offenceCategory: r.offence_category as string,
        offenceDate: r.offence_date as string | null,
        reportedAt: new Date(r.reported_at as string),
      },
      leadWorker: journey.leadWorkerId ? { id: journey.leadWorkerId, name: r.lead_worker_name as string } : null,
      leadOrganisation: journey.leadOrganisationId ? { id: journey.leadOrganisationId, name: r.lead_organisation_name as string } : null,
      referralConsent: journey.referralConsent,
      enhancedRights: {
        entitled: journey.enhancedCategories.length > 0,
        categories: journey.enhancedCategories,
        bases: journey.enhancedBases,
        reason: journey.enhancedReason,
        since: journey.enhancedSince,
      },
      optedOutOf: journey.optedOutOf,
      informationVia: journey.informationVia,
      unsuccessfulContactAttempts: journey.unsuccessfulContactAttempts,
      firstContactedAt: journey.firstContactedAt,
      unableToContactAt: journey.unableToContactAt,
      supportStartedAt: journey.supportStartedAt,
      closure:
        journey.closedAt && journey.closureReason
          ? {
              closedAt: journey.closedAt,
              reason: journey.closureReason,
              note: journey.closureNote,
              satisfactionScore: journey.satisfactionScore,
              satisfactionComment: journey.satisfactionComment,
              satisfactionDeclined: journey.satisfactionDeclined,
            }
          : null,
      referredAt: journey.referredAt,
      lastEventAt: journey.lastEventAt,
      victimWindows: (await victimWindowsOf(tx, [journey.id], this.clock.now())).get(journey.id) ?? [],
      version: journey.version,
    };
  }

  /**
   * Finds journeys by reference, crime reference or name, in the caller's areas. A search
   * by name trawls personal data, so it needs a stated reason (DPA 2018 s.62) and is
   * audited as a search (with the ids found, never the name searched for); the other
   * searches are audited as a listing of each journey shown.
   */
  async search(actor: Actor, query: JourneySearchQuery): Promise<JourneySearchResponse> {
    if (!query.reference && !query.crimeReference && !query.name) {
      const message = 'give a reference, a crimeReference or a name';
      throw validationFailed([
        { field: 'reference', message },
        { field: 'crimeReference', message },
        { field: 'name', message },
      ]);
    }
    const byName = Boolean(query.name);
    if (byName && !actor.accessReason?.trim()) {
      throw validationFailed([{ field: 'X-Access-Reason', message: 'is required to search by name: say why you are looking' }]);
    }
    const nameParts = query.name ? nameSearch(query.name) : null;
    if (query.name && !nameParts) throw validationFailed([{ field: 'name', message: 'must contain a letter' }]);

    return this.transactions.run(async (tx) => {
      const qb = AccessScope.of(actor)
        .restrict(tx.createQueryBuilder().from('journeys', 'j'), 'j')
        .innerJoin('people', 'p', 'p.id = j.person_id')
        .innerJoin('crimes', 'c', 'c.id = j.crime_id')
        .leftJoin('users', 'u', 'u.id = j.lead_worker_id')
        .select([
          'j.id AS id', 'j.reference AS reference', 'j.stage AS stage', 'j.role AS role', 'j.area_id AS area_id',
          'j.person_id AS person_id', 'p.given_name AS given_name', 'p.family_name AS family_name',
          'p.date_of_birth::text AS date_of_birth', 'c.crime_reference AS crime_reference', 'j.lead_worker_id AS lead_worker_id',
          'u.display_name AS lead_worker_name', 'cardinality(j.enhanced_categories) > 0 AS enhanced', 'j.referred_at AS referred_at',
          'count(*) OVER () AS total',
        ]);
      if (query.reference) qb.andWhere('j.reference = :reference', { reference: query.reference.trim().toUpperCase() });
      if (query.crimeReference) qb.andWhere('c.crime_reference = :crimeReference', { crimeReference: query.crimeReference.trim().toUpperCase() });
      if (nameParts) {
        qb.andWhere(`lower(p.family_name) LIKE :family ESCAPE '\\'`, { family: `${likePrefix(nameParts.family)}%` });
        if (nameParts.given) qb.andWhere(`lower(p.given_name) LIKE :given ESCAPE '\\'`, { given: `${likePrefix(nameParts.given)}%` });
      }
      if (query.stage) qb.andWhere('j.stage = :stage', { stage: query.stage });
      if (query.areaId) qb.andWhere('j.area_id = :areaId', { areaId: query.areaId });
      const rows: Array<Record<string, unknown>> = await qb
        .orderBy('p.family_name', 'ASC')
        .addOrderBy('p.given_name', 'ASC')
        .addOrderBy('j.referred_at', 'DESC')
        .addOrderBy('j.id', 'ASC')
        .limit(query.limit)
        .offset(query.offset)
        .getRawMany();
      const items = rows.map(toSummary);
      const total = rows.length > 0 ? Number(rows[0].total) : query.offset > 0 ? await countOf(qb) : 0;
      if (byName) {
        await this.audit.record(tx, actor, {
          action: 'search',
          entityType: 'journey',
          details: { by: 'name', resultIds: items.map((item) => item.id), total },
        });
      } else {
        const by = query.reference ? 'reference' : 'crimeReference';
        await this.audit.record(
          tx,
          actor,
          items.map((item) => ({ action: 'list' as const, entityType: 'journey', entityId: item.id, areaId: item.areaId, details: { by } })),
        );
      }
      return { items, total };
    });
  }

  timeline(actor: Actor, id: string, page: { limit: number; offset: number }): Promise<TimelineResponse> {
    return this.readInScope(actor, id, 'timeline', async (tx) => {
      const rows: Array<Record<string, unknown>> = await tx.query(
        `SELECT e.id, e.type, e.occurred_at, e.received_at, e.reason, e.recorded_at, e.actor_user_id, u.display_name, e.payload, count(*) OVER () AS total
           FROM journey_events e LEFT JOIN users u ON u.id = e.actor_user_id
          WHERE e.journey_id = $1
          ORDER BY e.occurred_at DESC, e.seq DESC
          LIMIT $2 OFFSET $3`,
        [id, page.limit, page.offset],
      );
      const total = rows.length > 0 ? Number(rows[0].total) : Number((await tx.query(`SELECT count(*) FROM journey_events WHERE journey_id = $1`, [id]))[0].count);
      return {
        items: rows.map((row) => ({
          id: row.id as string,
          type: row.type as string,
          occurredAt: new Date(row.occurred_at as string),
          receivedAt: row.received_at ? new Date(row.received_at as string) : null,
          reason: (row.reason as string | null) ?? null,
          recordedAt: new Date(row.recorded_at as string),
          recordedBy: row.actor_user_id ? { id: row.actor_user_id as string, name: (row.display_name as string | null) ?? 'System' } : null,
          payload: row.payload as Record<string, unknown>,
        })),
        total,
      };
    });
  }

  duties(actor: Actor, id: string): Promise<DutiesResponse> {
    return this.readInScope(actor, id, 'duties', async (tx, journey) => {
      const rows: Array<Record<string, unknown>> = await tx.query(
        `SELECT id, key, rule_id, rule_set_version, code_right, owner, subject, opened_at, due_at, enhanced, status, met_at,
                working_days_late, withdrawn_reason, withdrawn_at
           FROM duties WHERE journey_id = $1 ORDER BY opened_at, due_at, key`,
        [id],
      );
      const now = this.clock.now();
      return {
        items: rows.map((row) => dutyView(row, now)),
        informationVia: journey.informationVia,
        optedOutOf: journey.optedOutOf,
        enhancedBases: journey.enhancedBases,
      };
    });
  }
}

/** A stored duty as at `now`: still owed and past due means breached, with the working days so far. */
export function dutyView(row: Record<string, unknown>, now: Date): DutyView {
  const dueAt = new Date(row.due_at as string);
  const owed = row.status === 'open' || row.status === 'breached';
  const breached = owed && now.getTime() > dueAt.getTime();
  return {
    id: row.id as string,
    key: row.key as string,
    ruleId: row.rule_id as string,
    ruleSetVersion: row.rule_set_version as string,
    right: Number(row.code_right),
    owner: row.owner as string,
    subject: row.subject as Record<string, unknown>,
    openedAt: new Date(row.opened_at as string),
    dueAt,
    enhanced: row.enhanced as boolean,
    status: breached ? 'breached' : owed ? 'open' : (row.status as string),
    metAt: row.met_at ? new Date(row.met_at as string) : null,
    workingDaysLate: breached ? workingDaysBetween(dueAt, now) : (row.working_days_late as number | null),
    withdrawnReason: row.withdrawn_reason as string | null,
    withdrawnAt: row.withdrawn_at ? new Date(row.withdrawn_at as string) : null,
  };
}

/** "family" or "given family" (any further words belong to the family name), lower case. */
function nameSearch(name: string): { given: string | null; family: string } | null {
  const words = name.trim().toLowerCase().split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0 || !/\p{L}/u.test(words.join(''))) return null;
  if (words.length === 1) return { given: null, family: words[0] };
  return { given: words[0], family: words.slice(1).join(' ') };
}

function likePrefix(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

async function countOf(qb: SelectQueryBuilder<ObjectLiteral>): Promise<number> {
  const row: { count: string } | undefined = await qb.clone().select('count(*)', 'count').orderBy().limit(undefined).offset(undefined).getRawOne();
  return Number(row?.count ?? 0);
}

function toSummary(row: Record<string, unknown>): JourneySummary {
  return {
    id: row.id as string,
    reference: row.reference as string,
    stage: row.stage as string,
    role: row.role as string,
    areaId: row.area_id as string,
    person: {
      id: row.person_id as string,
      givenName: row.given_name as string,
      familyName: row.family_name as string,
      dateOfBirth: row.date_of_birth as string | null,
    },
    crimeReference: row.crime_reference as string,
    leadWorker: row.lead_worker_id ? { id: row.lead_worker_id as string, name: row.lead_worker_name as string } : null,
    enhanced: row.enhanced as boolean,
    referredAt: new Date(row.referred_at as string),
  };
}
