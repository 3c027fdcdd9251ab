import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { BailDecisionKind } from '../court-vocabulary.js';

/** The court's decision on a defendant's bail, which the victim must be told of (Code right 6). */
@Entity({ name: 'court_bail_decisions' })
@Index('court_bail_decisions_crime_idx', ['crimeId', 'decidedAt'])
export class CourtBailDecision extends VersionedEntity {
  @Column({ type: 'uuid' })
  areaId: string;

  @Column({ type: 'uuid' })
  crimeId: string;

  @Column({ type: 'uuid' })
  defendantId: string;

  @Column({ type: 'text' })
  kind: BailDecisionKind;

  @Column({ type: 'timestamptz' })
  decidedAt: Date;

  @Column({ type: 'uuid' })
  recordedBy: string;
}
