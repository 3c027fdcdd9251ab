import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NeedArea, NeedLevel } from '../support-vocabulary.js';

/** The level of one need area in one assessment: every area is assessed, every time. */
@Entity({ name: 'assessed_needs' })
export class AssessedNeed {
  @PrimaryColumn({ type: 'uuid' }) assessmentId: string;
  @PrimaryColumn({ type: 'text' }) needArea: NeedArea;
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'text' }) level: NeedLevel;
  @Column({ type: 'text', nullable: true }) notes: string | null;
}
