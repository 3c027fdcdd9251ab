import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { Role } from '../../access/roles.js';

@Entity({ name: 'users' })
@Index('users_email_key', { synchronize: false })
export class User extends VersionedEntity {
  /** Stored lower-case; unique case-insensitively (index in the migration). */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text', array: true })
  roles: Role[];

  /** argon2id PHC string; null for machine clients, which use an API key. */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** Tokens issued before this instant are refused (password change, reset, disable). */
  @Column({ type: 'timestamptz' })
  sessionsValidAfter: Date;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /** For partner_system clients: the non-secret prefix that finds the key, and the key's SHA-256. */
  @Column({ type: 'text', nullable: true })
  apiKeyPrefix: string | null;

  @Column({ type: 'text', nullable: true })
  apiKeyHash: string | null;

  /** Supervisor who receives this user's escalations. */
  @Column({ type: 'uuid', nullable: true })
  supervisorId: string | null;

  /** Away (leave, sickness) until this instant: reminders skip them, for their deputy when one is set. */
  @Column({ type: 'timestamptz', nullable: true })
  awayUntil: Date | null;

  /** Who takes this user's reminders and escalations while they are away. */
  @Column({ type: 'uuid', nullable: true })
  deputyId: string | null;
}
