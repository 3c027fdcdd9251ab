import type { FieldProblem } from '../../app/domain-error.js';

/**
 * The columns of a referral CSV file (docs/referral-csv.md) and where each lands in a
 * CreateReferralRequest, so a row is checked by the same DTO and rules as POST /referrals
 * and each problem is reported against the column the sender wrote.
 */
export interface CsvColumn {
  name: string;
  /** Dotted path in CreateReferralRequest; `areaId` is the area's id looked up from its code. */
  field: string;
  required: boolean;
  kind: 'text' | 'yes_no' | 'list';
}

export const REFERRAL_CSV_COLUMNS: readonly CsvColumn[] = [
  { name: 'area_code', field: 'areaId', required: true, kind: 'text' },
  { name: 'role', field: 'role', required: true, kind: 'text' },
  { name: 'external_reference', field: 'externalReference', required: false, kind: 'text' },
  { name: 'crime_reference', field: 'crime.crimeReference', required: true, kind: 'text' },
  { name: 'offence_category', field: 'crime.offenceCategory', required: true, kind: 'text' },
  { name: 'offence_date', field: 'crime.offenceDate', required: false, kind: 'text' },
  { name: 'reported_at', field: 'crime.reportedAt', required: true, kind: 'text' },
  { name: 'given_name', field: 'person.givenName', required: true, kind: 'text' },
  { name: 'family_name', field: 'person.familyName', required: true, kind: 'text' },
  { name: 'date_of_birth', field: 'person.dateOfBirth', required: false, kind: 'text' },
  { name: 'email', field: 'person.email', required: false, kind: 'text' },
  { name: 'phone', field: 'person.phone', required: false, kind: 'text' },
  { name: 'address_line1', field: 'person.addressLine1', required: false, kind: 'text' },
  { name: 'address_line2', field: 'person.addressLine2', required: false, kind: 'text' },
  { name: 'town', field: 'person.town', required: false, kind: 'text' },
  { name: 'postcode', field: 'person.postcode', required: false, kind: 'text' },
  { name: 'preferred_contact_method', field: 'person.preferredContactMethod', required: false, kind: 'text' },
  { name: 'preferred_contact_times', field: 'person.preferredContactTimes', required: false, kind: 'text' },
  { name: 'safe_to_leave_messages', field: 'person.safeToLeaveMessages', required: false, kind: 'yes_no' },
  { name: 'language', field: 'person.language', required: false, kind: 'text' },
  { name: 'interpreter_needed', field: 'person.interpreterNeeded', required: false, kind: 'yes_no' },
  { name: 'communication_needs', field: 'person.communicationNeeds', required: false, kind: 'text' },
  { name: 'disability', field: 'person.disability', required: false, kind: 'text' },
  { name: 'vulnerability_flags', field: 'person.vulnerabilityFlags', required: false, kind: 'list' },
  { name: 'referral_consent', field: 'consent.referral', required: true, kind: 'text' },
  { name: 'consent_recorded_by', field: 'consent.recordedBy', required: false, kind: 'text' },
  { name: 'consent_recorded_at', field: 'consent.recordedAt', required: false, kind: 'text' },
  { name: 'enhanced_rights_categories', field: 'enhancedRights.categories', required: false, kind: 'list' },
  { name: 'enhanced_rights_reason', field: 'enhancedRights.reason', required: false, kind: 'text' },
];

const COLUMN_BY_NAME = new Map(REFERRAL_CSV_COLUMNS.map((column) => [column.name, column]));
const COLUMN_BY_FIELD = new Map(REFERRAL_CSV_COLUMNS.map((column) => [column.field, column.name]));

/** The CSV column a DTO field path came from (`person.vulnerabilityFlags[1]` → vulnerability_flags). */
export function columnOfField(field: string): string {
  const path = field.replace(/\[\d+\]/g, '');
  for (let candidate = path; ; candidate = candidate.slice(0, candidate.lastIndexOf('.'))) {
    const column = COLUMN_BY_FIELD.get(candidate);
    if (column) return column;
    if (!candidate.includes('.')) break;
  }
  // A problem with a whole group (e.g. `enhancedRights`) is reported on its first column.
  return REFERRAL_CSV_COLUMNS.find((column) => column.field.startsWith(`${path}.`))?.name ?? path;
}

/** What is wrong with a header row, or an empty list; the columns' positions when it is good. */
export function readHeader(cells: readonly string[]): { problems: FieldProblem[]; columns: Array<CsvColumn | null> } {
  const names = cells.map((cell) => cell.trim().toLowerCase());
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (!COLUMN_BY_NAME.has(name)) problems.push({ field: name || `column ${index + 1}`, message: 'is not a known column' });
    else if (seen.has(name)) problems.push({ field: name, message: 'appears more than once' });
    seen.add(name);
  });
  for (const column of REFERRAL_CSV_COLUMNS) {
    if (column.required && !seen.has(column.name)) problems.push({ field: column.name, message: 'is a required column and is missing' });
  }
  return { problems, columns: names.map((name) => COLUMN_BY_NAME.get(name) ?? null) };
}

const YES = new Set(['yes', 'true', 'y']);
const NO = new Set(['no', 'false', 'n']);

/**
 * A data row as the JSON body POST /referrals would take (empty cells left out), with the
 * problems found in reading cells that have a fixed form (yes/no). The area code stays a
 * code here; the caller replaces it with the area's id.
 */
export function rowToReferralBody(columns: ReadonlyArray<CsvColumn | null>, cells: readonly string[]): { body: Record<string, unknown>; problems: FieldProblem[] } {
  const body: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  columns.forEach((column, index) => {
    if (!column) return;
    const raw = (cells[index] ?? '').trim();
    if (raw === '') return;
    let value: unknown = raw;
    if (column.kind === 'yes_no') {
      const answer = raw.toLowerCase();
      if (YES.has(answer)) value = true;
      else if (NO.has(answer)) value = false;
      else {
        problems.push({ field: column.field, message: 'must be yes, no, true or false' });
        return;
      }
    } else if (column.kind === 'list') {
      value = raw.split(';').map((item) => item.trim()).filter((item) => item !== '');
    }
    setPath(body, column.field, value);
  });
  for (const group of ['crime', 'person', 'consent']) if (!(group in body)) body[group] = {};
  return { body, problems };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}
