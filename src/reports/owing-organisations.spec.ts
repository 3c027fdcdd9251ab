import { describe, expect, it } from '@jest/globals';
import { expectProtected } from '../../test/reports/disclosure-checks.js';
import { buildComplianceReport, type ComplianceFacts, complianceFactsOf } from './code-compliance.report.js';
import type { CellProtection } from './disclosure/figure-table.js';
import { protectedBuild } from './disclosure/protected-build.js';
import type { DutyOwnerTotalsRow, DutyTotalsRow } from './facts/duty-facts.js';
import { NOT_NAMED, OwingOrganisations } from './owing-organisations.js';
import { periodGroups, wholePeriod } from './report-periods.js';

const CLEVELAND = '00000000-0000-4000-8000-000000000001';
const DURHAM = '00000000-0000-4000-8000-000000000002';
const CLEVELAND_POLICE = '00000000-0000-4000-8000-0000000000a1';
const DURHAM_POLICE = '00000000-0000-4000-8000-0000000000a2';
const WITNESS_CARE = '00000000-0000-4000-8000-0000000000b1';

/** Cleveland names its force and the witness care unit it shares with Durham; Durham names its force and the unit, and no victim care service. */
const directory = new OwingOrganisations([
  { areaId: CLEVELAND, ownerKind: 'police', organisation: { id: CLEVELAND_POLICE, name: 'Cleveland Police', kind: 'police_force' } },
  { areaId: DURHAM, ownerKind: 'police', organisation: { id: DURHAM_POLICE, name: 'Durham Constabulary', kind: 'police_force' } },
  { areaId: CLEVELAND, ownerKind: 'witness_care_unit', organisation: { id: WITNESS_CARE, name: 'Cleveland and Durham Witness Care Unit', kind: 'witness_care_unit' } },
  { areaId: DURHAM, ownerKind: 'witness_care_unit', organisation: { id: WITNESS_CARE, name: 'Cleveland and Durham Witness Care Unit', kind: 'witness_care_unit' } },
]);

type Counts = Pick<DutyOwnerTotalsRow, 'met' | 'met_late' | 'breached' | 'open' | 'withdrawn'>;
const counts = (met: number, metLate = 0, breached = 0, open = 0, withdrawn = 0): Counts => ({ met, met_late: metLate, breached, open, withdrawn });

/** Duties by area, month, rule and owner: the breakdown's rows. */
const ownerRows: DutyOwnerTotalsRow[] = [
  { area_id: CLEVELAND, month: '2026-04-01', rule_id: 'police.refer-to-support', code_right: 4, owner: 'police', ...counts(14, 2, 1) },
  { area_id: DURHAM, month: '2026-04-01', rule_id: 'police.refer-to-support', code_right: 4, owner: 'police', ...counts(9, 3) },
  { area_id: CLEVELAND, month: '2026-05-01', rule_id: 'wcu.inform-hearing', code_right: 8, owner: 'witness_care_unit', ...counts(6, 1) },
  { area_id: DURHAM, month: '2026-05-01', rule_id: 'wcu.inform-hearing', code_right: 8, owner: 'witness_care_unit', ...counts(5, 0, 2) },
  { area_id: DURHAM, month: '2026-05-01', rule_id: 'support.first-contact', code_right: 4, owner: 'victim_care_service', ...counts(11, 1, 0, 3) },
  // A complaint against the police: its duties are the force's.
  { area_id: CLEVELAND, month: '2026-06-01', rule_id: 'complaint.acknowledge', code_right: 12, owner: 'police', ...counts(1) },
];

/** The same duties summed over the areas, as the report's totals read them (no lateness here). */
const totalRows: DutyTotalsRow[] = Object.values(
  ownerRows.reduce<Record<string, DutyTotalsRow>>((into, row) => {
    const key = `${row.month}|${row.rule_id}|${row.owner}`;
    const sum = into[key] ?? { area_id: null, month: row.month, rule_id: row.rule_id, code_right: row.code_right, owner: row.owner, working_days_late: 1, met: 0, met_late: 0, breached: 0, open: 0, withdrawn: 0 };
    for (const column of ['met', 'met_late', 'breached', 'open', 'withdrawn'] as const) sum[column] += row[column];
    into[key] = sum;
    return into;
  }, {}),
);

