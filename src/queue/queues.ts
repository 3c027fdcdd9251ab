/** Every queue, declared once. Jobs carry ids only, never personal data (RELIABILITY.md). */
export enum QueueName {
  Reminders = 'reminders',
  Notifications = 'notifications',
  Maintenance = 'maintenance',
  ReferralImports = 'referral-imports',
  Outbox = 'outbox',
  Digests = 'digests',
  Reports = 'reports',
  Audit = 'audit',
}

export enum MaintenanceJob {
  PurgeExpiredSessions = 'purge-expired-sessions',
  PurgeIdempotencyRecords = 'purge-idempotency-records',
}

export enum ReferralImportJob {
  /** Data: { importId }. Job id `referral-import-<id>`, so an import is queued once however often it is asked for. */
  Run = 'run-import',
  /** Re-enqueues imports whose job was lost (a Redis flush) or whose worker died; on a schedule. */
  Reconcile = 'reconcile-imports',
}

/** BullMQ 6 job ids may not contain ':'. */
export function referralImportJobId(importId: string): string {
  return `referral-import-${importId}`;
}

/** Bounded retention: completed jobs a day (and at most 10k), failed a week. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
} as const;

export enum ReminderJob {
  /** Data: { dutyId, dueAt (epoch ms) }. One duty's due-soon reminder: no longer enqueued (see Moment), still run if found in Redis. */
  DueSoon = 'duty-due-soon',
  /** Data: { dutyId, dueAt (epoch ms) }. One duty's breach: no longer enqueued (see Moment), still run if found in Redis. */
  Breach = 'duty-breach',
  /** Every minute and at worker start: enqueues from Postgres what falls due within the horizon. */
  Sweep = 'sweep-reminders',
  /**
   * Data: { journeyId, outcomeId, closesAt (epoch ms) }. Before a victim's Unduly Lenient
   * Sentence window closes, to the witness care unit, while the victim is not told of the sentence.
   */
  UlsWindow = 'uls-window-reminder',
  /**
   * Data: { kind: 'due-soon' | 'breach', at (epoch ms) }. A moment (08:00 London for
   * due-soon, a deadline for breaches): plans every reminder of its kind whose time has come
   * and sends each person one email listing their duties (issue 19).
   */
  Moment = 'reminder-moment',
}

export type DutyReminderKind = 'due-soon' | 'breach';

/**
 * `uls-<journeyId>-<outcomeId>-<closesAtEpochMs>`: one job per victim, sentence and window
 * close, however often it is swept; a sentence re-timed by a correction closes at another
 * instant, so it is a new job and the old one finds its epoch stale. A reminder that found
 * nobody is planned again one generation on (`-g<n>`), as duty reminders are. The outcome
 * id is the event's own text, encoded so it can never bring a ':' into the id.
 */
export function ulsReminderJobId(journeyId: string, outcomeId: string, closesAt: Date, generation = 0): string {
  const id = `uls-${journeyId}-${encodeURIComponent(outcomeId)}-${closesAt.getTime()}`;
  return generation === 0 ? id : `${id}-g${generation}`;
}

/**
 * `moment-due-soon-<epochMs>`: one job per kind and moment, however often it is swept. The
 * rows a moment planned carry its instant (notifications.moment_at), so a sweep after a flush
 * puts back the very job that was retrying them, and adds nothing while it is still there.
 */
export function momentJobId(kind: DutyReminderKind, at: Date): string {
  return `moment-${kind}-${at.getTime()}`;
}

export enum OutboxJob {
  /** Every few seconds and at worker start: hands pending outbox rows to their handlers. No data. */
  Relay = 'relay-outbox',
}

export enum DigestJob {
  /** Every minute: on a working-day morning, enqueues a digest for each user not yet sent one today. No data. */
  Plan = 'plan-digests',
  /** Data: { userId, day (YYYY-MM-DD London) }. Job id `digest-<day>-<userId>`: one per user and day. */
  Send = 'send-digest',
}

/** BullMQ 6 job ids may not contain ':'. */
export function digestJobId(day: string, userId: string): string {
  return `digest-${day}-${userId}`;
}

export enum ReportJob {
  /** Every REPORTS_ROLLUP_REFRESH_MINUTES and at worker start: rebuilds the report rollups. No data. */
  RefreshRollups = 'refresh-report-rollups',
}

export enum AuditJob {
  /** Every AUDIT_SEAL_EVERY_MS and at worker start: chains committed audit rows. No data. */
  Seal = 'seal-audit-log',
  /** Daily and at worker start: writes the chain's signed head to the log. No data. */
  PublishHead = 'publish-audit-head',
}
