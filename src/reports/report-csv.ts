import { ENHANCED_RIGHTS_CATEGORIES } from '../../libs/victims-code/src/index.js';
import type {
  BreachList,
  ComplianceFigures,
  ComplianceReport,
  CompliancePeriod,
  OutcomePeriod,
  OutcomesReport,
  QuarterlyReturnReport,
  ReferralPeriod,
  ReferralTimelinessReport,
  WitnessTrialPeriod,
  WitnessTrialReport,
  RightsOfferedPeriod,
  RightsOfferedReport,
} from './dto/report-responses.dto.js';
import type { ShownStatusBlock } from './status-counts.js';

type Cell = string | number | boolean | null | undefined | Date;
type CsvRow = Record<string, Cell>;

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string') return String(value);
  // Every text here is the service's own (labels, ids, markers); spreadsheet formulae are refused all the same.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180: a header line, then one line per row, CRLF line ends. */
export function toCsv(columns: readonly string[], rows: readonly CsvRow[]): string {
  return [columns.map(cell).join(','), ...rows.map((row) => columns.map((column) => cell(row[column])).join(','))].join('\r\n') + '\r\n';
}

function statusCells(prefix: string, block: ShownStatusBlock): CsvRow {
  return {
    [`${prefix}due`]: block.due,
    [`${prefix}met`]: block.met,
    [`${prefix}met_late`]: block.metLate,
    [`${prefix}breached`]: block.breached,
    [`${prefix}open`]: block.open,
    [`${prefix}withdrawn`]: block.withdrawn,
    [`${prefix}on_time_percent`]: block.onTimePercent,
  };
}

/**
 * Every protected CSV's last column: how the line's figures were protected (`cell-key`:
 * each count perturbed, see docs/reports.md; `none`: exact). The figure columns stay numeric.
 */
export const DISCLOSURE_COLUMN = 'disclosure';

const STATUS_NAMES = ['due', 'met', 'met_late', 'breached', 'open', 'withdrawn', 'on_time_percent'];
const statusColumns = (prefix: string) => STATUS_NAMES.map((name) => `${prefix}${name}`);

export const COMPLIANCE_CSV_COLUMNS = [
  'as_of', 'period', 'period_from', 'period_to', 'level', 'rule_id', 'right', 'owner',
  ...statusColumns(''), 'median_working_days_late', 'p90_working_days_late',
  // Added with the breakdown by owing organisation: after the columns that were there, so those keep their places.
  'organisation_id', 'organisation_name', 'organisation_kind', DISCLOSURE_COLUMN,
];

/**
 * One line per period (then the whole period, `all`) and rule, right or total, then each
 * owing organisation (`organisation`; the unnamed duties with an empty id) and, for the
 * whole period, each organisation's rules (`organisation_rule`).
 */
export function complianceCsv(report: ComplianceReport): string {
  const lines = (period: CompliancePeriod): CsvRow[] => {
    const base = { as_of: report.asOf, period: period.label, period_from: period.from, period_to: period.to, disclosure: report.disclosure.method };
    const figures = (row: ComplianceFigures): CsvRow => ({
      ...statusCells('', row),
      median_working_days_late: row.medianWorkingDaysLate,
      p90_working_days_late: row.p90WorkingDaysLate,
    });
    return [
      ...period.rules.map((rule) => ({ ...base, level: 'rule', rule_id: rule.ruleId, right: rule.right, owner: rule.owner, ...figures(rule) })),
      ...period.rights.map((right) => ({ ...base, level: 'right', right: right.right, ...figures(right) })),
      { ...base, level: 'total', ...figures(period.total) },
      ...period.organisations.flatMap((organisation) => {
        const named = {
          ...base, organisation_id: organisation.organisationId, organisation_name: organisation.organisationName, organisation_kind: organisation.organisationKind,
        };
        return [
          { ...named, level: 'organisation', owner: organisation.owners.join(' '), ...statusCells('', organisation) },
          ...(organisation.rules ?? []).map((rule) => ({ ...named, level: 'organisation_rule', rule_id: rule.ruleId, right: rule.right, owner: rule.owner, ...statusCells('', rule) })),
        ];
      }),
    ];
  };
  return toCsv(COMPLIANCE_CSV_COLUMNS, [...report.periods, report.whole].flatMap(lines));
}

