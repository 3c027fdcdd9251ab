import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InformedSubject, InformingMethod } from './court-vocabulary.js';

/** Exactly what a victim was told of: the court record, and the hearing version or step of it. */
export interface InformedOf {
  subject: InformedSubject;
  subjectId: string;
  hearingVersion: number | null;
  stage: string | null;
}

export interface NewInforming extends InformedOf {
  id: string;
  areaId: string;
  journeyId: string;
  informedAt: Date;
  method: InformingMethod;
  eventId: string;
  recordedBy: string;
}

/** SQL over court_informings for a journey the ledger locked in scope: the journey id is the key. */
@Injectable()
export class CourtInformingsRepository {
  /** Whether the journey's victim is already recorded as told of exactly this. */
  async told(tx: EntityManager, journeyId: string, of: InformedOf): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM court_informings
        WHERE journey_id = $1 AND subject = $2 AND subject_id = $3 AND coalesce(hearing_version, 0) = $4 AND coalesce(stage, '') = $5`,
      [journeyId, of.subject, of.subjectId, of.hearingVersion ?? 0, of.stage ?? ''],
    );
    return rows.length > 0;
  }

  async insert(tx: EntityManager, informing: NewInforming): Promise<void> {
    await tx.query(
      `INSERT INTO court_informings (id, area_id, journey_id, subject, subject_id, hearing_version, stage, informed_at, method, event_id, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        informing.id,
        informing.areaId,
        informing.journeyId,
        informing.subject,
        informing.subjectId,
        informing.hearingVersion,
        informing.stage,
        informing.informedAt,
        informing.method,
        informing.eventId,
        informing.recordedBy,
      ],
    );
  }
}
