import type { EntityManager } from 'typeorm';
import { CODE_EVENT_TYPES, openVictimWindows, type OpenVictimWindow } from '../../libs/victims-code/src/index.js';
import { codeEventOfRow } from './journey-ledger.js';

/**
 * The victim-side windows open on journeys at `at` (libs/victims-code openVictimWindows):
 * the Unduly Lenient Sentence scheme (28 calendar days from sentence, a hard limit), the
 * CPS and police Victims' Right to Review. They chase no owner and never breach: they are
 * shown where they matter, and they close.
 */
export async function victimWindowsOf(tx: EntityManager, journeyIds: readonly string[], at: Date): Promise<Map<string, OpenVictimWindow[]>> {
  const windows = new Map<string, OpenVictimWindow[]>(journeyIds.map((id) => [id, []]));
  if (journeyIds.length === 0) return windows;
  const rows: Array<{ id: string; journey_id: string; type: string; occurred_at: Date; received_at: Date | null; reason: 'late_referral' | null; payload: object }> =
    await tx.query(
      `SELECT id, journey_id, type, occurred_at, received_at, reason, payload FROM journey_events
        WHERE journey_id = ANY($1::uuid[]) AND type = ANY($2::text[]) ORDER BY seq`,
      [journeyIds, CODE_EVENT_TYPES],
    );
  const byJourney = new Map<string, typeof rows>();
  for (const row of rows) byJourney.set(row.journey_id, [...(byJourney.get(row.journey_id) ?? []), row]);
  for (const [journeyId, events] of byJourney) {
    const codeEvents = events.map(codeEventOfRow).filter((event) => event !== null);
    windows.set(journeyId, openVictimWindows({ events: codeEvents, at }));
  }
  return windows;
}
