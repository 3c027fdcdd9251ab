import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OffenceCategory } from '../../libs/victims-code/src/index.js';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { PersonFactsListeners } from '../people/person-facts.js';
import { categoriesOf, derivedBases, newDerivedBases, type EnhancedBasis } from './enhanced-bases.js';
import type { Journey } from './entities/journey.entity.js';
import { codeEvent, type NewJourneyEvent } from './journey-events.js';
import { JourneyLedger } from './journey-ledger.js';
import { JourneysRepository } from './journeys.repository.js';

/**
 * Enhanced rights from the facts (Victims' Code, "Enhanced rights"): whenever a fact that
 * decides them changes (a person's date of birth or vulnerability flags), every journey of
 * that person is derived again, and a basis the facts now show is recorded on its timeline
 * (`enhanced-rights.recorded`, `derived: true`) from the moment of the change: duties
 * opened from then on get the enhanced timescales, earlier ones keep theirs. A basis the
 * facts no longer show stays until staff remove it with a reason (the derivation never
 * takes a right away by itself).
 */
@Injectable()
export class EnhancedRightsService implements OnModuleInit {
  constructor(
    private readonly ledger: JourneyLedger,
    private readonly journeys: JourneysRepository,
    private readonly audit: AuditService,
    private readonly personFacts: PersonFactsListeners,
  ) {}

  onModuleInit(): void {
    this.personFacts.register((tx, actor, personId, changedAt) => this.deriveForPerson(tx, actor, personId, changedAt));
  }

  /** Derives again for every journey of the person in the caller's areas, in id order (so two changes queue, never deadlock). */
  async deriveForPerson(tx: EntityManager, actor: Actor, personId: string, at: Date): Promise<void> {
    const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM journeys WHERE person_id = $1 ORDER BY id`, [personId]);
    for (const { id } of rows) {
      const journey = await this.journeys.lockInScope(tx, AccessScope.of(actor), id);
      if (journey) await this.derive(tx, actor, journey, at);
    }
  }

  /** Records the bases the facts show that the journey does not hold yet; answers those it added (none: nothing recorded). */
  async derive(tx: EntityManager, actor: Actor, journey: Journey, at: Date): Promise<EnhancedBasis[]> {
    const [facts]: Array<{ offence_category: OffenceCategory; offence_date: string | null; reported_at: Date; date_of_birth: string | null; vulnerability_flags: string[] }> =
      await tx.query(
        `SELECT c.offence_category, c.offence_date::text AS offence_date, c.reported_at, p.date_of_birth::text AS date_of_birth, p.vulnerability_flags
           FROM journeys j JOIN people p ON p.id = j.person_id JOIN crimes c ON c.id = j.crime_id
          WHERE j.id = $1`,
        [journey.id],
      );
    const shown = derivedBases({
      offenceCategory: facts.offence_category,
      offenceDate: facts.offence_date,
      reportedAt: new Date(facts.reported_at),
      dateOfBirth: facts.date_of_birth,
      vulnerabilityFlags: facts.vulnerability_flags ?? [],
    });
    const added = newDerivedBases(journey.enhancedBases, shown, at, actor.userId);
    if (added.length === 0) return [];
    const bases = [...journey.enhancedBases, ...added];
    const categories = categoriesOf(bases);
    const change = await this.ledger.record(tx, actor, journey, [enhancedRightsRecorded(at, bases, added, true)], {
      enhancedBases: bases,
      enhancedCategories: categories,
      enhancedDecidedBy: actor.userId,
    });
    await this.audit.record(tx, actor, {
      action: 'update',
      entityType: 'journey',
      entityId: change.journey.id,
      areaId: change.journey.areaId,
      details: { fields: ['enhancedBases', 'enhancedCategories'], kind: 'derived', added: added.map(({ category, reason }) => ({ category, reason })) },
    });
    return added;
  }
}

/**
 * The timeline's record of enhanced rights: every category the journey now holds (what the
 * engine reads), and the bases this event added, each with its source (who and when).
 */
export function enhancedRightsRecorded(at: Date, held: readonly EnhancedBasis[], added: readonly EnhancedBasis[], derived: boolean): NewJourneyEvent {
  return codeEvent('enhanced-rights.recorded', at, { categories: categoriesOf(held) }, {}, {
    bases: added.map(({ category, reason, source, recordedBy }) => ({ category, reason, source, recordedBy })),
    derived,
  });
}
