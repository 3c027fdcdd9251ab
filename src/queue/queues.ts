/** Every queue, declared once. Jobs carry ids only, never personal data (RELIABILITY.md). */
export enum QueueName {
  Reminders = 'reminders',
  Notifications = 'notifications',
  Maintenance = 'maintenance',
}

export enum MaintenanceJob {
  PurgeExpiredSessions = 'purge-expired-sessions',
}

/** Bounded retention: completed jobs a day (and at most 10k), failed a week. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
} as const;
