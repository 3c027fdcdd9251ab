import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A Witness Charter needs assessment; its answers per area are WitnessNeed rows. */
@Entity({ name: 'witness_needs_assessments' })
@Index('witness_needs_assessments_journey_idx', ['journeyId', 'assessedAt'])
export class WitnessNeedsAssessment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'uuid' }) caseId: string;
  @Column({ type: 'timestamptz' }) assessedAt: Date;
  @Column({ type: 'uuid' }) assessedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
