import { Injectable } from '@nestjs/common';
import type { FieldProblem } from './domain-error.js';

/** How far ahead of the server's clock a client may date what it tells us (clients' clocks drift). */
const CLIENT_CLOCK_SKEW_MS = 5 * 60_000;

/** Whether an instant a client gave is still to come, allowing for its clock running a little ahead. */
export function isInTheFuture(instant: Date, now: Date): boolean {
  return instant.getTime() > now.getTime() + CLIENT_CLOCK_SKEW_MS;
}

/** A problem for each instant, by field, that a client says has happened but is still to come. */
export function futureInstantProblems(instants: Readonly<Record<string, Date | null | undefined>>, now: Date): FieldProblem[] {
  return Object.entries(instants)
    .filter(([, instant]) => instant && isInTheFuture(instant, now))
    .map(([field]) => ({ field, message: 'must not be in the future' }));
}

/** The one clock. Services ask it for "now" so tests can set the time instead of faking timers. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * The host's clock moved by a fixed offset (CLOCK_OFFSET): a person trying the service locally
 * can see tomorrow's 08:00 reminders now. Config refuses it in production.
 */
export class OffsetClock extends Clock {
  constructor(private readonly offsetMs: number) {
    super();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** A clock that stands still until told otherwise; for tests and simulations. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date): void {
    this.current = new Date(at);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