export const REFERRAL_CSV_COLUMNS = [
  'as_of', 'period', 'period_from', 'period_to', 'referrals', 'contacted', 'unable_to_contact', 'unable_to_contact_percent',
  'support_started', 'enhanced', ...ENHANCED_RIGHTS_CATEGORIES.map((category) => `enhanced_${category}`), ...statusColumns('police_referral_'), ...statusColumns('first_contact_'), ...statusColumns('needs_assessment_'), DISCLOSURE_COLUMN,
];

/** One line per period, then the whole period (`all`). */
export function referralCsv(report: ReferralTimelinessReport): string {
  const line = (period: ReferralPeriod): CsvRow => ({
    as_of: report.asOf,
    period: period.label,
    period_from: period.from,
    period_to: period.to,
    referrals: period.referrals,
    contacted: period.contacted,
    unable_to_contact: period.unableToContact,
    unable_to_contact_percent: period.unableToContactPercent,
    support_started: period.supportStarted,
    enhanced: period.enhanced,
    ...Object.fromEntries(ENHANCED_RIGHTS_CATEGORIES.map((category) => [`enhanced_${category}`, period.enhancedByBasis[category]])),
    ...statusCells('police_referral_', period.policeReferral),
    ...statusCells('first_contact_', period.firstContact),
    ...statusCells('needs_assessment_', period.needsAssessment),
    disclosure: report.disclosure.method,
  });
  return toCsv(REFERRAL_CSV_COLUMNS, [...report.periods, report.whole].map(line));
}

const domainPrefix = (domain: { frameworkVersion: string; domain: string }) => `${domain.frameworkVersion.replace(/[^a-z0-9]/g, '')}_${domain.domain}_`;

/** Columns of the cope-and-recover (outcomes) report CSV; the domain columns follow the frameworks in libs/cope-recover. */
export function copeRecoverCsvColumns(period: OutcomePeriod): string[] {
  return [
    'as_of', 'period', 'period_from', 'period_to', 'closed', ...Object.keys(period.closureReasons).map((reason) => `closed_${reason}`),
    'with_start_score', 'without_start_score', 'compared', 'improved', 'improved_percent', 'mean_change',
    ...Object.keys(period.endScoreMissing).flatMap((reason) => [`end_score_missing_${reason}`, `end_score_missing_${reason}_percent`]),
    ...period.domains.flatMap((domain) => ['compared', 'improved', 'improved_percent', 'mean_change'].map((name) => `${domainPrefix(domain)}${name}`)),
    'satisfaction_answered', 'satisfaction_declined', 'satisfaction_not_recorded', 'satisfaction_mean_score', DISCLOSURE_COLUMN,
  ];
}

/** One line per period, then the whole period (`all`). */
export function copeRecoverCsv(report: OutcomesReport): string {
  const line = (period: OutcomePeriod): CsvRow => {
    const row: CsvRow = {
      as_of: report.asOf,
      period: period.label,
      period_from: period.from,
      period_to: period.to,
      closed: period.closed,
      with_start_score: period.withStartScore,
      without_start_score: period.withoutStartScore,
      compared: period.compared,
      improved: period.improved,
      improved_percent: period.improvedPercent,
      mean_change: period.meanChange,
      satisfaction_answered: period.satisfaction.answered,
      satisfaction_declined: period.satisfaction.declined,
      satisfaction_not_recorded: period.satisfaction.notRecorded,
      satisfaction_mean_score: period.satisfaction.meanScore,
      disclosure: report.disclosure.method,
    };
    for (const [reason, count] of Object.entries(period.closureReasons)) row[`closed_${reason}`] = count;
    for (const [reason, missing] of Object.entries(period.endScoreMissing)) {
      row[`end_score_missing_${reason}`] = missing.count;
      row[`end_score_missing_${reason}_percent`] = missing.percent;
    }
    for (const domain of period.domains) {
      row[`${domainPrefix(domain)}compared`] = domain.compared;
      row[`${domainPrefix(domain)}improved`] = domain.improved;
      row[`${domainPrefix(domain)}improved_percent`] = domain.improvedPercent;
      row[`${domainPrefix(domain)}mean_change`] = domain.meanChange;
    }
    return row;
  };
  return toCsv(copeRecoverCsvColumns(report.whole), [...report.periods, report.whole].map(line));
}

