import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { RjOutcome } from '../after-outcome-vocabulary.js';

/** A referral, with the victim's consent, to the restorative justice hub, and what came of it. */
@Entity({ name: 'rj_referrals' })
@Index('rj_referrals_journey_idx', ['journeyId'])
@Index('rj_referrals_one_pending_idx', ['journeyId'], { unique: true, where: `outcome = 'pending'` })
export class RjReferral extends VersionedEntity {
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  /** The offer the victim said they were interested in. */
  @Column({ type: 'uuid' }) rjOfferId: string;
  @Column({ type: 'text', nullable: true }) provider: string | null;
  @Column({ type: 'timestamptz' }) consentRecordedAt: Date;
  @Column({ type: 'timestamptz' }) referredAt: Date;
  @Column({ type: 'text' }) outcome: RjOutcome;
  @Column({ type: 'timestamptz', nullable: true }) outcomeAt: Date | null;
  @Column({ type: 'uuid' }) createdBy: string;
}
