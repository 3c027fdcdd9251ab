import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { ComplaintFinding, ComplaintStatus, ContactChannel, EscalationTarget, Organisation } from '../after-outcome-vocabulary.js';

/**
 * A complaint that a right of the Code was not met (right 12), against one organisation,
 * through that organisation's process. Only a short summary is kept, never on the
 * timeline or in the audit log.
 */
@Entity({ name: 'complaints' })
@Index('complaints_journey_idx', ['journeyId', 'receivedAt'])
@Index('complaints_open_idx', ['areaId', 'against'], { where: `status IN ('received', 'acknowledged')` })
export class Complaint extends VersionedEntity {
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'text' }) against: Organisation;
  @Column({ type: 'timestamptz' }) receivedAt: Date;
  @Column({ type: 'text', nullable: true }) receivedVia: ContactChannel | null;
  @Column({ type: 'smallint', array: true, default: '{}' }) rightsConcerned: number[];
  @Column({ type: 'text', nullable: true }) summary: string | null;
  @Column({ type: 'text' }) status: ComplaintStatus;
  @Column({ type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) respondedAt: Date | null;
  @Column({ type: 'text', nullable: true }) finding: ComplaintFinding | null;
  @Column({ type: 'text', nullable: true }) escalatedTo: EscalationTarget | null;
  @Column({ type: 'timestamptz', nullable: true }) escalatedAt: Date | null;
  @Column({ type: 'uuid' }) createdBy: string;
}
