import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AssessmentDecision } from '../support-vocabulary.js';

/** A needs assessment (Code right 4) and what the victim decided; its needs are AssessedNeed rows. */
@Entity({ name: 'needs_assessments' })
@Index('needs_assessments_journey_idx', ['journeyId', 'completedAt'])
export class NeedsAssessment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'timestamptz' }) completedAt: Date;
  @Column({ type: 'uuid' }) assessedBy: string;
  @Column({ type: 'text' }) decision: AssessmentDecision;
  @Column({ type: 'text', nullable: true }) signpostedTo: string | null;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
