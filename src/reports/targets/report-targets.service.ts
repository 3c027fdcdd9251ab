import { Injectable } from '@nestjs/common';
import { RULE_IDS } from '../../../libs/victims-code/src/index.js';
import { AccessScope } from '../../access/access-scope.js';
import type { Actor } from '../../access/actor.js';
import { CommonError, notFound, validationFailed } from '../../app/common.errors.js';
import { AuditService } from '../../audit/audit.service.js';
import { TransactionRunner } from '../../database/transaction.js';
import type { ReportTargetResponse } from './report-targets.dto.js';
import { ReportTargetsRepository, type ReportTargetRow } from './report-targets.repository.js';

const RULES = new Set<string>(RULE_IDS);

function toResponse(row: ReportTargetRow): ReportTargetResponse {
  return { areaId: row.area_id, ruleId: row.rule_id, targetPercent: Number(row.target_percent), version: row.version, updatedAt: new Date(row.updated_at) };
}

/**
 * Targets of % on time per rule and area (issue 21 part 4): admins set them for any area;
 * commissioners and supervisors read their own areas'. A target is not personal data; each
 * change is audited with the old and new figure.
 */
@Injectable()
export class ReportTargetsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: ReportTargetsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, areaId?: string): Promise<ReportTargetResponse[]> {
    const admin = actor.roles.includes('admin');
    if (areaId) {
      await this.checkArea(actor, areaId, admin);
      return (await this.repository.forAreas(this.transactions.manager, [areaId])).map(toResponse);
    }
    const rows = admin ? await this.repository.all(this.transactions.manager) : await this.repository.forAreas(this.transactions.manager, AccessScope.of(actor).areaIds);
    return rows.map(toResponse);
  }

  /**
   * The targets of these areas by rule, for a report over them: one area's own, and over
   * several areas a rule's target only when every area set the same one (an average of
   * targets means nothing to anyone).
   */
  async byRule(areaIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.repository.forAreas(this.transactions.manager, areaIds);
    const found = new Map<string, number[]>();
    for (const row of rows) found.set(row.rule_id, [...(found.get(row.rule_id) ?? []), Number(row.target_percent)]);
    const targets = new Map<string, number>();
    for (const [ruleId, values] of found) {
      if (values.length === areaIds.length && values.every((value) => value === values[0])) targets.set(ruleId, values[0]);
    }
    return targets;
  }

  /**
   * Sets a rule's target for an area. Replacing one needs its version (If-Match: 428
   * without, 409 when stale); a new one is made without, and If-Match on a target that
   * does not exist (removed meanwhile) is a 409 too.
   */
  async set(actor: Actor, areaId: string, ruleId: string, expectedVersion: number | undefined, targetPercent: number): Promise<ReportTargetResponse> {
    this.checkRule(ruleId);
    await this.checkArea(actor, areaId, true);
    return this.transactions.run(async (tx) => {
      const existing = await this.repository.find(tx, areaId, ruleId, true);
      let row: ReportTargetRow | null;
      if (!existing) {
        if (expectedVersion !== undefined) throw CommonError.of('CONFLICT', 'The target was removed by someone else; reload it and try again', { expectedVersion });
        row = await this.repository.insert(tx, areaId, ruleId, targetPercent);
        if (!row) throw CommonError.of('CONFLICT', 'Someone else set this target meanwhile; reload it and try again');
      } else {
        if (expectedVersion === undefined) throw CommonError.of('PRECONDITION_REQUIRED', 'The target exists: send If-Match with the ETag you read, so a concurrent change is not overwritten');
        row = await this.repository.update(tx, existing.id, expectedVersion, targetPercent);
        if (!row) throw CommonError.of('CONFLICT', 'The target was changed by someone else; reload it and try again', { expectedVersion });
      }
      await this.audit.record(tx, actor, {
        action: existing ? 'update' : 'create',
        entityType: 'report_target',
        entityId: row.id,
        areaId,
        details: { ruleId, targetPercent, previousPercent: existing ? Number(existing.target_percent) : null, version: row.version },
      });
      return toResponse(row);
    });
  }

  async remove(actor: Actor, areaId: string, ruleId: string, expectedVersion: number): Promise<void> {
    this.checkRule(ruleId);
    await this.checkArea(actor, areaId, true);
    await this.transactions.run(async (tx) => {
      const existing = await this.repository.find(tx, areaId, ruleId, true);
      if (!existing) throw notFound('The target');
      if (!(await this.repository.delete(tx, existing.id, expectedVersion))) {
        throw CommonError.of('CONFLICT', 'The target was changed by someone else; reload it and try again', { expectedVersion });
      }
      await this.audit.record(tx, actor, {
        action: 'delete',
        entityType: 'report_target',
        entityId: existing.id,
        areaId,
        details: { ruleId, previousPercent: Number(existing.target_percent) },
      });
    });
  }

  private checkRule(ruleId: string): void {
    if (!RULES.has(ruleId)) throw validationFailed([{ field: 'ruleId', message: 'must be a rule of the Code, e.g. support.first-contact' }]);
  }

  /** Admins may name any area that exists; others only their own (another is a 404, audited). */
  private async checkArea(actor: Actor, areaId: string, anyArea: boolean): Promise<void> {
    if (anyArea && actor.roles.includes('admin')) {
      if (!(await this.repository.areaExists(this.transactions.manager, areaId))) throw notFound('The area');
      return;
    }
    if (!AccessScope.of(actor).allows(areaId)) {
      await this.transactions.run((tx) => this.audit.record(tx, actor, { action: 'access_denied', entityType: 'area', entityId: areaId, details: { what: 'report_targets' } }));
      throw notFound('The area');
    }
  }
}
