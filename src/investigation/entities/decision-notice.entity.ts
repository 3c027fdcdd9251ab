import { Column, Entity } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { InformedMethod } from '../investigation-vocabulary.js';

/** One victim told of one police or CPS decision: when, how, and the victim.informed event that met the duty. */
@Entity({ name: 'decision_notices' })
export class DecisionNotice extends VersionedEntity {
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'uuid', nullable: true }) policeDecisionId: string | null;
  @Column({ type: 'uuid', nullable: true }) cpsDecisionId: string | null;
  @Column({ type: 'timestamptz' }) informedAt: Date;
  @Column({ type: 'text' }) method: InformedMethod;
  @Column({ type: 'uuid' }) eventId: string;
  @Column({ type: 'uuid' }) recordedBy: string;
}
