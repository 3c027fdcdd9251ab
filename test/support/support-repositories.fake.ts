import type { EntityManager } from 'typeorm';
import { CommonError, notFound } from '../../src/app/common.errors.js';
import type { ContactAttemptsRepository, NewContactAttempt } from '../../src/support/contact-attempts.repository.js';
import type { CopeRecoverRepository, NewMeasure } from '../../src/support/cope-recover.repository.js';
import type { ContactAttemptResponse } from '../../src/support/dto/contact-attempt.dto.js';
import type { CopeRecoverMeasureView } from '../../src/support/dto/cope-recover.dto.js';
import type { NeedsAssessmentResponse } from '../../src/support/dto/needs-assessment.dto.js';
import type { OnwardReferralResponse } from '../../src/support/dto/onward-referral.dto.js';
import type { SupportActionResponse } from '../../src/support/dto/support-action.dto.js';
import type { NeedsAssessmentsRepository, NewNeedsAssessment } from '../../src/support/needs-assessments.repository.js';
import type { NewOnwardReferral, OnwardReferralsRepository } from '../../src/support/onward-referrals.repository.js';
import type { NewSupportAction, SupportActionChanges, SupportPlanRepository } from '../../src/support/support-plan.repository.js';
import type { CopeRecoverPoint, OnwardOutcome } from '../../src/support/support-vocabulary.js';

/**
 * The support module's repositories in memory, for its service specs: rows in arrays
 * (make them with JourneyFrame.table() so they roll back with a refused command), the same
 * answers and the same optimistic locking (a stale version is a 409) as the SQL.
 */

export class InMemoryContactAttempts implements ContactAttemptsRepository {
  constructor(readonly rows: ContactAttemptResponse[] = []) {}

  async count(_tx: EntityManager, journeyId: string): Promise<number> {
    return this.rows.filter((row) => row.journeyId === journeyId).length;
  }

  async insert(_tx: EntityManager, attempt: NewContactAttempt): Promise<ContactAttemptResponse> {
    const { areaId: _areaId, ...row } = { ...attempt, recordedAt: attempt.attemptedAt };
    this.rows.push(row);
    return row;
  }

  async list(_tx: EntityManager, journeyId: string): Promise<ContactAttemptResponse[]> {
    return this.rows.filter((row) => row.journeyId === journeyId);
  }
}

type StoredMeasure = CopeRecoverMeasureView & { journeyId: string; supersededAt: Date | null };

export class InMemoryCopeRecover implements CopeRecoverRepository {
  constructor(readonly rows: StoredMeasure[] = []) {}

  async insert(_tx: EntityManager, measure: NewMeasure): Promise<CopeRecoverMeasureView> {
    const row: StoredMeasure = { ...view(measure), journeyId: measure.journeyId, supersededAt: null };
    this.rows.push(row);
    return view(row);
  }

  async current(_tx: EntityManager, journeyId: string, point: CopeRecoverPoint): Promise<CopeRecoverMeasureView | null> {
    const row = this.rows.find((measure) => measure.journeyId === journeyId && measure.point === point && !measure.supersededAt);
    return row ? view(row) : null;
  }

  async supersedeEnd(_tx: EntityManager, journeyId: string, at: Date): Promise<string | null> {
    const row = this.rows.find((measure) => measure.journeyId === journeyId && measure.point === 'end' && !measure.supersededAt);
    if (!row) return null;
    row.supersededAt = at;
    return row.id;
  }
}

function view(measure: NewMeasure | StoredMeasure): CopeRecoverMeasureView {
  return {
    id: measure.id,
    point: measure.point,
    frameworkVersion: measure.frameworkVersion,
    answers: measure.answers,
    missingReason: measure.missingReason,
    takenAt: measure.takenAt,
    recordedBy: measure.recordedBy,
  };
}

export class InMemoryNeedsAssessments implements NeedsAssessmentsRepository {
  constructor(readonly rows: NewNeedsAssessment[] = []) {}

  async insert(_tx: EntityManager, assessment: NewNeedsAssessment): Promise<void> {
    this.rows.push(assessment);
  }

