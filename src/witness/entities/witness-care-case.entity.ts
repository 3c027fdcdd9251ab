import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { PreTrialVisitStatus } from '../witness-vocabulary.js';

/** A journey's witness care case, opened at charge: one per journey, led by a witness care officer. */
@Entity({ name: 'witness_care_cases' })
@Index('witness_care_cases_journey_key', ['journeyId'], { unique: true })
@Index('witness_care_cases_officer_idx', ['officerId'])
export class WitnessCareCase extends VersionedEntity {
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'timestamptz' }) openedAt: Date;
  @Column({ type: 'uuid' }) openedBy: string;
  /** null: not yet known whether the witness will give evidence. */
  @Column({ type: 'boolean', nullable: true }) givingEvidence: boolean | null;
  @Column({ type: 'uuid', nullable: true }) officerId: string | null;
  @Column({ type: 'text', nullable: true }) preTrialVisitStatus: PreTrialVisitStatus | null;
  @Column({ type: 'timestamptz', nullable: true }) preTrialVisitOfferedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) preTrialVisitTakenAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) preTrialVisitDeclinedAt: Date | null;
}
