import type { OffenceCategory } from '../../libs/victims-code/src/index.js';

/**
 * What other modules hold of the crime their command or read runs on (from CrimeWork): enough
 * to scope, audit and tell its journeys. The Crime entity itself stays inside crimes/.
 */
export interface CrimeRef {
  id: string;
  areaId: string;
  /** Upper case, as the force writes it (e.g. `CLE/26/012345`). */
  crimeReference: string;
  offenceCategory: OffenceCategory;
  offenceDate: string | null;
  reportedAt: Date;
}
