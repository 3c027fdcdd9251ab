import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EndScoreMissingReason } from '../../../libs/cope-recover/src/index.js';
import type { CopeRecoverPoint } from '../support-vocabulary.js';

/**
 * The victim's cope-and-recover scores at the start or the end of support, under a
 * framework version (libs/cope-recover). An end may be missing, with the reason. A
 * reopened journey keeps its earlier end measure, superseded.
 */
@Entity({ name: 'cope_recover_measures' })
export class CopeRecoverMeasure {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'text' }) point: CopeRecoverPoint;
  @Column({ type: 'text' }) frameworkVersion: string;
  @Column({ type: 'jsonb', nullable: true }) answers: Record<string, number> | null;
  @Column({ type: 'text', nullable: true }) missingReason: EndScoreMissingReason | null;
  @Column({ type: 'timestamptz' }) takenAt: Date;
  @Column({ type: 'uuid' }) recordedBy: string;
  @Column({ type: 'timestamptz', nullable: true }) supersededAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
