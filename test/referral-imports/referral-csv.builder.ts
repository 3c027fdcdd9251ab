import { randomBytes } from 'node:crypto';
import { aCrimeReference } from '../support/referral.builder.js';

export type CsvRow = Record<string, string>;

export const CSV_COLUMNS = [
  'area_code', 'role', 'external_reference', 'crime_reference', 'offence_category', 'offence_date', 'reported_at', 'given_name',
  'family_name', 'date_of_birth', 'email', 'phone', 'address_line1', 'address_line2', 'town', 'postcode', 'preferred_contact_method',
  'preferred_contact_times', 'safe_to_leave_messages', 'language', 'interpreter_needed', 'communication_needs', 'disability',
  'vulnerability_flags', 'referral_consent', 'consent_recorded_by', 'consent_recorded_at', 'enhanced_rights_categories', 'enhanced_rights_reason',
];

/** A valid row: a Cleveland burglary victim reported the day before the tests' "now"; override what the test is about. */
export function aCsvRow(overrides: CsvRow = {}): CsvRow {
  return {
    area_code: 'cleveland',
    role: 'victim',
    crime_reference: aCrimeReference(),
    offence_category: 'burglary',
    offence_date: '2026-03-30',
    reported_at: '2026-03-31T09:00:00Z',
    given_name: 'Ann',
    family_name: `Example-${randomBytes(3).toString('hex')}`,
    date_of_birth: '1980-02-01',
    phone: '07700 900123',
    preferred_contact_method: 'phone',
    referral_consent: 'not_objected',
    consent_recorded_by: 'PC 1234 Smith',
    ...overrides,
  };
}

function quoted(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** RFC 4180 text of the rows under a header of `columns` (all documented columns by default). */
export function csvOf(rows: readonly CsvRow[], options: { columns?: readonly string[]; newline?: string } = {}): string {
  const columns = options.columns ?? CSV_COLUMNS;
  const newline = options.newline ?? '\r\n';
  return [columns.join(','), ...rows.map((row) => columns.map((column) => quoted(row[column] ?? '')).join(','))].join(newline) + newline;
}
