import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { CourtKind } from '../court-vocabulary.js';

/** A court of an area's list, where hearings are listed. */
@Entity({ name: 'courts' })
@Index('courts_area_code_key', ['areaId', 'code'], { unique: true })
export class Court extends VersionedEntity {
  @Column({ type: 'uuid' })
  areaId: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: CourtKind;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
