/** Roles a user can hold. A user holds one or more; what each may do is declared on routes with @Roles. */
export const ROLES = [
  'caseworker',
  'witness_care_officer',
  'supervisor',
  'commissioner',
  'admin',
  'auditor',
  'partner_system',
] as const;
export type Role = (typeof ROLES)[number];

// The sets of roles routes admit, named once. A route names one of these in @Roles(...SET);
// test/access/route-authorisation.e2e-spec.ts checks every route against what it declares.

/** The victim care service's own work on a journey: caseworkers and their supervisors (who may also lead a journey). */
export const JOURNEY_WORKERS: readonly Role[] = ['caseworker', 'supervisor'];

/** Roles that work with a person's record (and so are scoped to their areas and audited). */
export const CASE_ROLES: readonly Role[] = ['caseworker', 'witness_care_officer', 'supervisor'];

/** The case roles and partner systems (police, CPS and court feeds): what happened on a crime, to read or to add to. */
export const CASE_ROLES_AND_PARTNERS: readonly Role[] = [...CASE_ROLES, 'partner_system'];

/** The witness care unit's work: witness care officers and supervisors. */
export const WITNESS_CARE: readonly Role[] = ['witness_care_officer', 'supervisor'];

/** Who records what the police, the CPS and the court did on a crime: their partner systems, and witness care by hand. */
export const PROCEEDINGS_RECORDERS: readonly Role[] = [...WITNESS_CARE, 'partner_system'];

/**
 * Who records a basis for a victim's enhanced rights: the victim care service's workers,
 * and police officers through their force's partner system.
 */
export const ENHANCED_RIGHTS_RECORDERS: readonly Role[] = [...JOURNEY_WORKERS, 'partner_system'];

/** Corrections of the record (a duty withdrawn, a record voided or re-timed): supervisors only. */
export const SUPERVISORS: readonly Role[] = ['supervisor'];

/**
 * Who records the police's steps with a victim (a witness statement given, the crime
 * report acknowledged): police partner systems, and the staff who key them by hand.
 */
export const POLICE_STEP_RECORDERS: readonly Role[] = [...CASE_ROLES, 'partner_system'];

/** Who refers a victim to the victim care service: police partner systems, or the service itself by hand. */
export const REFERRERS: readonly Role[] = ['partner_system', ...JOURNEY_WORKERS];

/** Court reference data with no personal data, which the commissioners' reports count by too. */
export const COURT_REFERENCE_READERS: readonly Role[] = [...CASE_ROLES_AND_PARTNERS, 'commissioner'];

/** Commissioners' reports (protected aggregates): commissioners, and supervisors for their own service. */
export const REPORT_READERS: readonly Role[] = ['commissioner', 'supervisor'];

/**
 * The record-level breach list: management information for the organisation that owes the
 * duties, so its supervisors only (their areas, their organisation's duties); never commissioners.
 */
export const BREACH_LIST_READERS: readonly Role[] = ['supervisor'];
/**
 * The team of an organisation that owes a duty, by the kind of owner (issue 19): who among
 * its users in the area is reminded when the journey's lead worker is not one of them.
 */
export const VICTIM_CARE_TEAM: readonly Role[] = ['caseworker'];
export const WITNESS_CARE_TEAM: readonly Role[] = ['witness_care_officer'];
/** Police, CPS, court, probation and RJ staff in the service hold a case role of either kind. */
export const AGENCY_TEAM: readonly Role[] = ['caseworker', 'witness_care_officer'];

/** Accounts, organisations and the failed-notification list. */
export const ADMINS: readonly Role[] = ['admin'];

/** The audit log and its verification. */
export const AUDIT_READERS: readonly Role[] = ['admin', 'auditor'];
