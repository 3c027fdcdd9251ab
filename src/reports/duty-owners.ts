import type { DutyOwner } from '../../libs/victims-code/src/index.js';
import type { OrganisationKind } from '../identity/organisation-kinds.js';

/**
 * The duties an organisation of each kind owes (a duty records its owner, libs/victims-code
 * DutyOwner): what its supervisors may list record by record. A specialist support provider
 * leads journeys as the victim care service does, so it owes the victim care service's duties;
 * a PCC office owes none (it commissions, and reads protected figures only).
 */
export const DUTY_OWNERS_OF_KIND: Readonly<Record<OrganisationKind, readonly DutyOwner[]>> = {
  police_force: ['police'],
  victim_care_service: ['victim_care_service'],
  support_provider: ['victim_care_service'],
  witness_care_unit: ['witness_care_unit'],
  cps: ['cps'],
  court: ['court'],
  probation: ['probation'],
  rj_hub: ['rj_service'],
  pcc_office: [],
};
