import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { SupportActionStatus } from '../support-vocabulary.js';

/** One action of a victim's support plan: what, who owns it (a worker or an agency), by when. */
@Entity({ name: 'support_actions' })
@Index('support_actions_journey_idx', ['journeyId'])
export class SupportAction extends VersionedEntity {
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'uuid', nullable: true }) ownerUserId: string | null;
  @Column({ type: 'uuid', nullable: true }) ownerOrganisationId: string | null;
  @Column({ type: 'date' }) dueOn: string;
  @Column({ type: 'text' }) status: SupportActionStatus;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ type: 'uuid' }) createdBy: string;
}
