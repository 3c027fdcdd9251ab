import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InformationKind } from '../../libs/victims-code/src/index.js';
import type { Actor } from '../access/actor.js';
import { JOURNEY_WORKERS } from '../access/roles.js';
import { Clock, futureInstantProblems } from '../app/clock.js';
import type { FieldProblem } from '../app/domain-error.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import type { JourneyResponse } from './dto/journey.dto.js';
import type { AssignLeadRequest, ContactPreferencesRequest, RecordEnhancedRightsRequest } from './dto/journey-management.dto.js';
import type { Journey } from './entities/journey.entity.js';
import { codeEvent, type NewJourneyEvent, serviceEvent } from './journey-events.js';
import { categoriesOf, sameBasis, type EnhancedBasis } from './enhanced-bases.js';
import { enhancedRightsRecorded } from './enhanced-rights.service.js';
import { JourneyLedger, type JourneyChanges } from './journey-ledger.js';
import { JourneysService } from './journeys.service.js';
import { JourneyError } from './journeys.errors.js';

/**
 * Commands on a journey's own settings: who leads it, the victim's enhanced rights and
 * what the victim wants to be told. Each runs in one transaction through the JourneyLedger
 * and answers the journey as it now is.
 */
@Injectable()
export class JourneyManagementService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly ledger: JourneyLedger,
    private readonly journeys: JourneysService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Assigns the lead worker and organisation. Taking a lead from someone else is a handover:
   * the Code promises a victim is "not passed from one agency to another without good
   * cause", so a handover needs a reason from the fixed list and a note.
   */
  assignLead(actor: Actor, journeyId: string, expectedVersion: number, request: AssignLeadRequest): Promise<JourneyResponse> {
    if (!request.workerId && !request.organisationId) {
      throw validationFailed([
        { field: 'workerId', message: 'give a workerId, an organisationId or both' },
        { field: 'organisationId', message: 'give a workerId, an organisationId or both' },
      ]);
    }
    return this.transactions.run(async (tx) => {
      const journey = await this.ledger.lock(tx, actor, journeyId, expectedVersion);
      if (journey.stage === 'closed') throw JourneyError.of('JOURNEY_CLOSED', 'Reopen the journey before changing its lead');

      let organisationId = request.organisationId ?? null;
      if (request.workerId) {
        const workerOrganisation = await this.eligibleWorkerOrganisation(tx, request.workerId, journey.areaId);
        if (!workerOrganisation) {
          throw validationFailed([{ field: 'workerId', message: 'must be an enabled caseworker or supervisor working in the journey’s area' }]);
        }
        if (organisationId && organisationId !== workerOrganisation) {
          throw validationFailed([{ field: 'organisationId', message: 'must be the worker’s own organisation' }]);
        }
        organisationId = workerOrganisation;
      } else if (organisationId) {
        const [exists] = await tx.query(`SELECT 1 FROM organisations WHERE id = $1`, [organisationId]);
        if (!exists) throw validationFailed([{ field: 'organisationId', message: 'is not a known organisation' }]);
      }
      // A lead worker belongs to the lead organisation: naming only a new organisation leaves the journey to its team.
      const workerId = request.workerId ?? (organisationId === journey.leadOrganisationId ? journey.leadWorkerId : null);

      const from = { workerId: journey.leadWorkerId, organisationId: journey.leadOrganisationId };
      const to = { workerId, organisationId };
      if (from.workerId === to.workerId && from.organisationId === to.organisationId) return this.journeys.view(tx, journey);

      const handover =
        (from.workerId !== null && from.workerId !== to.workerId) || (from.organisationId !== null && from.organisationId !== to.organisationId);
      const now = this.clock.now();
      let event: NewJourneyEvent;
      if (handover) {
        const missing: FieldProblem[] = [];
        if (!request.reason) missing.push({ field: 'reason', message: 'is required when the journey passes to a new lead' });
        if (!request.note) missing.push({ field: 'note', message: 'is required when the journey passes to a new lead' });
        if (missing.length > 0) throw validationFailed(missing);
        event = serviceEvent('journey.handed-over', now, { from, to, reason: request.reason, note: request.note });
      } else {
        event = serviceEvent('lead-worker.assigned', now, {
          ...to,
          ...(request.reason ? { reason: request.reason } : {}),
          ...(request.note ? { note: request.note } : {}),
        });
      }
      const change = await this.ledger.record(tx, actor, journey, [event], { leadWorkerId: workerId, leadOrganisationId: organisationId });
      await this.audited(tx, actor, change.journey, ['leadWorkerId', 'leadOrganisationId'], handover ? 'handover' : 'assignment');
      return this.journeys.view(tx, change.journey);
    });
  }

  /**
   * Records, basis by basis, why the victim is entitled to enhanced rights, with who and
   * when: bases the staff member (or a police officer's partner system) found, confirming
   * those the facts already showed, and removals of bases (each with why, audited). New
   * bases go on the timeline as `enhanced-rights.recorded`: duties opened from `decidedAt`
   * get enhanced deadlines, earlier ones keep theirs (VICTIMS_CODE.md "Enhanced rights").
   */
  recordEnhancedRights(actor: Actor, journeyId: string, expectedVersion: number, request: RecordEnhancedRightsRequest): Promise<JourneyResponse> {
    const now = this.clock.now();
    const decidedAt = request.decidedAt ? new Date(request.decidedAt) : now;
    const problems = futureInstantProblems({ decidedAt }, now);
    if (!request.categories && !request.bases && !request.removals) {
      const message = 'give categories, bases or removals';
      problems.push({ field: 'categories', message }, { field: 'bases', message }, { field: 'removals', message });
    }
    if (request.categories && !request.reason) problems.push({ field: 'reason', message: 'is required with categories' });
    if (problems.length > 0) throw validationFailed(problems);
    return this.transactions.run(async (tx) => {
      const journey = await this.ledger.lock(tx, actor, journeyId, expectedVersion);
      const stamp = { by: actor.userId, at: decidedAt.toISOString() };
      let bases: EnhancedBasis[] = journey.enhancedBases.map((basis) => ({ ...basis }));
      const removed: Array<{ category: string; reason: string; source: string; removalReason: string }> = [];
      const removalProblems: FieldProblem[] = [];
      (request.removals ?? []).forEach((removal, index) => {
        const held = bases.find((basis) => sameBasis(basis, removal));
        if (!held) {
          removalProblems.push({ field: `removals[${index}]`, message: 'is not a basis this journey holds' });
          return;
        }
        bases = bases.filter((basis) => basis !== held);
        removed.push({ category: held.category, reason: held.reason, source: held.source, removalReason: removal.removalReason });
      });
      if (removalProblems.length > 0) throw validationFailed(removalProblems);

      const wanted = [
        ...(request.categories ?? []).map((category) => ({ category, reason: 'staff_finding' as const })),
        ...(request.bases ?? []),
      ];
      const added: EnhancedBasis[] = [];
      const confirmed: EnhancedBasis[] = [];
      for (const want of wanted) {
        const held = bases.find((basis) => sameBasis(basis, want));
        if (!held) {
          const basis: EnhancedBasis = { category: want.category, reason: want.reason, source: 'staff', recordedBy: stamp.by, recordedAt: stamp.at };
          bases.push(basis);
          added.push(basis);
        } else if (held.source === 'derived' && !held.confirmedBy) {
          held.confirmedBy = stamp.by;
          held.confirmedAt = stamp.at;
          confirmed.push(held);
        }
      }

      const events: NewJourneyEvent[] = [];
      if (added.length > 0) events.push(enhancedRightsRecorded(decidedAt, bases, added, false));
      for (const basis of confirmed) events.push(serviceEvent('enhanced-rights.basis-confirmed', decidedAt, { category: basis.category, reason: basis.reason }));
      for (const basis of removed) events.push(serviceEvent('enhanced-rights.basis-removed', now, basis));
      if (events.length === 0) return this.journeys.view(tx, journey);

      const changes: JourneyChanges = { enhancedBases: bases, enhancedCategories: categoriesOf(bases), enhancedDecidedBy: actor.userId };
      if (request.reason) changes.enhancedReason = request.reason;
      const change = await this.ledger.record(tx, actor, journey, events, changes);
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'journey',
        entityId: change.journey.id,
        areaId: change.journey.areaId,
        details: {
          fields: ['enhancedBases', 'enhancedCategories', ...(request.reason ? ['enhancedReason'] : [])],
          kind: 'enhanced_rights',
          added: added.map(({ category, reason }) => ({ category, reason })),
          confirmed: confirmed.map(({ category, reason }) => ({ category, reason })),
          removed,
        },
      });
      return this.journeys.view(tx, change.journey);
    });
  }

  /**
   * Sets what the victim does not want to be told (the whole list) and the person they
   * want to be told through. Opting out withdraws open duties of those kinds; opting back
   * in lets new ones open again.
   */
  setContactPreferences(actor: Actor, journeyId: string, expectedVersion: number, request: ContactPreferencesRequest): Promise<JourneyResponse> {
    return this.transactions.run(async (tx) => {
      const journey = await this.ledger.lock(tx, actor, journeyId, expectedVersion);
      const wanted = new Set<InformationKind>(request.optedOutOf);
      const current = new Set<InformationKind>(journey.optedOutOf);
      const newlyOut = [...wanted].filter((kind) => !current.has(kind));
      const backIn = [...current].filter((kind) => !wanted.has(kind));
      const now = this.clock.now();
      const events: NewJourneyEvent[] = [];
      if (newlyOut.length > 0) events.push(codeEvent('contact-preference.opted-out', now, { kinds: newlyOut }));
      if (backIn.length > 0) events.push(codeEvent('contact-preference.opted-in', now, { kinds: backIn }));
      const changes: JourneyChanges = {};
      const fields: string[] = [];
      if (events.length > 0) fields.push('optedOutOf');
      if (request.informationVia !== undefined && request.informationVia !== journey.informationVia) {
        changes.informationVia = request.informationVia;
        fields.push('informationVia');
        // The name stays on the journey row; the timeline only says whether there is one.
        events.push(serviceEvent('information-via.changed', now, { named: request.informationVia !== null }));
      }
      if (events.length === 0) return this.journeys.view(tx, journey);
      const change = await this.ledger.record(tx, actor, journey, events, changes);
      await this.audited(tx, actor, change.journey, fields);
      return this.journeys.view(tx, change.journey);
    });
  }

  /**
   * Who may lead this journey: enabled caseworkers and supervisors working in its area, by
   * name (the choices of a handover form). The journey is read in the caller's scope.
   */
  eligibleLeads(actor: Actor, journeyId: string): Promise<Array<{ id: string; name: string; organisationName: string }>> {
    return this.journeys.readInScope(actor, journeyId, 'eligible_leads', (tx, journey) =>
      tx.query(
        `SELECT u.id, u.display_name AS name, o.name AS "organisationName" FROM users u JOIN organisations o ON o.id = u.organisation_id
          WHERE u.disabled_at IS NULL AND u.roles && $1::text[]
            AND EXISTS (SELECT 1 FROM user_areas ua WHERE ua.user_id = u.id AND ua.area_id = $2)
          ORDER BY u.display_name, u.id`,
        [JOURNEY_WORKERS, journey.areaId],
      ),
    );
  }

  private async eligibleWorkerOrganisation(tx: EntityManager, workerId: string, areaId: string): Promise<string | null> {
    const [row]: Array<{ organisation_id: string }> = await tx.query(
      `SELECT u.organisation_id FROM users u
        WHERE u.id = $1 AND u.disabled_at IS NULL AND u.roles && $2::text[]
          AND EXISTS (SELECT 1 FROM user_areas ua WHERE ua.user_id = u.id AND ua.area_id = $3)`,
      [workerId, JOURNEY_WORKERS, areaId],
    );
    return row?.organisation_id ?? null;
  }

  private audited(tx: EntityManager, actor: Actor, journey: Journey, fields: string[], kind?: string): Promise<void> {
    return this.audit.record(tx, actor, {
      action: 'update',
      entityType: 'journey',
      entityId: journey.id,
      areaId: journey.areaId,
      details: { fields, ...(kind ? { kind } : {}) },
    });
  }
}
