import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessScope } from '../access/access-scope.js';

/** `<journeyId>|<outcomeId>`: one victim's one sentence, as the sweep and the job name it. */
export function ulsReminderKey(journeyId: string, outcomeId: string): string {
  return `${journeyId}|${outcomeId}`;
}

export interface UlsCandidateWindow {
  /** A window from a sentence passed before this has closed (28 calendar days, with a day to spare). */
  openSince: Date;
  /** A sentence passed after this cannot have its reminder due by the sweep's horizon. */
  remindableBy: Date;
}

/**
 * What the reminders worker reads to plan Unduly Lenient Sentence reminders (a system job
 * across areas, like the duty sweep): the victims with a sentence to look at, and which of
 * their sentences were already reminded or had nobody to remind. Whether a window is open and
 * the victim still untold is the victims-code library's answer (ulsReminders), not SQL's:
 * these reads only narrow the journeys it is asked about, through journey_events_uls_sweep_idx.
 */
@Injectable()
export class UlsRemindersRepository {
  /**
   * Victims' journeys, one page in id order after `after`, with either a sentence passed in
   * the window (`openSince`, `remindableBy`] whose ULS reminder is not sent or given up and
   * whose victim has not been told of it since; or a correction recorded since `openSince`,
   * which may have re-timed a sentence into an open window (a sentence cannot be corrected
   * to after the correction, so an older correction moved none into one).
   */
  async candidates(tx: EntityManager, window: UlsCandidateWindow, after: string | null, limit: number): Promise<string[]> {
    const params: unknown[] = [window.openSince, window.remindableBy, after, limit];
    const rows: Array<{ journey_id: string }> = await tx.query(
      `SELECT DISTINCT e.journey_id
         FROM journey_events e
         JOIN journeys j ON j.id = e.journey_id
        WHERE e.type IN ('court.sentence', 'record.corrected') AND e.occurred_at > $1
          AND j.role = 'victim'
          AND (e.type = 'record.corrected'
               OR (e.occurred_at <= $2
                   AND NOT EXISTS (SELECT 1 FROM notifications n
                                    WHERE n.kind = 'uls_reminder' AND n.journey_id = e.journey_id
                                      AND n.outcome_id = e.payload->>'outcomeId' AND n.status IN ('sent', 'failed'))
                   AND NOT EXISTS (SELECT 1 FROM journey_events i
                                    WHERE i.journey_id = e.journey_id AND i.type = 'victim.informed'
                                      AND i.payload->>'about' = 'outcome' AND i.payload->>'subjectId' = e.payload->>'outcomeId'
                                      AND i.occurred_at >= e.occurred_at)))
          AND ($3::uuid IS NULL OR e.journey_id > $3::uuid)
          AND ${AccessScope.allAreas().sqlFilter('e.area_id', params)}
        ORDER BY e.journey_id
        LIMIT $4`,
      params,
    );
    return rows.map((row) => row.journey_id);
  }

  /** Of these journeys' sentences, those whose ULS reminder was sent, or given up as failed: the sweep plans them no more. */
  async reminded(tx: EntityManager, journeyIds: readonly string[]): Promise<Set<string>> {
    if (journeyIds.length === 0) return new Set();
    const rows: Array<{ journey_id: string; outcome_id: string }> = await tx.query(
      `SELECT DISTINCT journey_id, outcome_id FROM notifications
        WHERE kind = 'uls_reminder' AND journey_id = ANY($1::uuid[]) AND status IN ('sent', 'failed')`,
      [[...journeyIds]],
    );
    return new Set(rows.map((row) => ulsReminderKey(row.journey_id, row.outcome_id)));
  }

  /** The open no-recipient alerts of these journeys' ULS reminders: the next generation to plan, and when. */
  async openAlerts(tx: EntityManager, journeyIds: readonly string[]): Promise<Map<string, { generation: number; retryAt: Date }>> {
    if (journeyIds.length === 0) return new Map();
    const rows: Array<{ journey_id: string; outcome_id: string; generation: number; retry_at: Date }> = await tx.query(
      `SELECT journey_id, outcome_id, generation, retry_at FROM reminder_alerts
        WHERE reminder_kind = 'uls' AND journey_id = ANY($1::uuid[]) AND resolved_at IS NULL`,
      [[...journeyIds]],
    );
    return new Map(rows.map((row) => [ulsReminderKey(row.journey_id, row.outcome_id), { generation: Number(row.generation), retryAt: new Date(row.retry_at) }]));
  }
}
