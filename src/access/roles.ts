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

/** Roles that work with a person's record (and so are scoped to their areas and audited). */
export const CASE_ROLES: readonly Role[] = ['caseworker', 'witness_care_officer', 'supervisor'];
