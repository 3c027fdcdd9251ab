import type { InformationKind } from '../../libs/victims-code/src/index.js';
import type { JourneyStage } from './journey-vocabulary.js';

/**
 * What other modules hold of a journey their command or read runs on (from JourneyWork,
 * CrimeWork or JourneyLedger.lock): enough to scope, audit and record events on it, and the
 * state their rules read. The Journey entity itself stays inside journeys/.
 */
export interface JourneyRef {
  id: string;
  areaId: string;
  /** Human reference, e.g. `VJ-2026-000123`. */
  reference: string;
  crimeId: string;
  personId: string;
  stage: JourneyStage;
  /** The row version the command locked (If-Match). */
  version: number;
  lastEventAt: Date;
  referredAt: Date;
  /** What the victim asked not to be told of. */
  optedOutOf: readonly InformationKind[];
  firstContactedAt: Date | null;
  unsuccessfulContactAttempts: number;
  unableToContactAt: Date | null;
  supportStartedAt: Date | null;
}
