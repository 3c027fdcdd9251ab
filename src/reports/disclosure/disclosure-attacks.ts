import { VC_2020_1 } from '../../../libs/victims-code/src/index.js';
import { buildComplianceReport, complianceFactsOf } from '../code-compliance.report.js';
import type { ComplianceFigures, CompliancePeriod } from '../dto/report-responses.dto.js';
import type { DutyTotalsRow } from '../facts/duty-facts.js';
import { buildQuarterlyReturn, type ReturnRows } from '../quarterly-return.report.js';
import { periodGroups, wholePeriod } from '../report-periods.js';
import { KEY_RANGE, possibleCountsOf } from './cell-key.js';
import type { DisclosureMethod } from './figure-table.js';
import { protectedBuild } from './protected-build.js';

/**
 * The attack harness of issue 21: generated duties with known truth, the real compliance
 * report and quarterly return built over them (with the same code the service runs), and
 * every attack the disclosure review made, run automatically against what a commissioner
 * would be shown. Pure: no database, no clock; the same seed gives the same figures.
 *
 * An attack "recovers" a count when everything the reader was shown, the published
 * perturbation table and the relations that hold between true counts (a row's statuses add
 * up to its due, rules to their right, rights to the total, months to the year, areas to all
 * areas, enhanced and standard to unfiltered, a quarter's return to the report) leave exactly
 * one possible value. The solver propagates interval bounds through every relation together
 * until nothing tightens: a linear/interval solve of the answers taken together.
 */

/** One generated duty. */
interface SyntheticDuty {
  area: number;
  month: number;
  ruleIndex: number;
  status: 'met' | 'met_late' | 'breached' | 'open' | 'withdrawn';
  enhanced: boolean;
  witness: boolean;
  daysLate: number;
  key: number;
}

export interface AttackOptions {
  duties: number;
  areas: number;
  seed: number;
  method: DisclosureMethod;
}

export interface AttackRow {
  attack: string;
  /** Cells with a true count from 1 to 4 that the attack took part in. */
  smallCells: number;
  /** Of those, pinned to their true value. */
  exactRecoveries: number;
}

export interface AttackFindings {
  rows: AttackRow[];
  /** Asking the same question again: answers that differed (the cell key method: none). */
  repeatedQueriesDiffering: number;
  utility: {
    mostBreachedRight: { truth: number; shown: number };
    mostBreachedOwner: { truth: string; shown: string };
    cellsOf20OrMore: number;
    within2: number;
    within2Percent: number;
    /** Cells of 10 or more not shown as a number (withheld, suppressed). */
    hiddenOf10OrMore: number;
    cells: number;
  };
}

/** A small deterministic PRNG (mulberry32): the harness must give the same figures each run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RULES = VC_2020_1.map((rule) => ({ id: rule.id as string, right: rule.right as number, owner: rule.owner as string }));
/** The financial year 2025-26, April to March: the first day of each month. */
const MONTHS = Array.from({ length: 12 }, (_, index) => {
  const month = ((index + 3) % 12) + 1;
  return `${index < 9 ? 2025 : 2026}-${String(month).padStart(2, '0')}-01`;
});
const YEAR = { from: '2025-04-01', to: '2026-03-31' };

