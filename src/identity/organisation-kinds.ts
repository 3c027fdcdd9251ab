/** Kinds of organisation; every user and partner system belongs to one. */
export const ORGANISATION_KINDS = [
  'police_force',
  'victim_care_service',
  'witness_care_unit',
  'cps',
  'court',
  'probation',
  'rj_hub',
  'support_provider',
  'pcc_office',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
