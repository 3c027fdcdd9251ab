import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { WarningMethod } from '../witness-vocabulary.js';

/** A witness warned to attend one listing (listing version) of a hearing. */
@Entity({ name: 'witness_warnings' })
@Index('witness_warnings_key', ['journeyId', 'hearingId', 'listingVersion'], { unique: true })
@Index('witness_warnings_hearing_idx', ['hearingId'])
export class WitnessWarning {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'uuid' }) hearingId: string;
  @Column({ type: 'integer' }) listingVersion: number;
  @Column({ type: 'timestamptz' }) warnedAt: Date;
  @Column({ type: 'text' }) method: WarningMethod;
  @Column({ type: 'uuid' }) warnedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
