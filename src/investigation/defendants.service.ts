import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { londonDate } from '../../libs/working-days/src/index.js';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import type { FieldProblem } from '../app/domain-error.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { CrimeWork, partnerRetry, type CrimeAnswer } from '../crimes/crime-work.js';
import { serviceEvent } from '../journeys/journey-events.js';
import { DefendantsRepository } from './defendants.repository.js';
import type { AddDefendantRequest, CorrectDefendantRequest, DefendantAddedResponse, DefendantResponse } from './dto/defendant.dto.js';

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
    private readonly defendants: DefendantsRepository,
  ) {}

  add(actor: Actor, crimeId: string, request: AddDefendantRequest, idempotencyKey: string | null): Promise<CrimeAnswer<DefendantAddedResponse>> {
    this.checkDateOfBirth(request.dateOfBirth);
    return this.crimeWork.commandOnce(actor, crimeId, partnerRetry(idempotencyKey, `POST /crimes/${crimeId}/defendants`, request), async (tx, crime) => {
        const defendant = await this.defendants.insert(tx, {
          areaId: crime.areaId,
          crimeId: crime.id,
          givenName: request.givenName.trim(),
          familyName: request.familyName.trim(),
          dateOfBirth: request.dateOfBirth ?? null,
        });
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
      await this.defendants.correct(tx, defendantId, expectedVersion, {
        givenName: request.givenName?.trim(),
        familyName: request.familyName?.trim(),
        dateOfBirth: request.dateOfBirth,
      });
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
    const defendant = await this.defendants.find(tx, crimeId, defendantId, { lock });
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
