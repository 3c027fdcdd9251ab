import { Column, Entity, Index } from 'typeorm';
import type { CpsDecisionKind } from '../../../libs/victims-code/src/index.js';
import { VersionedEntity } from '../../database/base.entity.js';

/** A CPS decision the victim must be told of: not to charge, to discontinue, or to alter the charges substantially. */
@Entity({ name: 'cps_decisions' })
@Index('cps_decisions_crime_idx', ['crimeId', 'decidedAt'])
export class CpsDecision extends VersionedEntity {
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) crimeId: string;
  @Column({ type: 'text' }) kind: CpsDecisionKind;
  @Column({ type: 'timestamptz' }) decidedAt: Date;
  @Column({ type: 'uuid' }) recordedBy: string;
}
