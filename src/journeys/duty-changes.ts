import type { Duty as EngineDuty } from '../../libs/victims-code/src/index.js';

/** What the service knows of a stored duty to decide whether the engine's view changes it. */
export interface StoredDutyState {
  id: string;
  key: string;
  status: EngineDuty['status'];
  dueAt: Date;
  enhanced: boolean;
  metAt?: Date | null;
}

export interface DutyChanges {
  /** Duties the journey never had. */
  readonly insert: readonly EngineDuty[];
  /** Stored duties still owed whose state the engine now sees differently. */
  readonly update: ReadonlyArray<{ readonly id: string; readonly before: StoredDutyState; readonly duty: EngineDuty }>;
}

const OWED = new Set<EngineDuty['status']>(['open', 'breached']);

/**
 * Compares the engine's evaluation of a journey with its stored duties. A duty already
 * met or withdrawn is final: a later event or rule change never rewrites past compliance.
 * A duty still owed takes the engine's view (met, withdrawn, breached, or a deadline
 * shortened by enhanced rights recorded with an earlier date).
 *
 * `reviseFinal` is for a supervisor's correction of a record's instants (`record.corrected`):
 * the journey is then read as if the instants had always been right, so a duty met late
 * against a mistyped receipt is stored as met (and the other way round).
 */
export function dutyChanges(stored: readonly StoredDutyState[], evaluated: readonly EngineDuty[], options: { reviseFinal?: boolean } = {}): DutyChanges {
  const storedByKey = new Map(stored.map((duty) => [duty.key, duty]));
  const insert: EngineDuty[] = [];
  const update: Array<{ id: string; before: StoredDutyState; duty: EngineDuty }> = [];
  for (const duty of evaluated) {
    const before = storedByKey.get(duty.key);
    if (!before) {
      insert.push(duty);
      continue;
    }
    if (!OWED.has(before.status) && !options.reviseFinal) continue;
    const changed =
      before.status !== duty.status ||
      before.dueAt.getTime() !== duty.dueAt.getTime() ||
      before.enhanced !== duty.enhanced ||
      (options.reviseFinal === true && (before.metAt?.getTime() ?? null) !== (duty.metAt?.getTime() ?? null));
    if (changed) update.push({ id: before.id, before, duty });
  }
  return { insert, update };
}

export function isOwed(status: EngineDuty['status']): boolean {
  return OWED.has(status);
}
