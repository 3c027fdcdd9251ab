import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { VcsBasis, VcsChoice, VcsStatus } from '../after-outcome-vocabulary.js';

/**
 * A referral to probation's Victim Contact Scheme for one sentence (Code right 11), and
 * the victim liaison officer's contact. The sentence is the court's `court.sentence` event
 * on the journey, named by its outcome id.
 */
@Entity({ name: 'vcs_referrals' })
@Index('vcs_referrals_outcome_idx', ['journeyId', 'outcomeId'], { unique: true })
export class VcsReferral extends VersionedEntity {
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'text' }) outcomeId: string;
  @Column({ type: 'uuid' }) sentenceEventId: string;
  @Column({ type: 'text' }) basis: VcsBasis;
  @Column({ type: 'timestamptz' }) referredAt: Date;
  @Column({ type: 'text' }) status: VcsStatus;
  @Column({ type: 'timestamptz', nullable: true }) contactedAt: Date | null;
  @Column({ type: 'text', nullable: true }) victimChoice: VcsChoice | null;
  @Column({ type: 'uuid' }) createdBy: string;
}
