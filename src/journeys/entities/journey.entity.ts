import { Column, Entity, Index } from 'typeorm';
import type { EnhancedRightsCategory, InformationKind } from '../../../libs/victims-code/src/index.js';
import { VersionedEntity } from '../../database/base.entity.js';
import type { EnhancedBasis } from '../enhanced-bases.js';
import type { ClosureReason, JourneyRole, JourneyStage, ReferralConsentRecorded } from '../journey-vocabulary.js';

/**
 * One person's path (victim or witness) for one crime. Every change to it is a
 * JourneyEvent in the same transaction; the columns here are the current state, for
 * reading and for the work queue.
 */
@Entity({ name: 'journeys' })
@Index('journeys_area_stage_idx', ['areaId', 'stage', 'referredAt'])
@Index('journeys_lead_worker_idx', ['leadWorkerId', 'stage'])
@Index('journeys_crime_idx', ['crimeId'])
@Index('journeys_person_idx', ['personId'])
export class Journey extends VersionedEntity {
  @Column({ type: 'uuid' })
  areaId: string;

  /** Human reference, e.g. `VJ-2026-000123`. */
  @Column({ type: 'text', unique: true })
  reference: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'uuid' })
  crimeId: string;

  @Column({ type: 'text' })
  role: JourneyRole;

  @Column({ type: 'text' })
  stage: JourneyStage;

  @Column({ type: 'uuid', nullable: true })
  leadWorkerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  leadOrganisationId: string | null;

  @Column({ type: 'text' })
  referralConsent: ReferralConsentRecorded;

  @Column({ type: 'text', array: true, default: '{}' })
  enhancedCategories: EnhancedRightsCategory[];

  @Column({ type: 'text', nullable: true })
  enhancedReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  enhancedDecidedBy: string | null;

  /** Why the victim is enhanced: each basis, derived from the facts or recorded by staff, with who and when. */
  @Column({ type: 'jsonb', default: [] })
  enhancedBases: EnhancedBasis[];

  /** From the engine's facts: duties opened from this instant get enhanced deadlines. */
  @Column({ type: 'timestamptz', nullable: true })
  enhancedSince: Date | null;

  @Column({ type: 'text', array: true, default: '{}' })
  optedOutOf: InformationKind[];

  /** A named person the victim wants information through (a relative, an ISVA), if any. */
  @Column({ type: 'text', nullable: true })
  informationVia: string | null;

  @Column({ type: 'integer', default: 0 })
  unsuccessfulContactAttempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  firstContactedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  unableToContactAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  supportStartedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  closureReason: ClosureReason | null;

  @Column({ type: 'text', nullable: true })
  closureNote: string | null;

  @Column({ type: 'smallint', nullable: true })
  satisfactionScore: number | null;

  @Column({ type: 'text', nullable: true })
  satisfactionComment: string | null;

  @Column({ type: 'boolean', nullable: true })
  satisfactionDeclined: boolean | null;

  @Column({ type: 'timestamptz' })
  referredAt: Date;

  @Column({ type: 'timestamptz' })
  lastEventAt: Date;
}
