import { Column, Entity } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { SpecialMeasure, SpecialMeasureRefusalReason, SpecialMeasureStatus } from '../witness-vocabulary.js';

/** A special measure asked for a witness, from the request to the court's decision. */
@Entity({ name: 'special_measures' })
export class SpecialMeasureRequest extends VersionedEntity {
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'uuid', nullable: true }) hearingId: string | null;
  @Column({ type: 'text' }) measure: SpecialMeasure;
  @Column({ type: 'text' }) status: SpecialMeasureStatus;
  @Column({ type: 'timestamptz' }) requestedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) appliedForAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) refusalReason: SpecialMeasureRefusalReason | null;
  @Column({ type: 'uuid' }) createdBy: string;
}
