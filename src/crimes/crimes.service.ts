import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import type { CrimeRef } from './crime-ref.js';
import type { JourneyRole, JourneyStage } from '../journeys/journey-vocabulary.js';
import { CrimeWork } from './crime-work.js';
import { CrimesRepository } from './crimes.repository.js';
import type { CrimeLookupResponse, CrimeResponse, CrimeSummary, DefendantView } from './dto/crime.dto.js';

/** Finding a crime by the police's reference, and reading it with its journeys and defendants. */
@Injectable()
export class CrimesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly crimes: CrimesRepository,
    private readonly work: CrimeWork,
    private readonly audit: AuditService,
  ) {}

  /** No personal data in the answer; audited as a search with the ids found, as journey searches are. */
  lookup(actor: Actor, reference: string): Promise<CrimeLookupResponse> {
    return this.transactions.run(async (tx) => {
      const found = await this.crimes.byReference(tx, AccessScope.of(actor), reference.trim());
      await this.audit.record(tx, actor, { action: 'search', entityType: 'crime', details: { by: 'crime_reference', found: found.map((crime) => crime.id) } });
      return { items: found.map(summaryOf) };
    });
  }

  get(actor: Actor, crimeId: string): Promise<CrimeResponse> {
    return this.work.read(actor, crimeId, 'summary', (tx, crime) => this.view(tx, crime));
  }

  async view(tx: EntityManager, crime: CrimeRef): Promise<CrimeResponse> {
    const journeys: Array<{ id: string; reference: string; role: JourneyRole; stage: JourneyStage }> = await tx.query(
      `SELECT id, reference, role, stage FROM journeys WHERE crime_id = $1 ORDER BY referred_at, reference`,
      [crime.id],
    );
    return { ...summaryOf(crime), offenceDate: crime.offenceDate, journeys, defendants: await this.defendants(tx, crime.id) };
  }

  async defendants(tx: EntityManager, crimeId: string): Promise<DefendantView[]> {
    const rows: Array<{ id: string; reference: string; given_name: string; family_name: string; date_of_birth: string | null }> = await tx.query(
      `SELECT id, reference, given_name, family_name, date_of_birth::text AS date_of_birth FROM defendants WHERE crime_id = $1 ORDER BY reference`,
      [crimeId],
    );
    return rows.map((row) => ({ id: row.id, reference: row.reference, givenName: row.given_name, familyName: row.family_name, dateOfBirth: row.date_of_birth }));
  }
}

function summaryOf(crime: CrimeRef): CrimeSummary {
  return { id: crime.id, areaId: crime.areaId, crimeReference: crime.crimeReference, offenceCategory: crime.offenceCategory, reportedAt: crime.reportedAt };
}
