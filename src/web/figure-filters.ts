import { OFFENCE_CATEGORIES } from '../../libs/victims-code/src/index.js';
import { addMonths, financialQuarter, financialQuarterLabel, firstOfMonth, lastOfMonth } from '../reports/report-periods.js';
import { label } from './labels.js';

/**
 * The filters of the commissioners' figures pages, as the URL holds them (a GET form, so a
 * view can be bookmarked and shared): `period`, `area`, `offence`, `rights`, `role`, and
 * `rule` for the trend chart. Values are passed to the report services as the API's query
 * would be, and checked there; nothing here decides what a user may see.
 */
export interface FigureFilters {
  period: string;
  area: string;
  offence: string;
  rights: string;
  role: string;
  rule: string;
  organisation: string;
}

export interface ChosenPeriod {
  value: string;
  text: string;
  from: string;
  to: string;
  /** The financial year and quarter, for a quarter (the quarterly return's own choice). */
  quarter?: { financialYear: string; quarter: number };
}

const MONTH_NAME = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH_SHORT = new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });

/** "May 2026" for any date of May 2026. */
export function monthName(date: string): string {
  return MONTH_NAME.format(new Date(`${firstOfMonth(date)}T00:00:00Z`));
}

/** "May 26": under a chart's axis. */
export function monthShort(date: string): string {
  return MONTH_SHORT.format(new Date(`${firstOfMonth(date)}T00:00:00Z`));
}

function quarterOf(date: string): ChosenPeriod {
  const name = financialQuarterLabel(date); // 2026-27 Q1
  const financialYear = name.slice(0, 7);
  const quarter = Number(name.slice(-1));
  const { from, to } = financialQuarter(Number(financialYear.slice(0, 4)), quarter);
  return { value: `${financialYear}-Q${quarter}`, text: `${name}: ${monthName(from)} to ${monthName(to)}`, from, to, quarter: { financialYear, quarter } };
}

/**
 * The periods offered on `today` (a London date): the quarters of this and the last
 * financial year (the current one first), the last 13 months, and the financial years.
 */
export function periodChoices(today: string): { quarters: ChosenPeriod[]; months: ChosenPeriod[]; years: ChosenPeriod[] } {
  const quarters: ChosenPeriod[] = [];
  for (let back = 0; back < 5; back += 1) quarters.push(quarterOf(addMonths(firstOfMonth(today), -3 * back)));
  const months: ChosenPeriod[] = [];
  for (let back = 0; back < 13; back += 1) {
    const month = addMonths(firstOfMonth(today), -back);
    months.push({ value: month.slice(0, 7), text: `${monthName(month)}${back === 0 ? ' (so far)' : ''}`, from: month, to: lastOfMonth(month) });
  }
  const years: ChosenPeriod[] = [];
  const thisYear = Number(financialQuarterLabel(today).slice(0, 4));
  for (const start of [thisYear, thisYear - 1]) {
    const name = `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
    years.push({ value: `fy-${name}`, text: `Financial year ${name}`, from: `${start}-04-01`, to: `${start + 1}-03-31` });
  }
  return { quarters, months, years };
}

/** The period a `period` value names, if it is one of those offered; else the current quarter. */
export function chosenPeriod(value: string | undefined, today: string): ChosenPeriod {
  const choices = periodChoices(today);
  const all = [...choices.quarters, ...choices.months, ...choices.years];
  return all.find((choice) => choice.value === value) ?? choices.quarters[0];
}

export function filtersOf(query: Record<string, string | undefined>): FigureFilters {
  const text = (name: string) => (typeof query[name] === 'string' ? query[name]!.trim() : '');
  return {
    period: text('period'), area: text('area'), offence: text('offence'), rights: text('rights'), role: text('role'), rule: text('rule'),
    organisation: text('organisation'),
  };
}

/** The report services' query fields for these filters (as the API's query string would carry them). */
export function reportFilters(filters: FigureFilters): Record<string, string> {
  return {
    ...(filters.area ? { areaId: filters.area } : {}),
    ...(filters.offence ? { offenceCategory: filters.offence } : {}),
    ...(filters.rights === 'enhanced' ? { enhanced: 'true' } : filters.rights === 'standard' ? { enhanced: 'false' } : {}),
    ...(filters.role ? { role: filters.role } : {}),
  };
}

/** The compliance report's query fields: the filters of every report, and the owing organisation. */
export function complianceFilters(filters: FigureFilters): Record<string, string> {
  return { ...reportFilters(filters), ...(filters.organisation ? { owingOrganisationId: filters.organisation } : {}) };
}

/** The URL's query for these filters, without the empty ones. */
export function filterQuery(filters: FigureFilters, changes: Partial<FigureFilters> = {}): string {
  const merged = { ...filters, ...changes };
  const params = new URLSearchParams(Object.entries(merged).filter(([, value]) => value !== ''));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The filter form's select items. */
export function filterItems(
  filters: FigureFilters,
  today: string,
  areas: ReadonlyArray<{ id: string; name: string }>,
  rules: readonly string[],
  organisations: ReadonlyArray<{ id: string; name: string; kind: string }> = [],
) {
  const choices = periodChoices(today);
  const period = chosenPeriod(filters.period, today).value;
  const option = (choice: ChosenPeriod) => ({ value: choice.value, text: choice.text, selected: choice.value === period });
  const select = (value: string, items: Array<{ value: string; text: string }>) => items.map((item) => ({ ...item, selected: item.value === value }));
  return {
    periods: [...choices.quarters.map(option), ...choices.months.map(option), ...choices.years.map(option)],
    areas: select(filters.area, [{ value: '', text: 'All your areas' }, ...areas.map((area) => ({ value: area.id, text: area.name }))]),
    offences: select(filters.offence, [{ value: '', text: 'All offences' }, ...OFFENCE_CATEGORIES.map((code) => ({ value: code, text: label(code) }))]),
    rights: select(filters.rights, [
      { value: '', text: 'Enhanced and standard' },
      { value: 'enhanced', text: 'Enhanced rights only' },
      { value: 'standard', text: 'Standard rights only' },
    ]),
    roles: select(filters.role, [
      { value: '', text: 'Victims and witnesses' },
      { value: 'victim', text: 'Victims only' },
      { value: 'witness', text: 'Witnesses only' },
    ]),
    rules: select(filters.rule, [{ value: '', text: 'All rules together' }, ...rules.map((rule) => ({ value: rule, text: rule }))]),
    organisations: select(filters.organisation, [
      { value: '', text: 'All organisations' },
      ...organisations.map((organisation) => ({ value: organisation.id, text: `${organisation.name} (${label(organisation.kind)})` })),
    ]),
  };
}
