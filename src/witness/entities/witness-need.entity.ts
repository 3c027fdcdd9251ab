import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WitnessNeedAction, WitnessNeedArea, WitnessNeedLevel } from '../witness-vocabulary.js';

/** One Charter area of one assessment: every area is answered, every time. */
@Entity({ name: 'witness_needs' })
export class WitnessNeed {
  @PrimaryColumn({ type: 'uuid' }) assessmentId: string;
  @PrimaryColumn({ type: 'text' }) area: WitnessNeedArea;
  @Column({ type: 'boolean' }) needed: boolean;
  @Column({ type: 'text', nullable: true }) level: WitnessNeedLevel | null;
  @Column({ type: 'text', nullable: true }) action: WitnessNeedAction | null;
}
