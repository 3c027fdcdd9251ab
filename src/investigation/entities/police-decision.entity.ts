import { Column, Entity, Index } from 'typeorm';
import type { PoliceDecisionKind } from '../../../libs/victims-code/src/index.js';
import { VersionedEntity } from '../../database/base.entity.js';

/** A police decision on a crime (arrest, bail, charge, no further action...); every victim on the crime is owed news of it. */
@Entity({ name: 'police_decisions' })
@Index('police_decisions_crime_idx', ['crimeId', 'decidedAt'])
export class PoliceDecision extends VersionedEntity {
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) crimeId: string;
  @Column({ type: 'text' }) kind: PoliceDecisionKind;
  @Column({ type: 'timestamptz' }) decidedAt: Date;
  @Column({ type: 'uuid' }) recordedBy: string;
}