// The witness and trial report

export const WITNESS_TRIAL_CSV_COLUMNS = ['as_of', 'period', 'period_from', 'period_to', 'figure', 'value', DISCLOSURE_COLUMN];

/**
 * A period's figures as (figure, value) pairs: the figure is the JSON field's dotted path,
 * a list's entry named by its reason or measure (`trials.crackedReasons.guilty_plea_on_the_day`,
 * `specialMeasures.measures.screens.granted`).
 */
export function witnessTrialFigures(period: WitnessTrialPeriod): Array<[string, Cell]> {
  const pairs: Array<[string, Cell]> = [];
  const walk = (path: string, value: unknown): void => {
    if (Array.isArray(value)) {
      for (const entry of value as Array<Record<string, unknown>>) {
        const name = String(entry.reason ?? entry.measure);
        if ('count' in entry) pairs.push([`${path}.${name}`, entry.count as Cell]);
        else for (const [field, inner] of Object.entries(entry)) if (field !== 'measure') walk(`${path}.${name}.${field}`, inner);
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [field, inner] of Object.entries(value)) walk(path ? `${path}.${field}` : field, inner);
    } else {
      pairs.push([path, value as Cell]);
    }
  };
  const { label: _label, from: _from, to: _to, ...figures } = period;
  walk('', figures);
  return pairs;
}

/** Long format: one line per period (then the whole period, `all`) and figure. */
export function witnessTrialCsv(report: WitnessTrialReport): string {
  return toCsv(
    WITNESS_TRIAL_CSV_COLUMNS,
    [...report.periods, report.whole].flatMap((period) =>
      witnessTrialFigures(period).map(([figure, value]) => ({ as_of: report.asOf, period: period.label, period_from: period.from, period_to: period.to, figure, value, disclosure: report.disclosure.method })),
    ),
  );
}

// The rights offered report

export const RIGHTS_OFFERED_CSV_COLUMNS = ['as_of', 'period', 'period_from', 'period_to', 'section', 'figure', 'value', DISCLOSURE_COLUMN];
const RIGHTS_SECTIONS = ['journeys', 'offerDuties', 'victimContactScheme', 'rjReferrals', 'complaints'] as const;

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The figures below `value` as [dotted snake_case path, value], in the JSON's order. */
function figuresOf(value: unknown, path: string[] = []): Array<[string, Cell]> {
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => figuresOf(item, [...path, snakeCase(key)]));
  return [[path.join('.'), value as Cell]];
}

/**
 * Long: one line per period (then the whole period, `all`) and figure. `section` is the
 * JSON block in snake_case (journeys, offer_duties, victim_contact_scheme, rj_referrals,
 * complaints) and `figure` the path below it (`rj_outcomes.took_part`, `vps_offer.on_time_percent`);
 * `value` a count (protected, as `disclosure` says), a percentage, or empty when a percentage's protected base is too small.
 */
export function rightsOfferedCsv(report: RightsOfferedReport): string {
  const lines = (period: RightsOfferedPeriod): CsvRow[] =>
    RIGHTS_SECTIONS.flatMap((section) =>
      figuresOf(period[section]).map(([figure, value]) => ({
        as_of: report.asOf,
        period: period.label,
        period_from: period.from,
        period_to: period.to,
        section: snakeCase(section),
        figure,
        value,
        disclosure: report.disclosure.method,
      })),
    );
  return toCsv(RIGHTS_OFFERED_CSV_COLUMNS, [...report.periods, report.whole].flatMap(lines));
}

export function quarterlyReturnCsv(report: QuarterlyReturnReport): string {
  return toCsv(report.columns, report.rows);
}

export const BREACH_CSV_COLUMNS = ['journey_reference', 'person_pseudonym', 'rule_id', 'right', 'owner', 'due_at', 'met_at', 'status', 'working_days_late'];

export function breachesCsv(list: BreachList): string {
  return toCsv(
    BREACH_CSV_COLUMNS,
    list.items.map((item) => ({
      journey_reference: item.journeyReference,
      person_pseudonym: item.personPseudonym,
      rule_id: item.ruleId,
      right: item.right,
      owner: item.owner,
      due_at: item.dueAt,
      met_at: item.metAt,
      status: item.status,
      working_days_late: item.workingDaysLate,
    })),
  );
}
