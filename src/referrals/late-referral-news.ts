import type { EntityManager } from 'typeorm';
import { CODE_EVENT_TYPES, lateReferralNews, type CodeEvent } from '../../libs/victims-code/src/index.js';
import { codeEventOfRow } from '../journeys/journey-ledger.js';
import { codeEvent, type NewJourneyEvent } from '../journeys/journey-events.js';
import type { JourneyToOpen } from './referral-intake-plan.js';

/**
 * News on a crime that a victim referred after it is still owed (VICTIMS_CODE.md
 * "Discharge rules"; libs/victims-code lateReferralNews): police and CPS decisions of the
 * last 3 months, hearings still to come, a sentence whose ULS or VCS window is open. Each
 * is recorded on the new journey as the news was first recorded, received at the
 * referral's receipt (`reason: 'late_referral'`), so its duty runs from the referral; the
 * payload names the original event and why the news is owed, for the timeline's reader.
 * `crimesWithJourneys`: the crimes intake found journeys on, the only ones news can be on.
 */
export async function addLateReferralNews(tx: EntityManager, drafts: readonly JourneyToOpen[], crimesWithJourneys: ReadonlySet<string>): Promise<void> {
  // News is recorded on a crime's journeys: a crime with none (a new one) has none to owe.
  const crimeIds = [...new Set(drafts.map((draft) => draft.journey.crimeId))].filter((crimeId) => crimesWithJourneys.has(crimeId));
  if (crimeIds.length === 0) return;
  const rows: Array<{ id: string; crime_id: string; type: string; occurred_at: Date; received_at: Date | null; reason: 'late_referral' | null; payload: object }> =
    await tx.query(
      `SELECT e.id, j.crime_id, e.type, e.occurred_at, e.received_at, e.reason, e.payload
         FROM journey_events e JOIN journeys j ON j.id = e.journey_id
        WHERE j.crime_id = ANY($1::uuid[]) AND e.type = ANY($2::text[]) AND e.reason IS NULL
        ORDER BY e.seq`,
      [crimeIds, NEWS_TYPES],
    );
  if (rows.length === 0) return;
  const hearingRows: Array<{ id: string; listed_for: Date }> = await tx.query(
    `SELECT id, listed_for FROM hearings WHERE crime_id = ANY($1::uuid[])`,
    [crimeIds],
  );
  const hearingDates = Object.fromEntries(hearingRows.map((row) => [row.id, new Date(row.listed_for)]));
  const byCrime = new Map<string, CodeEvent[]>();
  for (const row of rows) {
    const event = codeEventOfRow(row);
    if (event) byCrime.set(row.crime_id, [...(byCrime.get(row.crime_id) ?? []), event]);
  }
  for (const draft of drafts) {
    const crimeEvents = byCrime.get(draft.journey.crimeId);
    if (!crimeEvents) continue;
    const owed = lateReferralNews({ referralReceivedAt: draft.journey.referredAt, crimeEvents, hearingDates });
    draft.events.push(...owed.map(({ event, owedBecause }) => asNewEvent(event, owedBecause)));
  }
}

/** The crime's news as recorded on its other journeys: what a late referral may still be owed, and its corrections. */
const NEWS_TYPES = CODE_EVENT_TYPES.filter(
  (type) =>
    type.startsWith('police.decision') || type.startsWith('cps.decision') || type.startsWith('hearing.') || type.startsWith('court.') ||
    type === 'record.voided' || type === 'record.corrected',
);

function asNewEvent(event: CodeEvent, owedBecause: string): NewJourneyEvent {
  const original = event.id.replace(/^late-referral:/, '');
  return codeEvent(event.type, event.occurredAt, event.payload as never, { receivedAt: event.receivedAt, reason: 'late_referral' }, {
    lateReferralOf: original,
    owedBecause,
  });
}
