import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { AppealGround, AppealResult, Appellant } from '../court-vocabulary.js';

/** An appeal against a conviction or sentence: lodged, its hearing listed, decided. */
@Entity({ name: 'appeals' })
@Index('appeals_crime_idx', ['crimeId'])
@Index('appeals_outcome_idx', ['outcomeId'])
export class Appeal extends VersionedEntity {
  @Column({ type: 'uuid' })
  areaId: string;

  @Column({ type: 'uuid' })
  crimeId: string;

  @Column({ type: 'uuid' })
  outcomeId: string;

  @Column({ type: 'text' })
  appellant: Appellant;

  @Column({ type: 'text' })
  ground: AppealGround;

  @Column({ type: 'timestamptz' })
  lodgedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  hearingCourtId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  hearingListedFor: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  hearingListedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  result: AppealResult | null;

  @Column({ type: 'uuid' })
  recordedBy: string;
}
