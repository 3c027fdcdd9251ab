import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { AdjournmentReason, HearingStatus, HearingType, VacationReason } from '../court-vocabulary.js';
import type { EffectivenessReason, TrialEffectiveness } from '../trial-effectiveness.js';

/** A hearing the court listed on a crime; every journey on the crime follows it. */
@Entity({ name: 'hearings' })
@Index('hearings_crime_idx', ['crimeId'])
export class Hearing extends VersionedEntity {
  @Column({ type: 'uuid' })
  areaId: string;

  @Column({ type: 'uuid' })
  crimeId: string;

  @Column({ type: 'uuid' })
  courtId: string;

  @Column({ type: 'text' })
  type: HearingType;

  @Column({ type: 'timestamptz' })
  listedFor: Date;

  @Column({ type: 'text', default: 'listed' })
  status: HearingStatus;

  /** The Code's hearing version: up by one with every listing, move, adjournment or vacation. */
  @Column({ type: 'integer', default: 1 })
  listingVersion: number;

  @Column({ type: 'timestamptz', nullable: true })
  adjournedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  adjournmentReason: AdjournmentReason | null;

  @Column({ type: 'timestamptz', nullable: true })
  vacatedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  vacationReason: VacationReason | null;

  @Column({ type: 'timestamptz', nullable: true })
  heardAt: Date | null;

  /** Trials only: whether the trial went ahead on the day (HMCTS effectiveness). */
  @Column({ type: 'text', nullable: true })
  effectiveness: TrialEffectiveness | null;

  @Column({ type: 'text', nullable: true })
  effectivenessReason: EffectivenessReason | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
}
