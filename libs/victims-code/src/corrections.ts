/**
 * Corrections of a journey's record (VICTIMS_CODE.md, "Discharge rules": the record a
 * withdrawal in error came from is voided or corrected, never deleted). A correction
 * changes the instants of one earlier event; the journey is then read as if they had
 * been right from the start, so the duties that event opened are re-timed (and their
 * rule set, enhanced deadline and status follow).
 */
import { compareEvents, effectiveAt, type CodeEvent } from './events.js';

/** Events a correction may not name: corrections and voidings are themselves never re-timed. */
const RECORD_EVENT_TYPES: ReadonlySet<string> = new Set(['record.corrected', 'record.voided']);

/** Whether a `record.corrected` may name this event. */
export function isCorrectable(event: CodeEvent): boolean {
  return !RECORD_EVENT_TYPES.has(event.type);
}

interface Retiming {
  occurredAt?: Date;
  receivedAt?: Date | null;
}

/** An ISO instant from a payload; undefined when it is not one (the correction of that instant is ignored). */
function instantFrom(iso: string | undefined): Date | undefined {
  if (iso === undefined) return undefined;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/**
 * The events as corrected by every `record.corrected` taking effect by `at`, later
 * corrections of an instant winning. Corrections after `at` are not yet known at `at`.
 */
export function applyCorrections(events: readonly CodeEvent[], at: Date): readonly CodeEvent[] {
  const corrections = events
    .filter((event): event is CodeEvent<'record.corrected'> => event.type === 'record.corrected')
    .filter((correction) => effectiveAt(correction).getTime() <= at.getTime())
    .sort(compareEvents);
  if (corrections.length === 0) return events;
  const retimings = new Map<string, Retiming>();
  for (const { payload } of corrections) {
    const retiming = retimings.get(payload.eventId) ?? {};
    const occurredAt = instantFrom(payload.occurredAt);
    if (occurredAt) retiming.occurredAt = occurredAt;
    if (payload.receivedAt === null) retiming.receivedAt = null;
    else {
      const receivedAt = instantFrom(payload.receivedAt);
      if (receivedAt) retiming.receivedAt = receivedAt;
    }
    retimings.set(payload.eventId, retiming);
  }
  return events.map((event) => {
    const retiming = retimings.get(event.id);
    if (retiming === undefined || !isCorrectable(event)) return event;
    return {
      ...event,
      occurredAt: retiming.occurredAt ?? event.occurredAt,
      receivedAt: retiming.receivedAt === undefined ? event.receivedAt : (retiming.receivedAt ?? undefined),
    };
  });
}

/**
 * A journey's events as corrected by `at` and taking effect by then, in the one order the
 * engine applies them, each event once.
 */
export function canonicalOrder(events: readonly CodeEvent[], at: Date): CodeEvent[] {
  const firstById = new Map<string, CodeEvent>();
  for (const event of applyCorrections(events, at)
    .filter((candidate) => effectiveAt(candidate).getTime() <= at.getTime())
    .sort(compareEvents)) {
    if (!firstById.has(event.id)) firstById.set(event.id, event);
  }
  // A Map keeps insertion order, so this is still the canonical order.
  return [...firstById.values()];
}
