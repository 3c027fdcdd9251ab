import type { TestApp } from '../support/test-app.js';
import { wordsOf } from './report-journey.builder.js';

/** Keys no aggregate answer may carry: they hold a person's data or free text. */
const PERSONAL_KEYS = ['name', 'givenname', 'familyname', 'dateofbirth', 'phone', 'email', 'address', 'postcode', 'notes', 'note', 'comment', 'description'];

/**
 * The personal data of the test's journeys, as an answer might carry it: family names, the
 * builders' given name, date of birth (as written in the API and as a page writes a date),
 * phone and the referrer's free text, crime and journey references, and every journey,
 * person and crime id.
 */
export async function personalDataOf(t: TestApp, extra: { familyNames: readonly string[]; references: readonly string[] }): Promise<string[]> {
  const journeys: Array<{ id: string; person_id: string; crime_id: string }> = await t.dataSource.query(`SELECT id, person_id, crime_id FROM journeys`);
  return [
    ...extra.familyNames, 'Ann', '1980-02-01', '1 February 1980', '01/02/1980', '07700', 'PC 1234', 'CLE/26/', ...extra.references,
    ...journeys.flatMap((journey) => [journey.id, journey.person_id, journey.crime_id]),
  ];
}

/**
 * What of `forbidden` an answer carries (a JSON, CSV or HTML body), and, for JSON, which
 * personal keys: empty when the answer is clean. The reports' privacy spec and the
 * commissioners' pages spec both scan with it.
 */
export function personalDataIn(answer: { text: string; body?: unknown; headers: Record<string, string> }, forbidden: readonly string[]): string[] {
  const found = forbidden.filter((value) => answer.text.includes(value));
  if (String(answer.headers['content-type'] ?? '').startsWith('application/json')) {
    const keys = wordsOf(answer.body).map((word) => word.toLowerCase());
    found.push(...PERSONAL_KEYS.filter((key) => keys.includes(key)).map((key) => `key ${key}`));
  }
  return found;
}
