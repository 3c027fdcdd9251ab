import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';

/** A person charged (or suspected) on a crime. `reference` (DEF-000123) names them without their name. */
@Entity({ name: 'defendants' })
@Index('defendants_crime_idx', ['crimeId'])
export class Defendant extends VersionedEntity {
  @Column({ type: 'uuid' })
  areaId: string;

  @Column({ type: 'uuid' })
  crimeId: string;

  @Column({ type: 'text', insert: false, update: false })
  reference: string;

  @Column({ type: 'text' })
  givenName: string;

  @Column({ type: 'text' })
  familyName: string;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  /** `suspect` until a police decision charges them (investigation migration). */
  @Column({ type: 'text', default: 'suspect' })
  status: 'suspect' | 'charged';

  @Column({ type: 'timestamptz', nullable: true })
  chargedAt: Date | null;
}
