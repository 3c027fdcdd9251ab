import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';

export const CONTACT_METHODS = ['phone', 'text', 'email', 'letter', 'visit'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** Vulnerabilities the worker should know before contact (and that may give enhanced rights): the Code engine's vocabulary. */
import type { VulnerabilityFlag } from '../../../libs/victims-code/src/index.js';
export { VULNERABILITY_FLAGS, type VulnerabilityFlag } from '../../../libs/victims-code/src/index.js';

/** A victim or witness. Special-category personal data: every read and write is audited. */
@Entity({ name: 'people' })
@Index('people_area_idx', ['areaId', 'familyName'])
export class Person extends VersionedEntity {
  @Column({ type: 'uuid' })
  areaId: string;

  @Column({ type: 'text' })
  givenName: string;

  @Column({ type: 'text' })
  familyName: string;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  addressLine1: string | null;

  @Column({ type: 'text', nullable: true })
  addressLine2: string | null;

  @Column({ type: 'text', nullable: true })
  town: string | null;

  @Column({ type: 'text', nullable: true })
  postcode: string | null;

  @Column({ type: 'text', nullable: true })
  preferredContactMethod: string | null;

  /** Free text such as "weekday mornings"; shown to the worker before contact. */
  @Column({ type: 'text', nullable: true })
  preferredContactTimes: string | null;

  @Column({ type: 'boolean', default: false })
  safeToLeaveMessages: boolean;

  /** Code right 1: to understand and be understood. */
  @Column({ type: 'text', nullable: true })
  language: string | null;

  @Column({ type: 'boolean', default: false })
  interpreterNeeded: boolean;

  @Column({ type: 'text', nullable: true })
  communicationNeeds: string | null;

  /** What the person needs because of a disability (access, format, an advocate). */
  @Column({ type: 'text', nullable: true })
  disability: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  vulnerabilityFlags: VulnerabilityFlag[];

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
}
