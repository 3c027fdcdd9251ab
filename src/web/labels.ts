/**
 * Words for the codes the services speak (stages, outcomes, rules, reasons). A code without
 * an entry is shown with its underscores and dots turned into spaces, so nothing is blank.
 */
const LABELS: Record<string, string> = {
  // stages
  referred: 'Referred', contacted: 'Contacted', assessed: 'Assessed', in_support: 'In support', witness_care: 'Witness care', court: 'Court', closed: 'Closed',
  // roles
  caseworker: 'Caseworker', witness_care_officer: 'Witness care officer', supervisor: 'Supervisor', commissioner: 'Commissioner', admin: 'Administrator',
  auditor: 'Auditor', partner_system: 'Partner system',
  // contact
  phone: 'Phone', letter: 'Letter', email: 'Email', visit: 'Visit', text: 'Text message',
  no_answer: 'No answer', left_message: 'Left a message', wrong_details: 'Wrong contact details', sent: 'Sent (letter or email)', refused: 'Refused',
  accepted: 'Accepted', declined: 'Declined', undecided: 'Undecided', signposted: 'Signposted to another service',
  // needs
  health_wellbeing: 'Health and wellbeing', mental_emotional: 'Mental and emotional health', safety_security: 'Safety and security', housing: 'Housing',
  finance_benefits: 'Finance and benefits', employment_education: 'Employment and education', family_relationships: 'Family and relationships',
  substance_misuse: 'Substance misuse', disability_access: 'Disability and access', criminal_justice_information: 'Criminal justice information',
  communication_language: 'Communication and language', none: 'None', low: 'Low', medium: 'Medium', high: 'High',
  // cope and recover
  safety: 'Feeling safe', everyday_life: 'Everyday life', informed: 'Being informed', justice_engagement: 'Taking part in justice', support_network: 'Support network',
  // closure and handover
  support_completed: 'Support completed', unable_to_contact: 'Unable to contact', moved_area: 'Moved out of the area', deceased: 'Deceased', other: 'Other',
  specialist_support_needed: 'Specialist support needed', victim_moved_area: 'Victim moved area', victim_request: 'Victim asked for it',
  worker_unavailable: 'Worker unavailable', caseload_balancing: 'Caseload balancing', conflict_of_interest: 'Conflict of interest', risk_escalation: 'Risk escalation',
  // duty status and owners
  recorded_in_error: 'Recorded in error', duplicate: 'Duplicate', not_applicable: 'Not applicable to this victim',
  open: 'Open', met: 'Met', met_late: 'Met late', breached: 'Breached', withdrawn: 'Withdrawn', done: 'Done', cancelled: 'Cancelled',
  victim_care_service: 'Victim care service', witness_care_unit: 'Witness care unit', police: 'Police', cps: 'CPS', probation: 'Probation', court_owner: 'Court',
  rj_service: 'Restorative justice service',
  // organisation kinds
  police_force: 'Police force', support_provider: 'Specialist support provider', rj_hub: 'Restorative justice hub', pcc_office: 'PCC office',
  // work queue kinds
  new_referral: 'New referral', duty_due_today: 'Duty due today', duty_overdue: 'Duty overdue', action_due: 'Support action due',
  // enhanced rights
  most_serious_crime: 'Victim of the most serious crime', persistently_targeted: 'Persistently targeted', vulnerable: 'Vulnerable', intimidated: 'Intimidated',
  // consent
  automatic: 'Automatic (did not object)', explicit: 'Explicit consent',
  // information kinds
  police_decision: 'Police decisions', cps_decision: 'CPS decisions', hearing: 'Hearings', bail: 'Bail', outcome: 'Court outcome', appeal: 'Appeals',
  victim_contact_scheme: 'Victim Contact Scheme',
  // onward services
  isva: 'ISVA', idva: 'IDVA', mental_health: 'Mental health', drug_alcohol: 'Drug and alcohol', advocacy: 'Advocacy',
};

export function label(code: string): string {
  if (LABELS[code]) return LABELS[code];
  const words = code.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `{ value, text }` items for GOV.UK radios, checkboxes and selects, the chosen one marked. */
export function choices(codes: readonly string[], chosen?: string | readonly string[] | null, kind: 'checked' | 'selected' = 'checked') {
  const picked = new Set(Array.isArray(chosen) ? chosen : chosen ? [chosen] : []);
  return codes.map((code) => ({ value: code, text: label(code), [kind]: picked.has(code) }));
}
