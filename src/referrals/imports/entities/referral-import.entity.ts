import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../../database/base.entity.js';

export const REFERRAL_IMPORT_MODES = ['all_or_nothing', 'import_valid_rows'] as const;
export type ReferralImportMode = (typeof REFERRAL_IMPORT_MODES)[number];

export const REFERRAL_IMPORT_STATUSES = ['queued', 'validating', 'importing', 'completed', 'rejected', 'failed'] as const;
export type ReferralImportStatus = (typeof REFERRAL_IMPORT_STATUSES)[number];

/** Statuses an import leaves only by being run (again). */
export const UNFINISHED_IMPORT_STATUSES: readonly ReferralImportStatus[] = ['queued', 'validating', 'importing'];

/**
 * A CSV file of police referrals taken in by the worker. It keeps who uploaded it (their
 * roles and areas at upload, so the job acts with exactly that scope) and the file itself
 * until the import ends: then `content` is emptied, so personal data does not linger.
 */
@Entity({ name: 'referral_imports' })
@Index('referral_imports_status_idx', ['status', 'createdAt'])
export class ReferralImport extends VersionedEntity {
  @Column({ type: 'uuid' })
  createdBy: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text', array: true })
  actorRoles: string[];

  @Column({ type: 'uuid', array: true })
  actorAreaIds: string[];

  @Column({ type: 'text', nullable: true })
  fileName: string | null;

  @Column({ type: 'text' })
  mode: ReferralImportMode;

  @Column({ type: 'text' })
  status: ReferralImportStatus;

  @Column({ type: 'text', nullable: true })
  content: string | null;

  @Column({ type: 'integer', nullable: true })
  totalRows: number | null;

  @Column({ type: 'integer', default: 0 })
  validatedRows: number;

  @Column({ type: 'integer', default: 0 })
  importedRows: number;

  @Column({ type: 'integer', default: 0 })
  linkedRows: number;

  @Column({ type: 'integer', default: 0 })
  rejectedRows: number;

  /** Runs started; the import fails after MAX_IMPORT_ATTEMPTS. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Why the import failed, without personal data. */
  @Column({ type: 'text', nullable: true })
  failure: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
