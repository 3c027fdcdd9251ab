import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { londonDate } from '../../libs/working-days/src/index.js';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import type { FieldProblem } from '../app/domain-error.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { CrimeWork, partnerRetry, type CrimeAnswer } from '../crimes/crime-work.js';
import { updateVersioned } from '../database/versioned-update.js';
import { serviceEvent } from '../journeys/journey-events.js';
import type { AddDefendantRequest, CorrectDefendantRequest, DefendantAddedResponse, DefendantResponse } from './dto/defendant.dto.js';

const DEFENDANT_COLUMNS = `id, crime_id AS "crimeId", reference, given_name AS "givenName", family_name AS "familyName",
  date_of_birth::text AS "dateOfBirth", status, charged_at AS "chargedAt", created_at AS "createdAt", updated_at AS "updatedAt", version`;

/**
 * The people suspected or charged on a crime. Their names are personal data of someone
 * who is not our client: they stay in the defendants table, and timelines, audit rows
 * and reports name them by their pseudonymous reference (DEF-000123) only.
 */
@Injectable()
export class DefendantsService {
  constructor(
    private readonly crimeWork: CrimeWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  add(actor: Actor, crimeId: string, request: AddDefendantRequest, idempotencyKey: string | null): Promise<CrimeAnswer<DefendantAddedResponse>> {
    this.checkDateOfBirth(request.dateOfBirth);
    return this.crimeWork.commandOnce(actor, crimeId, partnerRetry(idempotencyKey, `POST /crimes/${crimeId}/defendants`, request), async (tx, crime) => {
        const [defendant]: DefendantResponse[] = await tx.query(
          `INSERT INTO defendants (area_id, crime_id, given_name, family_name, date_of_birth) VALUES ($1, $2, $3, $4, $5) RETURNING ${DEFENDANT_COLUMNS}`,
          [crime.areaId, crime.id, request.givenName.trim(), request.familyName.trim(), request.dateOfBirth ?? null],
        );
        const now = this.clock.now();
        const changes = await this.crimeWork.recordOnJourneys(tx, actor, crime, () => ({
          events: [serviceEvent('defendant.added', now, { defendantId: defendant.id, reference: defendant.reference })],
        }));
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: 'defendant',
          entityId: defendant.id,
          areaId: crime.areaId,
          details: { crimeId: crime.id, reference: defendant.reference, fields: presentFields(request) },
        });
        return { ...defendant, journeysTold: changes.map(({ journey }) => ({ id: journey.id, reference: journey.reference })) };
    });
  }

  correct(actor: Actor, crimeId: string, defendantId: string, expectedVersion: number, request: CorrectDefendantRequest): Promise<DefendantResponse> {
    const fields = presentFields(request);
    if (fields.length === 0) throw validationFailed([{ field: 'givenName', message: 'send at least one of givenName, familyName, dateOfBirth' }]);
    this.checkDateOfBirth(request.dateOfBirth);
    return this.crimeWork.command(actor, crimeId, async (tx, crime) => {
      await this.find(tx, crime.id, defendantId, true);
      const columns: Record<string, unknown> = {};
      if (request.givenName !== undefined) columns.given_name = request.givenName.trim();
      if (request.familyName !== undefined) columns.family_name = request.familyName.trim();
      if (request.dateOfBirth !== undefined) columns.date_of_birth = request.dateOfBirth;
      await updateVersioned(tx, { table: 'defendants', id: defendantId, expectedVersion, changes: columns, what: 'The defendant' });
      await this.audit.record(tx, actor, { action: 'update', entityType: 'defendant', entityId: defendantId, areaId: crime.areaId, details: { crimeId: crime.id, fields } });
      return this.find(tx, crime.id, defendantId);
    });
  }

  get(actor: Actor, crimeId: string, defendantId: string): Promise<DefendantResponse> {
    return this.crimeWork.read(actor, crimeId, 'defendant', async (tx, crime) => {
      const defendant = await this.find(tx, crime.id, defendantId);
      await this.audit.record(tx, actor, { action: 'read', entityType: 'defendant', entityId: defendantId, areaId: crime.areaId, details: { crimeId: crime.id } });
      return defendant;
    });
  }

  private async find(tx: EntityManager, crimeId: string, defendantId: string, lock = false): Promise<DefendantResponse> {
    const [defendant]: DefendantResponse[] = await tx.query(
      `SELECT ${DEFENDANT_COLUMNS} FROM defendants WHERE id = $1 AND crime_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [defendantId, crimeId],
    );
    if (!defendant) throw notFound('The defendant');
    return defendant;
  }

  private checkDateOfBirth(dateOfBirth: string | null | undefined): void {
    const problems: FieldProblem[] = [];
    if (dateOfBirth && dateOfBirth > londonDate(this.clock.now())) problems.push({ field: 'dateOfBirth', message: 'must not be in the future' });
    if (problems.length > 0) throw validationFailed(problems);
  }
}

/** Which fields a request carries: audit rows name fields, never their values. */
function presentFields(request: object): string[] {
  return Object.entries(request).filter(([, value]) => value !== undefined).map(([field]) => field).sort();
}
