import type { EntityManager } from 'typeorm';
import { CODE_EVENT_TYPES, openVictimWindows, ulsReminders, type CodeEvent, type OpenVictimWindow, type UlsReminder } from '../../libs/victims-code/src/index.js';
import { codeEventOfRow } from './journey-ledger.js';

/**
 * The victim-side windows open on journeys at `at` (libs/victims-code openVictimWindows):
 * the Unduly Lenient Sentence scheme (28 calendar days from sentence, a hard limit), the
 * CPS and police Victims' Right to Review. They chase no owner and never breach: they are
 * shown where they matter, and they close.
 */
export async function victimWindowsOf(tx: EntityManager, journeyIds: readonly string[], at: Date): Promise<Map<string, OpenVictimWindow[]>> {
  const windows = new Map<string, OpenVictimWindow[]>(journeyIds.map((id) => [id, []]));
  for (const [journeyId, events] of await codeEventsOf(tx, journeyIds)) windows.set(journeyId, openVictimWindows({ events, at }));
  return windows;
}

/**
 * The Unduly Lenient Sentence windows open at `at` whose victim has not been told of the
 * sentence (libs/victims-code ulsReminders), each with when the witness care unit is to be
 * reminded: the window is a hard limit of 28 calendar days, never extended.
 */
export async function ulsRemindersOf(tx: EntityManager, journeyIds: readonly string[], at: Date): Promise<Map<string, UlsReminder[]>> {
  const reminders = new Map<string, UlsReminder[]>(journeyIds.map((id) => [id, []]));
  for (const [journeyId, events] of await codeEventsOf(tx, journeyIds)) reminders.set(journeyId, ulsReminders({ events, at }));
  return reminders;
}

/** Each journey's Code events, in timeline order. */
async function codeEventsOf(tx: EntityManager, journeyIds: readonly string[]): Promise<Map<string, CodeEvent[]>> {
  const byJourney = new Map<string, CodeEvent[]>();
  if (journeyIds.length === 0) return byJourney;
  const rows: Array<{ id: string; journey_id: string; type: string; occurred_at: Date; received_at: Date | null; reason: 'late_referral' | null; payload: object }> =
    await tx.query(
      `SELECT id, journey_id, type, occurred_at, received_at, reason, payload FROM journey_events
        WHERE journey_id = ANY($1::uuid[]) AND type = ANY($2::text[]) ORDER BY seq`,
      [journeyIds, CODE_EVENT_TYPES],
    );
  for (const row of rows) {
    const event = codeEventOfRow(row);
    if (event) byJourney.set(row.journey_id, [...(byJourney.get(row.journey_id) ?? []), event]);
  }
  return byJourney;
}
