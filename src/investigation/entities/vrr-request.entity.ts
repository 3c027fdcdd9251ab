import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { VrrOutcome, VrrStatus } from '../investigation-vocabulary.js';

/** A victim's request for a police Victims' Right to Review of a decision not to charge, and how the police answered. */
@Entity({ name: 'vrr_requests' })
@Index('vrr_requests_journey_decision_key', ['journeyId', 'policeDecisionId'], { unique: true })
export class VrrRequest extends VersionedEntity {
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'uuid' }) policeDecisionId: string;
  @Column({ type: 'timestamptz' }) requestedAt: Date;
  /** Asked after the scheme's window closed; kept, since the police may review late requests exceptionally. */
  @Column({ type: 'boolean' }) late: boolean;
  @Column({ type: 'timestamptz', nullable: true }) windowClosesAt: Date | null;
  @Column({ type: 'text', default: 'requested' }) status: VrrStatus;
  @Column({ type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) outcome: VrrOutcome | null;
  @Column({ type: 'uuid' }) recordedBy: string;
}
