import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';

/**
 * The victim's answer to sharing their details with one agency for one purpose. Never
 * deleted: a withdrawal is recorded on the row, so what was shared when stays provable.
 */
@Entity({ name: 'sharing_consents' })
@Index('sharing_consents_journey_idx', ['journeyId'])
export class SharingConsent extends VersionedEntity {
  @Column({ type: 'uuid' })
  areaId: string;

  @Column({ type: 'uuid' })
  journeyId: string;

  @Column({ type: 'text' })
  agency: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'boolean' })
  given: boolean;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnBy: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason: string | null;
}