/** A record-key sum beside each count, as the fact queries answer them. */
function withKeys<T extends object>(rows: readonly T[], salt: number): T[] {
  return rows.map((row, index) => ({
    ...row,
    ...Object.fromEntries(['met', 'met_late', 'breached', 'open', 'withdrawn'].map((column, at) => [`${column}_key`, (index * 97 + at * 31 + salt) % 256])),
  }));
}

/** Their late duties, as the report reads them beside the rows above. */
const late = complianceFactsOf(totalRows).late;

const build = (facts: ComplianceFacts, protection: CellProtection) =>
  buildComplianceReport(facts, periodGroups('2026-04-01', '2026-06-30', 'month'), wholePeriod('2026-04-01', '2026-06-30'), protection, directory);

describe('the owing organisation of a duty', () => {
  it('is the directory’s entry for the duty’s area and owner kind, else none', () => {
    expect(directory.of(DURHAM, 'police')?.name).toBe('Durham Constabulary');
    expect(directory.of(DURHAM, 'victim_care_service')).toBeNull();
    expect(directory.of(null, 'police')).toBeNull();
    expect(directory.pairsOf(WITNESS_CARE)).toEqual({ areaIds: [CLEVELAND, DURHAM], owners: ['witness_care_unit', 'witness_care_unit'] });
    expect(directory.pairsOf('00000000-0000-4000-8000-0000000000ff')).toBeNull();
    expect(directory.named().map((organisation) => organisation.name)).toEqual(['Cleveland and Durham Witness Care Unit', 'Cleveland Police', 'Durham Constabulary']);
  });

  it('breaks the compliance report down by organisation, by name, the duties the directory does not name in a row of their own', () => {
    const exact = protectedBuild('none', { duties: ownerRows, late }, build);
    expect(exact.whole.organisations.map((row) => [row.organisationName, row.due, row.met, row.metLate, row.breached, row.open])).toEqual([
      ['Cleveland and Durham Witness Care Unit', 14, 11, 1, 2, 0],
      ['Cleveland Police', 18, 15, 2, 1, 0],
      ['Durham Constabulary', 12, 9, 3, 0, 0],
      [NOT_NAMED, 15, 11, 1, 0, 3],
    ]);
    expect(exact.whole.organisations.at(-1)).toEqual(expect.objectContaining({ organisationId: null, organisationKind: null, owners: ['victim_care_service'] }));
    // One unit named for two areas is one row; a complaint's duties go to the organisation complained about.
    expect(exact.whole.organisations[1].rules!.map((rule) => [rule.ruleId, rule.owner, rule.due])).toEqual([
      ['police.refer-to-support', 'police', 17],
      ['complaint.acknowledge', 'police', 1],
    ]);
    // Months have the organisations without their rules; each month's rows add up to its total.
    for (const period of exact.periods) {
      expect(period.organisations.every((row) => row.rules === undefined)).toBe(true);
      expect(period.organisations.reduce((sum, row) => sum + row.due, 0)).toBe(period.total.due);
    }
  });

  it('protects every organisation’s cells by their own records’ keys, as any other cell of the report', () => {
    const exact = protectedBuild('none', { duties: ownerRows, late }, build);
    const facts = { duties: withKeys(ownerRows, 7), late };
    const shown = protectedBuild('cell-key', facts, build);
    expect(protectedBuild('cell-key', { duties: withKeys(ownerRows, 7), late }, build)).toEqual(shown);
    const { counts: checked, changed } = expectProtected(shown.whole.organisations, exact.whole.organisations);
    expect(checked).toBeGreaterThan(40);
    expect(changed).toBeGreaterThan(0);
    // The complaint's single duty is never shown as 1 (or 2).
    const complaint = shown.whole.organisations[1].rules!.find((rule) => rule.ruleId === 'complaint.acknowledge')!;
    expect([1, 2]).not.toContain(complaint.due);
    // Other keys, other perturbations: the organisation cells follow their records' keys.
    const otherKeys = protectedBuild('cell-key', { duties: withKeys(ownerRows, 101), late }, build);
    expect(otherKeys.whole.organisations).not.toEqual(shown.whole.organisations);
    // Keys move only what is shown: the true figures are the same whatever the keys.
    expect(protectedBuild('none', { duties: withKeys(ownerRows, 101), late }, build)).toEqual(exact);
  });
});
