import { DelayedError, type Job } from 'bullmq';
import type { Clock } from '../app/clock.js';

/** The shortest wait, so a clock that stands still (tests, simulations) never spins a job. */
const MIN_EARLY_WAIT_MS = 1_000;

/**
 * Puts a job that ran before its time back in Redis until `runAt`, and ends this run (BullMQ's
 * DelayedError). BullMQ counts in real time; the wait is counted on the service's clock, so a
 * job whose timer and the clock disagree waits in Redis, never in the worker.
 */
export async function waitUntil(job: Job, token: string | undefined, runAt: Date, clock: Clock): Promise<never> {
  await job.moveToDelayed(Date.now() + Math.max(MIN_EARLY_WAIT_MS, runAt.getTime() - clock.now().getTime()), token);
  throw new DelayedError();
}
