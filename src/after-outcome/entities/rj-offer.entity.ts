import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Organisation, RjResponse, RjStage } from '../after-outcome-vocabulary.js';

/** Restorative justice offered to the victim at one stage of the case, and what they answered. Never changed: a new answer is a new offer. */
@Entity({ name: 'rj_offers' })
@Index('rj_offers_journey_idx', ['journeyId', 'offeredAt'])
export class RjOffer {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  /** The `rj.offered` event on the timeline. */
  @Column({ type: 'uuid' }) eventId: string;
  @Column({ type: 'text' }) stage: RjStage;
  @Column({ type: 'timestamptz' }) offeredAt: Date;
  @Column({ type: 'text' }) offeredBy: Organisation;
  @Column({ type: 'text' }) response: RjResponse;
  @Column({ type: 'uuid' }) createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