  async list(_tx: EntityManager, journeyId: string, onlyId?: string): Promise<NeedsAssessmentResponse[]> {
    return this.rows
      .filter((row) => row.journeyId === journeyId && (!onlyId || row.id === onlyId))
      .map(({ areaId: _areaId, needs, ...row }) => ({ ...row, needs: needs.map((need) => ({ ...need })) }));
  }
}

export class InMemorySupportPlan implements SupportPlanRepository {
  constructor(
    readonly rows: Array<SupportActionResponse & { areaId: string }> = [],
    /** Users and organisations that may own an action. */
    readonly users = new Set<string>(),
    readonly organisations = new Set<string>(),
  ) {}

  async insert(_tx: EntityManager, action: NewSupportAction): Promise<SupportActionResponse> {
    const at = new Date('2026-01-01T00:00:00Z');
    const row = { ...action, status: 'open' as const, completedAt: null, createdAt: at, updatedAt: at, version: 1 };
    this.rows.push(row);
    return { ...row };
  }

  async lock(_tx: EntityManager, journeyId: string, id: string): Promise<SupportActionResponse | null> {
    const row = this.rows.find((action) => action.id === id && action.journeyId === journeyId);
    return row ? { ...row } : null;
  }

  async update(_tx: EntityManager, id: string, expectedVersion: number, changes: SupportActionChanges): Promise<void> {
    const row = this.rows.find((action) => action.id === id);
    if (!row) throw notFound('The support action');
    if (row.version !== expectedVersion) throw CommonError.of('CONFLICT', 'The support action was changed by someone else; reload it and try again', { expectedVersion });
    if (changes.description !== undefined) row.description = changes.description;
    if (changes.dueOn !== undefined) row.dueOn = changes.dueOn;
    if (changes.owner) {
      row.ownerUserId = changes.owner.userId;
      row.ownerOrganisationId = changes.owner.organisationId;
    }
    if (changes.status !== undefined) row.status = changes.status;
    if (changes.completedAt !== undefined) row.completedAt = changes.completedAt;
    row.version += 1;
  }

  async byId(_tx: EntityManager, id: string): Promise<SupportActionResponse> {
    return { ...this.rows.find((action) => action.id === id)! };
  }

  async list(_tx: EntityManager, journeyId: string): Promise<SupportActionResponse[]> {
    return this.rows.filter((action) => action.journeyId === journeyId).map((action) => ({ ...action }));
  }

  async isActiveCaseWorkerInArea(_tx: EntityManager, userId: string, _areaId: string): Promise<boolean> {
    return this.users.has(userId);
  }

  async isOrganisation(_tx: EntityManager, organisationId: string): Promise<boolean> {
    return this.organisations.has(organisationId);
  }
}

export class InMemoryOnwardReferrals implements OnwardReferralsRepository {
  constructor(readonly rows: Array<OnwardReferralResponse & { areaId: string }> = []) {}

  async insert(_tx: EntityManager, referral: NewOnwardReferral): Promise<OnwardReferralResponse> {
    const row = { ...referral, outcome: 'pending' as OnwardOutcome, outcomeAt: null, version: 1 };
    this.rows.push(row);
    return { ...row };
  }

  async lock(_tx: EntityManager, journeyId: string, id: string): Promise<OnwardReferralResponse | null> {
    const row = this.rows.find((referral) => referral.id === id && referral.journeyId === journeyId);
    return row ? { ...row } : null;
  }

  async recordOutcome(_tx: EntityManager, id: string, expectedVersion: number, outcome: Exclude<OnwardOutcome, 'pending'>, outcomeAt: Date): Promise<void> {
    const row = this.rows.find((referral) => referral.id === id);
    if (!row) throw notFound('The onward referral');
    if (row.version !== expectedVersion) throw CommonError.of('CONFLICT', 'The onward referral was changed by someone else; reload it and try again', { expectedVersion });
    Object.assign(row, { outcome, outcomeAt, version: row.version + 1 });
  }

  async byId(_tx: EntityManager, id: string): Promise<OnwardReferralResponse> {
    return { ...this.rows.find((referral) => referral.id === id)! };
  }

  async list(_tx: EntityManager, journeyId: string): Promise<OnwardReferralResponse[]> {
    return this.rows.filter((referral) => referral.journeyId === journeyId).map((referral) => ({ ...referral }));
  }
}
