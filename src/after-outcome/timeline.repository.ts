import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { VcsSentence } from '../../libs/victims-code/src/index.js';
import type { JourneyEventType } from '../journeys/journey-events.js';

/** A fact as the timeline holds it, for the read endpoints of facts that have no table. */
export interface TimelineFact {
  eventId: string;
  type: JourneyEventType;
  occurredAt: Date;
  recordedAt: Date;
  recordedBy: string | null;
  payload: Record<string, unknown>;
}

/** A `court.sentence` event on the journey: the court module's record, as the Victim Contact Scheme reads it. */
export interface SentenceEvent {
  id: string;
  outcomeId: string;
  occurredAt: Date;
  sentence: VcsSentence;
}

/** How far the case had gone at an instant, as the timeline tells it. */
export interface CaseReached {
  charged: boolean;
  sentenced: boolean;
}

/** A row of journey_events as the sentence read selects it. */
interface SentenceRow {
  id: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

/**
 * Reads of a journey's timeline (journey_events) for what happens after the outcome: the
 * facts with no table of their own, the court's sentences and how far the case had gone.
 * The journey was found or locked in scope first; its id is the key. Events are written by
 * the ledger only.
 */
@Injectable()
export class TimelineRepository {
  /** The journey's events of these types, oldest first (as they happened, then as recorded). */
  facts(tx: EntityManager, journeyId: string, types: readonly JourneyEventType[]): Promise<TimelineFact[]> {
    return tx.query(
      `SELECT id AS "eventId", type, occurred_at AS "occurredAt", recorded_at AS "recordedAt", actor_user_id AS "recordedBy", payload
         FROM journey_events WHERE journey_id = $1 AND type = ANY($2::text[]) ORDER BY occurred_at, seq`,
      [journeyId, types],
    );
  }

  /** The journey's sentences as the court recorded them, oldest first (a later one for the same outcome replaces it). */
  async sentences(tx: EntityManager, journeyId: string): Promise<SentenceEvent[]> {
    const rows: SentenceRow[] = await tx.query(
      `SELECT id, occurred_at AS "occurredAt", payload FROM journey_events WHERE journey_id = $1 AND type = 'court.sentence' ORDER BY occurred_at, seq`,
      [journeyId],
    );
    return rows.map((row) => ({
      id: row.id,
      outcomeId: String(row.payload.outcomeId),
      occurredAt: new Date(row.occurredAt),
      sentence: {
        offenceViolentOrSexual: row.payload.offenceViolentOrSexual === true,
        custodialMonths: Number(row.payload.custodialMonths ?? 0),
        hospitalOrder: row.payload.hospitalOrder === true,
      },
    }));
  }

  /** Whether the journey's timeline had a charge, or a sentence, at `at`. */
  async caseReachedAt(tx: EntityManager, journeyId: string, at: Date): Promise<CaseReached> {
    const [row]: CaseReached[] = await tx.query(
      `SELECT coalesce(bool_or(type = 'court.sentence'), false) AS sentenced,
              coalesce(bool_or(type = 'police.decision-made' AND payload->>'kind' = 'charged'), false) AS charged
         FROM journey_events WHERE journey_id = $1 AND occurred_at <= $2 AND type IN ('court.sentence', 'police.decision-made')`,
      [journeyId, at],
    );
    return { charged: row.charged, sentenced: row.sentenced };
  }
}
