import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { HearingStatus, HearingType } from '../court-vocabulary.js';

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
}
