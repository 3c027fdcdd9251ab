import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { Disposal, Verdict } from '../court-vocabulary.js';

/** A defendant's verdict and, after a conviction, their sentence: one outcome the victim is told of. */
@Entity({ name: 'court_outcomes' })
@Index('court_outcomes_defendant_key', ['defendantId'], { unique: true })
@Index('court_outcomes_crime_idx', ['crimeId'])
export class CourtOutcome extends VersionedEntity {
  @Column({ type: 'uuid' })
  areaId: string;

  @Column({ type: 'uuid' })
  crimeId: string;

  @Column({ type: 'uuid' })
  defendantId: string;

  @Column({ type: 'uuid', nullable: true })
  hearingId: string | null;

  @Column({ type: 'text' })
  verdict: Verdict;

  @Column({ type: 'timestamptz' })
  verdictAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentencedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  disposal: Disposal | null;

  /** Months of immediate custody; 0 for a sentence served outside custody. */
  @Column({ type: 'integer', nullable: true })
  custodialMonths: number | null;

  @Column({ type: 'boolean', nullable: true })
  offenceViolentOrSexual: boolean | null;

  @Column({ type: 'uuid' })
  recordedBy: string;
}
