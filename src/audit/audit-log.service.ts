import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { validationFailed } from '../app/common.errors.js';
import { TransactionRunner } from '../database/transaction.js';
import { AuditService } from './audit.service.js';
import type { AuditEntryResponse, AuditPageResponse, AuditQuery, PersonAccessResponse } from './dto/audit.dto.js';
import { AuditEntry } from './entities/audit-entry.entity.js';

function toResponse(entry: AuditEntry): AuditEntryResponse {
  return { ...entry };
}

/** Reading the audit log: auditors and admins only, and each query is itself audited. */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async search(actor: Actor, query: AuditQuery): Promise<AuditPageResponse> {
    return this.transactions.run(async (tx) => {
      const builder = tx.createQueryBuilder(AuditEntry, 'a').orderBy('a.seq', 'ASC').take(query.limit);
      if (query.entityType) builder.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
      if (query.entityId) builder.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
      if (query.actorUserId) builder.andWhere('a.actor_user_id = :actorUserId', { actorUserId: query.actorUserId });
      if (query.action) builder.andWhere('a.action = :action', { action: query.action });
      if (query.from) builder.andWhere('a.at >= :from', { from: query.from });
      if (query.to) builder.andWhere('a.at < :to', { to: query.to });
      if (query.afterSeq) builder.andWhere('a.seq > :afterSeq', { afterSeq: query.afterSeq });
      const entries = await builder.getMany();
      await this.audit.record(tx, actor, {
        action: 'audit_queried',
        entityType: 'audit_log',
        details: { filters: Object.keys(query).filter((key) => query[key as keyof AuditQuery] !== undefined) },
      });
      return {
        items: entries.map(toResponse),
        ...(entries.length === query.limit ? { nextAfterSeq: entries[entries.length - 1].seq } : {}),
      };
    });
  }

  /**
   * "Who saw this person's record" (DPA 2018 s.62): every audited answer that exposed the
   * person in the range, whatever it was about (their record, journey, timeline, contact
   * attempts, complaints, a search that listed them), with its reason, and every refused
   * attempt to reach their journey or record.
   */
  async personAccess(actor: Actor, personId: string, from: Date, to: Date): Promise<PersonAccessResponse> {
    if (to <= from) throw validationFailed([{ field: 'to', message: 'must be after from' }]);
    return this.transactions.run(async (tx) => {
      const entries = await tx
        .createQueryBuilder(AuditEntry, 'a')
        .where('a.person_ids @> ARRAY[:id]::uuid[]', { id: personId })
        .andWhere("a.action <> 'audit_queried'")
        .andWhere('a.at >= :from AND a.at < :to', { from, to })
        .orderBy('a.seq', 'ASC')
        .take(10_000)
        .getMany();
      await this.audit.record(tx, actor, {
        action: 'audit_queried',
        entityType: 'person',
        entityId: personId,
        details: { report: 'person_access', from: from.toISOString(), to: to.toISOString() },
      });
      return {
        personId,
        entries: entries.map(toResponse),
        distinctUsers: new Set(entries.map((entry) => entry.actorUserId).filter(Boolean)).size,
      };
    });
  }
}
