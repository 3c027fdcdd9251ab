import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { InformedSubject, InformingMethod } from '../court-vocabulary.js';

/**
 * That a victim or witness was told of a hearing version, a bail decision, an outcome or
 * an appeal step, and how; its `victim.informed` event on the journey meets the duty.
 */
@Entity({ name: 'court_informings' })
@Index('court_informings_subject_idx', ['subjectId'])
export class CourtInforming {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  areaId: string;

  @Column({ type: 'uuid' })
  journeyId: string;

  @Column({ type: 'text' })
  subject: InformedSubject;

  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'integer', nullable: true })
  hearingVersion: number | null;

  /** The outcome's stage (verdict, sentence) or the appeal's (lodged, hearing_listed, decided). */
  @Column({ type: 'text', nullable: true })
  stage: string | null;

  @Column({ type: 'timestamptz' })
  informedAt: Date;

  @Column({ type: 'text' })
  method: InformingMethod;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
