import { Column, Entity, Index } from 'typeorm';
import type { OffenceCategory } from '../../../libs/victims-code/src/index.js';
import { VersionedEntity } from '../../database/base.entity.js';

/** A crime as the police recorded it; keyed by its crime reference within the area. */
@Entity({ name: 'crimes' })
@Index('crimes_reference_key', ['areaId', 'crimeReference'], { unique: true })
export class Crime extends VersionedEntity {
  @Column({ type: 'uuid' })
  areaId: string;

  /** Upper case, as the force writes it (e.g. `CLE/26/012345`). */
  @Column({ type: 'text' })
  crimeReference: string;

  @Column({ type: 'uuid', nullable: true })
  policeForceId: string | null;

  @Column({ type: 'text' })
  offenceCategory: OffenceCategory;

  @Column({ type: 'date', nullable: true })
  offenceDate: string | null;

  @Column({ type: 'timestamptz' })
  reportedAt: Date;
}
