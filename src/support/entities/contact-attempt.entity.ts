import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ContactMethod, ContactOutcome } from '../support-vocabulary.js';

/** One try at reaching a victim (Code right 4: first contact), successful or not. */
@Entity({ name: 'contact_attempts' })
@Index('contact_attempts_journey_idx', ['journeyId', 'attemptedAt'])
export class ContactAttempt {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'text' }) method: ContactMethod;
  @Column({ type: 'text' }) outcome: ContactOutcome;
  @Column({ type: 'timestamptz' }) attemptedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) nextAttemptAt: Date | null;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column({ type: 'uuid' }) recordedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
