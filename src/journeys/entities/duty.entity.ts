import { Column, Entity, Index } from 'typeorm';
import type { DutyOwner, DutyStatus, DutySubject, RuleId, WithdrawalReason } from '../../../libs/victims-code/src/index.js';
import { VersionedEntity } from '../../database/base.entity.js';

/**
 * A Victims' Code duty owed on a journey, as libs/victims-code decided it. It keeps the
 * rule set version that made it: a later rule change never rewrites past compliance.
 */
@Entity({ name: 'duties' })
@Index('duties_journey_key', ['journeyId', 'key'], { unique: true })
@Index('duties_area_status_due_idx', ['areaId', 'status', 'dueAt'])
export class Duty extends VersionedEntity {
  @Column({ type: 'uuid' })
  journeyId: string;

  @Column({ type: 'uuid' })
  areaId: string;

  /** `${ruleId}|${subjectKey}`: one duty per rule and subject, ever. */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  ruleId: RuleId;

  @Column({ type: 'text' })
  ruleSetVersion: string;

  /** The right of the Code (1-12) the duty serves. */
  @Column({ type: 'smallint' })
  codeRight: number;

  @Column({ type: 'text' })
  owner: DutyOwner;

  @Column({ type: 'jsonb' })
  subject: DutySubject;

  @Column({ type: 'timestamptz' })
  openedAt: Date;

  @Column({ type: 'uuid' })
  openedByEventId: string;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'boolean' })
  enhanced: boolean;

  @Column({ type: 'text' })
  status: DutyStatus;

  @Column({ type: 'timestamptz', nullable: true })
  metAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  dischargedByEventId: string | null;

  @Column({ type: 'integer', nullable: true })
  workingDaysLate: number | null;

  @Column({ type: 'text', nullable: true })
  withdrawnReason: WithdrawalReason | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  /** The supervisor who withdrew the duty by hand (recorded in error, duplicate, not applicable). */
  @Column({ type: 'uuid', nullable: true })
  withdrawnBy: string | null;

  /** The supervisor's note on that withdrawal: free text, kept here, never on the timeline. */
  @Column({ type: 'text', nullable: true })
  withdrawalNote: string | null;

  /** When the reminders worker recorded the breach and escalated it (issue 6); null until then. */
  @Column({ type: 'timestamptz', nullable: true })
  breachRecordedAt: Date | null;
}
