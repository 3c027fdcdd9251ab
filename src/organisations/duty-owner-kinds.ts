import type { DutyOwner } from '../../libs/victims-code/src/index.js';
import { AGENCY_TEAM, type Role, VICTIM_CARE_TEAM, WITNESS_CARE_TEAM } from '../access/roles.js';
import type { OrganisationKind } from '../identity/organisation-kinds.js';

/**
 * Who owes a duty, as the rules engine records it on `duties.owner`. A complaint's duties
 * are owed by the organisation complained about (`complaint_subject` in the rules), which
 * the engine resolves to one of these when the complaint is received, so the directory
 * needs no entry of its own for it.
 */
export const DUTY_OWNER_KINDS = ['police', 'victim_care_service', 'witness_care_unit', 'cps', 'court', 'probation', 'rj_service'] as const satisfies readonly DutyOwner[];
export type DutyOwnerKind = (typeof DUTY_OWNER_KINDS)[number];

/** The organisation kinds that may stand for each owner in an area's directory. */
export const ORGANISATION_KINDS_OF_OWNER: Record<DutyOwnerKind, readonly OrganisationKind[]> = {
  police: ['police_force'],
  victim_care_service: ['victim_care_service', 'support_provider'],
  witness_care_unit: ['witness_care_unit'],
  cps: ['cps'],
  court: ['court'],
  probation: ['probation'],
  rj_service: ['rj_hub', 'support_provider'],
};

/** The roles of an owning organisation's users who work its duties (its "team"). */
export const TEAM_ROLES_OF_OWNER: Record<DutyOwnerKind, readonly Role[]> = {
  police: AGENCY_TEAM,
  victim_care_service: VICTIM_CARE_TEAM,
  witness_care_unit: WITNESS_CARE_TEAM,
  cps: AGENCY_TEAM,
  court: AGENCY_TEAM,
  probation: AGENCY_TEAM,
  rj_service: AGENCY_TEAM,
};
