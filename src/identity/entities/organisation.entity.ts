import { Column, Entity } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { OrganisationKind } from '../organisation-kinds.js';

@Entity({ name: 'organisations' })
export class Organisation extends VersionedEntity {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: OrganisationKind;

  /** Shared team mailbox, used when a duty has no named owner. */
  @Column({ type: 'text', nullable: true })
  teamEmail: string | null;
}
