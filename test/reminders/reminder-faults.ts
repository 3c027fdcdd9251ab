import type { TestApp } from '../support/test-app.js';

/** Polls `probe` until it answers something truthy, or fails naming `what` after `timeoutMs`. Bounded; never a timing assertion. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe();
    if (answer) return answer;
    if (Date.now() > deadline) throw new Error(`gave up waiting ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface NotificationRow {
  id: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  recipient_email: string;
  message_id: string | null;
  last_error: string | null;
  sent_at: Date | null;
  failed_at: Date | null;
}

/** The duty's notifications of one kind (at most one per recipient, by the dedupe key). */
export async function notificationsOf(t: TestApp, dutyId: string, kind: 'duty_due_soon' | 'duty_breached'): Promise<NotificationRow[]> {
  return t.dataSource.query(
    `SELECT id, status, attempts, recipient_email, message_id, last_error, sent_at, failed_at
       FROM notifications WHERE duty_id = $1 AND kind = $2 AND dedupe_key NOT LIKE 'settled:%'`,
    [dutyId, kind],
  );
}

/**
 * Every owed duty but `keep` is settled as far as reminders go (its breach recorded and
 * both emails given up), so a test counts the emails of its own duty only.
 */
export async function settleDutiesExcept(t: TestApp, keep: string[], at: Date): Promise<void> {
  await t.dataSource.query(`UPDATE duties SET breach_recorded_at = $2 WHERE breach_recorded_at IS NULL AND NOT (id = ANY($1::uuid[]))`, [keep, at]);
  await t.dataSource.query(
    `INSERT INTO notifications (dedupe_key, kind, duty_id, recipient_email, subject, status, failed_at, created_at, updated_at)
     SELECT 'settled:' || kind || ':' || d.id, kind, d.id, 'settled@test.invalid', 'settled', 'failed', $2, $2, $2
       FROM duties d CROSS JOIN (VALUES ('duty_due_soon'), ('duty_breached')) AS k (kind)
      WHERE NOT (d.id = ANY($1::uuid[]))
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [keep, at],
  );
}
