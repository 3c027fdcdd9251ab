import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { OnwardOutcome, OnwardService } from '../support-vocabulary.js';

/** A referral, with the victim's consent, to a specialist service (ISVA, IDVA, housing...), and what came of it. */
@Entity({ name: 'onward_referrals' })
@Index('onward_referrals_journey_idx', ['journeyId'])
export class OnwardReferral extends VersionedEntity {
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'text' }) service: OnwardService;
  @Column({ type: 'text' }) provider: string;
  @Column({ type: 'timestamptz' }) consentRecordedAt: Date;
  @Column({ type: 'timestamptz' }) referredAt: Date;
  @Column({ type: 'text' }) outcome: OnwardOutcome;
  @Column({ type: 'timestamptz', nullable: true }) outcomeAt: Date | null;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column({ type: 'uuid' }) createdBy: string;
}