/** Duties skewed as a year's are: a few rules carry most of the work; right 4 the most breaches. */
export function generateDuties(options: Pick<AttackOptions, 'duties' | 'areas' | 'seed'>): SyntheticDuty[] {
  const next = random(options.seed);
  const weights = RULES.map((rule, index) => (rule.right === 4 ? 12 : rule.right === 6 ? 4 : 1 + (index % 5)) * (index % 7 === 0 ? 0.15 : 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const pickRule = () => {
    let roll = next() * total;
    for (let index = 0; index < weights.length; index++) if ((roll -= weights[index]) < 0) return index;
    return weights.length - 1;
  };
  const areaWeights = Array.from({ length: options.areas }, (_, index) => 1 / (index + 1));
  const areaTotal = areaWeights.reduce((sum, weight) => sum + weight, 0);
  const pickArea = () => {
    let roll = next() * areaTotal;
    for (let index = 0; index < areaWeights.length; index++) if ((roll -= areaWeights[index]) < 0) return index;
    return areaWeights.length - 1;
  };
  return Array.from({ length: options.duties }, (): SyntheticDuty => {
    const ruleIndex = pickRule();
    const breachRate = RULES[ruleIndex].right === 4 ? 0.14 : 0.05;
    const roll = next();
    const status = roll < breachRate ? 'breached' : roll < breachRate + 0.12 ? 'met_late' : roll < breachRate + 0.15 ? 'open' : roll < breachRate + 0.19 ? 'withdrawn' : 'met';
    return {
      area: pickArea(),
      month: Math.floor(next() * 12),
      ruleIndex,
      status,
      enhanced: next() < 0.2,
      witness: next() < 0.25,
      daysLate: status === 'met_late' || status === 'breached' ? 1 + Math.floor(next() * 10) : 0,
      key: Math.floor(next() * KEY_RANGE),
    };
  });
}

const areaId = (area: number) => `00000000-0000-4000-8000-${String(area).padStart(12, '0')}`;

/** The fact rows a duty rollup read would give for these duties: counts and key sums per (area, month, rule, days late). */
export function dutyRowsOf(duties: readonly SyntheticDuty[], perArea: boolean): DutyTotalsRow[] {
  const rows = new Map<string, DutyTotalsRow & Record<string, unknown>>();
  for (const duty of duties) {
    const rule = RULES[duty.ruleIndex];
    const area = perArea ? areaId(duty.area) : null;
    const id = `${area}|${duty.month}|${duty.ruleIndex}|${duty.daysLate}`;
    let row = rows.get(id);
    if (!row) {
      row = {
        area_id: area, month: MONTHS[duty.month], rule_id: rule.id, code_right: rule.right, owner: rule.owner, working_days_late: duty.daysLate,
        met: 0, met_late: 0, breached: 0, open: 0, withdrawn: 0, met_key: 0, met_late_key: 0, breached_key: 0, open_key: 0, withdrawn_key: 0,
      };
      rows.set(id, row);
    }
    row[duty.status] += 1;
    row[`${duty.status}_key`] = ((row[`${duty.status}_key`] as number) + duty.key) % KEY_RANGE;
  }
  return [...rows.values()];
}

type Compliance = { periods: CompliancePeriod[]; whole: CompliancePeriod };
const STATUS_FIELDS = ['due', 'met', 'metLate', 'breached', 'open', 'withdrawn'] as const;

function compliance(duties: readonly SyntheticDuty[], method: DisclosureMethod, grouping: 'month' | 'quarter' = 'month', period = YEAR): Compliance {
  const inPeriod = duties.filter((duty) => MONTHS[duty.month] >= period.from && MONTHS[duty.month] <= period.to);
  return protectedBuild(method, complianceFactsOf(dutyRowsOf(inPeriod, false)), (facts, protection) =>
    buildComplianceReport(facts, periodGroups(period.from, period.to, grouping), wholePeriod(period.from, period.to), protection),
  );
}

/** What a reader knows: cells (shown value, true value) and relations between true values. */
class Knowledge {
  readonly cells = new Map<string, { shown: number; truth: number; low: number; high: number }>();
  readonly relations: Array<{ total: string; parts: string[] }> = [];

  cell(id: string, shown: number, truth: number): void {
    const known = this.cells.get(id);
    const box = possibleCountsOf(shown);
    if (known) {
      known.low = Math.max(known.low, box.low);
      known.high = Math.min(known.high, box.high);
    } else {
      this.cells.set(id, { shown, truth, ...box });
    }
  }

  /** A row an answer does not have: the reader knows it is 0. */
  zero(id: string): void {
    if (!this.cells.has(id)) this.cells.set(id, { shown: 0, truth: 0, low: 0, high: 0 });
  }

  relate(total: string, parts: string[]): void {
    if (parts.length > 0) this.relations.push({ total, parts });
  }

  /** A report's rows, periods and rights: every cell and its relations, under `prefix`. */
  compliance(prefix: string, shown: Compliance, truth: Compliance): void {
    const periods = [...shown.periods.map((period, index) => [period, truth.periods[index]] as const), [shown.whole, truth.whole] as const];
    const row = (at: string, s: ComplianceFigures, t: ComplianceFigures) => {
      for (const field of STATUS_FIELDS) this.cell(`${at}|${field}`, s[field], t[field]);
      this.relate(`${at}|due`, STATUS_FIELDS.slice(1).map((field) => `${at}|${field}`));
    };
    for (const [s, t] of periods) {
      const at = `${prefix}|${s.label}`;
      s.rules.forEach((rule, index) => row(`${at}|rule:${rule.ruleId}`, rule, t.rules[index]));
      s.rights.forEach((right, index) => row(`${at}|right:${right.right}`, right, t.rights[index]));
      row(`${at}|total`, s.total, t.total);
      for (const field of STATUS_FIELDS) {
        for (const right of s.rights) this.relate(`${at}|right:${right.right}|${field}`, s.rules.filter((rule) => rule.right === right.right).map((rule) => `${at}|rule:${rule.ruleId}|${field}`));
        this.relate(`${at}|total|${field}`, s.rights.map((right) => `${at}|right:${right.right}|${field}`));
      }
    }
    for (const field of STATUS_FIELDS) {
      for (const name of [...shown.whole.rules.map((rule) => `rule:${rule.ruleId}`), ...shown.whole.rights.map((right) => `right:${right.right}`), 'total']) {
        this.relate(`${prefix}|all|${name}|${field}`, shown.periods.map((period) => `${prefix}|${period.label}|${name}|${field}`));
      }
    }
  }

  /** Tightens every cell's bounds through every relation until nothing changes. */
  solve(): void {
    for (let pass = 0, changed = true; changed && pass < 200; pass++) {
      changed = false;
      for (const { total, parts } of this.relations) {
        const t = this.cells.get(total);
        const ps = parts.map((part) => this.cells.get(part)).filter((cell) => cell !== undefined);
        if (!t || ps.length !== parts.length) continue;
        const lowSum = ps.reduce((sum, p) => sum + p.low, 0);
        const highSum = ps.reduce((sum, p) => sum + p.high, 0);
        const tighten = (cell: { low: number; high: number }, low: number, high: number) => {
          if (low > cell.low) { cell.low = low; changed = true; }
          if (high < cell.high) { cell.high = high; changed = true; }
        };
        tighten(t, lowSum, highSum);
        for (const p of ps) tighten(p, t.low - (highSum - p.high), t.high - (lowSum - p.low));
      }
    }
  }

  /** Small true counts (1-4) among `ids` (all cells when left out), and how many are pinned to their truth. */
  score(attack: string, ids?: Iterable<string>): AttackRow {
    let smallCells = 0;
    let exactRecoveries = 0;
    for (const id of ids ?? this.cells.keys()) {
      const cell = this.cells.get(id);
      if (!cell || cell.truth < 1 || cell.truth > 4) continue;
      smallCells += 1;
      if (cell.low === cell.high && cell.low === cell.truth) exactRecoveries += 1;
    }
    return { attack, smallCells, exactRecoveries };
  }
}

/** Runs every attack of issue 21 over `options.duties` generated duties, and measures what the figures are still good for. */
export function runDisclosureAttacks(options: AttackOptions): AttackFindings {
  const duties = generateDuties(options);
  const { method } = options;
  const shownAndTrue = (of: readonly SyntheticDuty[], grouping: 'month' | 'quarter' = 'month', period = YEAR) => ({
    shown: compliance(of, method, grouping, period),
    truth: compliance(of, 'none', grouping, period),
  });
  const rows: AttackRow[] = [];

  // 1. One 12-month answer, all its relations solved together.
  const areaZero = duties.filter((duty) => duty.area === 0);
  const single = new Knowledge();
  const one = shownAndTrue(areaZero);
  single.compliance('a0', one.shown, one.truth);
  single.solve();
  rows.push(single.score('one answer, every relation solved together'));

  // 2. All areas minus one: each area's answer beside the all-areas answer.
  const areas = new Knowledge();
  const all = shownAndTrue(duties);
  areas.compliance('all', all.shown, all.truth);
  for (let area = 0; area < options.areas; area++) {
    const answer = shownAndTrue(duties.filter((duty) => duty.area === area));
    areas.compliance(`a${area}`, answer.shown, answer.truth);
  }
  relateAcross(areas, 'all', Array.from({ length: options.areas }, (_, area) => `a${area}`));
  areas.solve();
  rows.push(areas.score('areas differenced (all areas minus one)', areaCells(areas, options.areas)));

  // 3. Filters differenced: unfiltered against enhanced / standard, and against witness / victim.
  const filters = new Knowledge();
  filters.compliance('u', one.shown, one.truth);
  for (const [name, test] of [['enh', (duty: SyntheticDuty) => duty.enhanced], ['std', (duty: SyntheticDuty) => !duty.enhanced], ['wit', (duty: SyntheticDuty) => duty.witness], ['vic', (duty: SyntheticDuty) => !duty.witness]] as const) {
    const answer = shownAndTrue(areaZero.filter(test));
    filters.compliance(name, answer.shown, answer.truth);
  }
  relateAcross(filters, 'u', ['enh', 'std']);
  relateAcross(filters, 'u', ['wit', 'vic']);
  filters.solve();
  rows.push(filters.score('filters differenced (unfiltered minus enhanced, minus witness)', prefixed(filters, ['enh|', 'std|', 'wit|', 'vic|'])));

  // 4. Periods differenced: the year by month, by quarter, and every span from each month to the year's end.
  const periods = new Knowledge();
  periods.compliance('m', one.shown, one.truth);
  const quarters = shownAndTrue(areaZero, 'quarter');
  periods.compliance('q', quarters.shown, quarters.truth);
  for (let start = 0; start < 12; start++) {
    const span = shownAndTrue(areaZero, 'month', { from: MONTHS[start], to: YEAR.to });
    periods.compliance(`s${start}`, span.shown, span.truth);
    // A span is its first month and the span after it; the year's months are the monthly answer's.
    for (const name of rowNames(one.shown.whole)) {
      for (const field of STATUS_FIELDS) {
        const label = one.shown.periods[start].label;
        periods.relate(`s${start}|all|${name}|${field}`, [`m|${label}|${name}|${field}`, ...(start < 11 ? [`s${start + 1}|all|${name}|${field}`] : [])]);
      }
    }
  }
  for (const name of rowNames(one.shown.whole)) {
    for (const field of STATUS_FIELDS) {
      quarters.shown.periods.forEach((quarter, index) => {
        periods.relate(`q|${quarter.label}|${name}|${field}`, one.shown.periods.slice(index * 3, index * 3 + 3).map((month) => `m|${month.label}|${name}|${field}`));
      });
    }
  }
  periods.solve();
  rows.push(periods.score('periods differenced (months, quarters, every span to the year end)', prefixed(periods, ['m|'])));

  // 5. The quarterly return against the compliance report of the same quarter and area.
  const returnKnowledge = new Knowledge();
  const quarterOne = { from: '2025-04-01', to: '2025-06-30' };
  const report = shownAndTrue(areaZero, 'month', quarterOne);
  returnKnowledge.compliance('r', report.shown, report.truth);
  const returnRows = (method2: DisclosureMethod) => quarterlyReturnOf(areaZero.filter((duty) => duty.month < 3), method2);
  const [shownReturn] = returnRows(method);
  const [trueReturn] = returnRows('none');
  for (const right of report.shown.whole.rights.map((entry) => entry.right)) {
    const at = `r|all|right:${right}`;
    const pairs: Array<[string, string]> = [['due', 'due'], ['on_time', 'met'], ['late', 'metLate'], ['breached', 'breached'], ['open', 'open']];
    for (const [column, field] of pairs) {
      returnKnowledge.cell(`${at}|${field}`, shownReturn[`right_${right}_${column}`] as number, trueReturn[`right_${right}_${column}`] as number);
    }
    // The return's right_n_due less its on time: the reader relates it to the report's late, breached, open and withdrawn.
  }
  returnKnowledge.solve();
  rows.push(returnKnowledge.score('the quarterly return against the reports'));

  // 6. Repeated queries: the same question, asked again, must give the same figures.
  const again = compliance(areaZero, method);
  const repeatedQueriesDiffering = JSON.stringify(again) === JSON.stringify(one.shown) ? 0 : 1;
  rows.push({ attack: 'repeated queries (averaging)', smallCells: 0, exactRecoveries: repeatedQueriesDiffering });

  rows.push(rows.reduce((sum, row) => ({ ...sum, smallCells: sum.smallCells + row.smallCells, exactRecoveries: sum.exactRecoveries + row.exactRecoveries }), {
    attack: 'every attack above (total)', smallCells: 0, exactRecoveries: 0,
  }));
  return { rows, repeatedQueriesDiffering, utility: utilityOf(all, duties, method) };
}

function rowNames(period: CompliancePeriod): string[] {
  return [...period.rules.map((rule) => `rule:${rule.ruleId}`), ...period.rights.map((right) => `right:${right.right}`), 'total'];
}

/** `total` prefix's every cell is the sum of the same cell under each of `parts`. */
function relateAcross(knowledge: Knowledge, total: string, parts: readonly string[]): void {
  for (const id of [...knowledge.cells.keys()].filter((key) => key.startsWith(`${total}|`))) {
    const rest = id.slice(total.length);
    // A row a part has no duties of is not in its answer: a known zero, not an unknown.
    for (const part of parts) knowledge.zero(`${part}${rest}`);
    knowledge.relate(id, parts.map((part) => `${part}${rest}`));
  }
}

function prefixed(knowledge: Knowledge, prefixes: readonly string[]): string[] {
  return [...knowledge.cells.keys()].filter((id) => prefixes.some((prefix) => id.startsWith(prefix)));
}

function areaCells(knowledge: Knowledge, areas: number): string[] {
  return prefixed(knowledge, Array.from({ length: areas }, (_, area) => `a${area}|`));
}

function quarterlyReturnOf(duties: readonly SyntheticDuty[], method: DisclosureMethod): Array<Record<string, string | number | null>> {
  const area = { id: areaId(0), code: 'a0', name: 'Area 0' };
  const rows: ReturnRows = {
    referrals: [],
    duties: dutyRowsOf(duties, true),
    closedJourneys: [],
    domains: [],
    witnessTrial: { trials: [], duties: [], attendance: [], specialMeasures: [], preTrialVisits: [] },
    rights: { journeys: [], vcs: [], complaints: [] },
  };
  const context = { financialYear: '2025-26', quarter: 1, from: '2025-04-01', to: '2025-06-30', months: MONTHS.slice(0, 3), organisationId: null, asOf: new Date('2026-04-01T00:00:00Z') };
  return protectedBuild(method, rows, (facts, protection) => buildQuarterlyReturn([area], context, facts, protection)).rows;
}

function utilityOf(all: { shown: Compliance; truth: Compliance }, duties: readonly SyntheticDuty[], method: DisclosureMethod): AttackFindings['utility'] {
  const argmax = <K>(entries: Array<[K, number]>) => entries.reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
  const byRight = (answer: Compliance) => argmax(answer.whole.rights.map((right): [number, number] => [right.right, right.breached]));
  const byOwner = (answer: Compliance) => {
    const owners = new Map<string, number>();
    for (const rule of answer.whole.rules) owners.set(rule.owner, (owners.get(rule.owner) ?? 0) + rule.breached);
    return argmax([...owners]);
  };
  // The organisation kind a reader ranks by: each owner's own protected total, from its own duties.
  const ownerAnswers = [...new Set(RULES.map((rule) => rule.owner))].map((owner): [string, number, number] => {
    const of = duties.filter((duty) => RULES[duty.ruleIndex].owner === owner);
    return [owner, compliance(of, method).whole.total.breached, compliance(of, 'none').whole.total.breached];
  });
  let cells = 0;
  let cellsOf20OrMore = 0;
  let within2 = 0;
  let hiddenOf10OrMore = 0;
  const walk = (shown: unknown, truth: unknown): void => {
    if (truth !== null && typeof truth === 'object') {
      for (const [key, value] of Object.entries(truth)) if (STATUS_FIELDS.includes(key as never) || typeof value === 'object') walk((shown as Record<string, unknown>)[key], value);
      return;
    }
    if (typeof truth !== 'number') return;
    cells += 1;
    if (truth >= 10 && typeof shown !== 'number') hiddenOf10OrMore += 1;
    if (truth >= 20) {
      cellsOf20OrMore += 1;
      if (typeof shown === 'number' && Math.abs(shown - truth) <= 2) within2 += 1;
    }
  };
  walk([all.shown.periods, all.shown.whole], [all.truth.periods, all.truth.whole]);
  return {
    mostBreachedRight: { truth: byRight(all.truth), shown: byRight(all.shown) },
    mostBreachedOwner: {
      truth: argmax(ownerAnswers.map(([owner, , truth]): [string, number] => [owner, truth])),
      shown: method === 'none' ? byOwner(all.shown) : argmax(ownerAnswers.map(([owner, shown]): [string, number] => [owner, shown])),
    },
    cellsOf20OrMore,
    within2,
    within2Percent: cellsOf20OrMore === 0 ? 100 : Math.round((within2 / cellsOf20OrMore) * 1000) / 10,
    hiddenOf10OrMore,
    cells,
  };
}
