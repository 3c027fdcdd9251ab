import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_ACTIONS = [
  'read',
  'list',
  'create',
  'update',
  'delete',
  'login',
  'login_failed',
  'logout',
  'token_reuse_detected',
  'password_changed',
  'password_reset',
  'user_created',
  'user_updated',
  'audit_queried',
  'access_denied',
  'search',
  'import',
  'report',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Append-only: the app's database role has INSERT and SELECT only (composition/app-role.ts),
 * and triggers refuse UPDATE, DELETE and TRUNCATE. `seq` is the insert order, with gaps where
 * a transaction rolled back; the gap-free order, the keyed hash chain and the signed tree
 * heads are the sealer's (audit_chain, audit_tree_heads). `xact_id` (the writing
 * transaction, xid8) is read by raw SQL only; TypeORM has no such column type.
 */
@Entity({ name: 'audit_log' })
@Index('audit_log_entity_idx', ['entityType', 'entityId', 'at'])
@Index('audit_log_actor_idx', ['actorUserId', 'at'])
export class AuditEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  @Column({ type: 'text' })
  action: AuditAction;

  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'text', nullable: true })
  entityId: string | null;

  @Column({ type: 'uuid', nullable: true })
  areaId: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  /** Why the record was consulted (DPA 2018 s.62 justification), when the caller gave one. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Every person the audited answer exposed (GIN-indexed: audit_log_person_idx). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'::uuid[]" })
  personIds: string[];

  /** Ids and field names only, never values of personal data. */
  @Column({ type: 'jsonb', default: {} })
  details: Record<string, unknown>;
}
