import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RULE_IDS } from '../../../libs/victims-code/src/index.js';
import { REPORT_READERS } from '../../access/roles.js';
import { Clock } from '../../app/clock.js';
import { PeriodReportQuery, QuarterlyReturnQuery, type ReportFormat } from '../../reports/dto/report-query.dto.js';
import type { ComplianceStatusFigures, DutyTimeliness, QuarterlyReturnReport } from '../../reports/dto/report-responses.dto.js';
import { quarterlyReturnCsv } from '../../reports/report-csv.js';
import { ReportsService } from '../../reports/reports.service.js';
import { quarterlyReturnWorkbook } from '../../reports/spreadsheet/quarterly-return-workbook.js';
import { DIRECTION_THRESHOLD_POINTS, ReportTrendsService } from '../../reports/trends/report-trends.service.js';
import { TrendsQuery, type TrendCount } from '../../reports/trends/report-trends.dto.js';
import { trendsCsv } from '../../reports/trends/trends-csv.js';
import { barChart, type Chart, movementSentence, NOT_SHOWN, percentLineChart } from '../charts.js';
import { chosenPeriod, complianceFilters, type FigureFilters, filterItems, filterQuery, filtersOf, monthName, monthShort, periodChoices, reportFilters } from '../figure-filters.js';
import { asRequest } from '../forms.js';
import { label } from '../labels.js';
import { londonDateTime } from '../london-time.js';
import { fieldProblemsOf, type Page, type PageRouter, summaryOf } from '../page.js';

/** A table of figures: a caption, column headings, and rows led by a row heading. */
interface FigureTable {
  caption: string;
  head: string[];
  rows: Array<{ header: string; cells: string[] }>;
}

/** A part of a figures page: a heading, an optional chart beside its table, and notes. */
interface FigureSection {
  id: string;
  heading: string;
  intro?: string;
  chart?: Chart;
  table: FigureTable;
}

type Count = TrendCount;

/** A count as the report shows it: a number, or its marker when protected (never worked out here). */
function count(value: Count | undefined): string {
  if (value === undefined || value === null) return NOT_SHOWN;
  return typeof value === 'number' ? value.toLocaleString('en-GB') : String(value);
}

function countValue(value: Count | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? NOT_SHOWN : `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

function points(value: number | null): string {
  if (value === null) return NOT_SHOWN;
  return `${value > 0 ? '+' : ''}${value.toFixed(1)} points`;
}

const DIRECTION_TEXT: Record<string, string> = { improving: 'Improving', worsening: 'Worsening', steady: 'Steady', unknown: 'Not known' };

const PAGES = [
  { href: '/figures', text: 'Compliance' },
  { href: '/figures/outcomes', text: 'Outcomes' },
  { href: '/figures/witness-and-trial', text: 'Witness and trial' },
  { href: '/figures/rights-offered', text: 'Rights offered' },
  { href: '/figures/quarterly-return', text: 'Quarterly return' },
] as const;

const LONDON_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const longDate = (date: string) => LONDON_DATE.format(new Date(`${date}T00:00:00Z`));

/**
 * The commissioner's figures (issue 22): Code compliance with its trend and targets,
 * outcomes, witness and trial, rights offered and the quarterly return, for a period and
 * filters held in the URL. Every figure comes from the report services the API calls, in
 * process: the same areas (another area is a 404, audited), validation, protection of
 * small numbers and audit. Aggregates only: no page here shows a name, date of birth,
 * reference or free text.
 */
@Injectable()
export class FiguresPages {
  constructor(
    private readonly reports: ReportsService,
    private readonly trends: ReportTrendsService,
    private readonly clock: Clock,
  ) {}

  routes(router: PageRouter): void {
    router.get('/figures', REPORT_READERS, (page) => this.compliance(page));
    router.get('/figures/outcomes', REPORT_READERS, (page) => this.outcomes(page));
    router.get('/figures/witness-and-trial', REPORT_READERS, (page) => this.witnessAndTrial(page));
    router.get('/figures/rights-offered', REPORT_READERS, (page) => this.rightsOffered(page));
    router.get('/figures/quarterly-return', REPORT_READERS, (page) => this.quarterlyReturn(page));
    router.get('/figures/quarterly-return/download', REPORT_READERS, (page) => this.download(page));
    router.get('/figures/trends.csv', REPORT_READERS, (page) => this.trendsCsv(page));
  }

  private today(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(this.clock.now());
  }

  /** What every figures page shows around its sections: the filters, sub-navigation and period. */
  private frame(
    page: Page,
    filters: FigureFilters,
    path: string,
    options: { rule?: boolean; period?: 'any' | 'quarter'; organisations?: ReadonlyArray<{ id: string; name: string; kind: string }> } = {},
  ) {
    const today = this.today();
    const items = filterItems(filters, today, page.user.areas, RULE_IDS, options.organisations);
    const query = filterQuery(filters);
    return {
      filters,
      filterItems: options.period === 'quarter' ? { ...items, periods: items.periods.filter((item) => /Q\d$/.test(item.value)) } : items,
      showRuleFilter: options.rule === true,
      showOrganisationFilter: options.organisations !== undefined,
      // The owing organisation is a filter of the duties: it travels with the URL, and only the compliance page applies it.
      organisationNote: options.organisations === undefined && filters.organisation ? 'The organisation filter applies to the compliance page only.' : undefined,
      returnFilters: options.period === 'quarter',
      formAction: path,
      subNavigation: PAGES.map((item) => ({ href: `${item.href}${query}`, text: item.text, active: item.href === path })),
      notShownNote: `Every count is protected so that no one can be identified: a count under 5 shows as 0, others may be moved by up to 2, and totals are protected on their own, so rows may not add up. ${NOT_SHOWN}: a percentage, mean or median not shown because fewer than 10 records lie behind it (docs/reports.md).`,
    };
  }

  private async failed(page: Page, error: unknown, view: string, frame: Record<string, unknown>, pageTitle: string): Promise<FastifyReply> {
    const problems = fieldProblemsOf(error);
    if (!problems) throw error;
    const ids: Record<string, string> = {
      areaId: 'area', offenceCategory: 'offence', enhanced: 'rights', role: 'role', ruleId: 'rule', owingOrganisationId: 'organisation', from: 'period', to: 'period',
    };
    const choose = (id: string) => `Choose ${/^[aeiou]/.test(id) ? 'an' : 'a'} ${id} from the list`;
    const summary = summaryOf(problems.map((problem) => ({ field: ids[problem.field] ?? 'period', message: choose(ids[problem.field] ?? 'period') })));
    return page.render(view, { pageTitle, ...frame, sections: [], ...summary }, 400);
  }

  // Compliance, with its trend, targets and worst rules

  private async compliance(page: Page): Promise<FastifyReply> {
    const filters = filtersOf(page.query);
    const period = chosenPeriod(filters.period, this.today());
    const organisations = await this.reports.owingOrganisationChoices(page.actor, filters.area || undefined);
    const frame = this.frame(page, filters, '/figures', { rule: true, organisations });
    const pageTitle = 'Code compliance';
    let answer;
    try {
      const query = await asRequest(TrendsQuery, { from: period.from, to: period.to, ...complianceFilters(filters), ...(filters.rule ? { ruleId: filters.rule } : {}) });
      answer = await this.trends.trendsWithCompliance(page.actor, query, 'json');
    } catch (error) {
      return this.failed(page, error, 'figures/figures.njk', frame, pageTitle);
    }
    const { trends, compliance } = answer;
    const total = trends.rows.find((row) => row.level === 'total')!;
    const rules = trends.rows.filter((row) => row.level === 'rule');
    const ruleName = filters.rule ? filters.rule : 'All rules';

    const monthPoints = trends.rolling.map((month) => ({ label: monthShort(month.from), long: monthName(month.from), value: month.onTimePercent }));
    const target = trends.rolling[0]?.targetPercent ?? null;
    const trendSummary = `${movementSentence(filters.rule ? `On time for ${filters.rule}` : 'On time', monthPoints.map((point) => ({ label: point.long, value: point.value })))}${
      target !== null ? ` The target is ${percent(target)}.` : filters.rule ? ' No target is set for this rule here.' : ' Targets are set per rule: choose a rule to see its target.'
    }`;
    const trendChart = percentLineChart({ id: 'chart-trend', title: `${ruleName}: % on time by month, last 12 months`, summary: trendSummary, points: monthPoints, target });

    const worst = trends.worstRules;
    const worstSummary = worst.length
      ? `The worst rule is ${worst[0].ruleId} (${label(worst[0].owner)}), ${percent(worst[0].onTimePercent)} on time.`
      : 'No rule has an on time % shown for this period.';

    const sections: FigureSection[] = [
      {
        id: 'trend',
        heading: 'On time by month',
        intro: trendSummary,
        chart: trendChart,
        table: {
          caption: `${ruleName}: duties due each month and % on time, with the target`,
          head: ['Month', 'Due', 'Breached', 'On time', 'Target'],
          rows: trends.rolling.map((month) => ({ header: monthName(month.from), cells: [count(month.due), count(month.breached), percent(month.onTimePercent), month.targetPercent === null ? 'None set' : percent(month.targetPercent)] })),
        },
      },
      {
        id: 'worst',
        heading: 'The worst three rules',
        intro: `${worstSummary} Rules are ranked by % on time; the kind of organisation that owes each is shown.`,
        chart: barChart({ id: 'chart-worst', title: 'The three rules with the lowest % on time', summary: worstSummary, percent: true, bars: worst.map((rule) => ({ label: rule.ruleId, value: rule.onTimePercent })) }),
        table: {
          caption: 'The three rules with the lowest % on time, by owner',
          head: ['Rule', 'Owner', 'On time', 'Breached', 'Target'],
          rows: worst.map((rule) => ({ header: rule.ruleId, cells: [label(rule.owner), percent(rule.onTimePercent), count(rule.breached), rule.targetPercent === null ? 'None set' : percent(rule.targetPercent)] })),
        },
      },
      {
        id: 'rules',
        heading: 'By rule',
        intro: `Direction of travel against the previous period: improving or worsening by at least ${DIRECTION_THRESHOLD_POINTS} percentage points of % on time, otherwise steady.`,
        table: {
          caption: `Duties due from ${longDate(period.from)} to ${longDate(period.to)}, by rule`,
          head: ['Rule', 'Owner', 'Due', 'On time', 'Late', 'Breached', 'Open', '% on time', 'Target', 'Change on previous period', 'Change on last year', 'Direction'],
          rows: [...rules, total].map((row) => ({
            header: row.ruleId ?? 'All rules',
            cells: [
              row.owner ? label(row.owner) : '',
              count(row.due), count(row.met), count(row.metLate), count(row.breached), count(row.open), percent(row.onTimePercent),
              row.targetPercent === null ? (row.level === 'total' ? '' : 'None set') : percent(row.targetPercent),
              points(row.changeOnPrevious), points(row.changeOnLastYear), DIRECTION_TEXT[row.direction],
            ],
          })),
        },
      },
      {
        id: 'rights',
        heading: 'By right',
        table: {
          caption: `Duties due from ${longDate(period.from)} to ${longDate(period.to)}, by right of the Victims' Code`,
          head: ['Right', 'Due', 'On time', 'Late', 'Breached', 'Open', '% on time'],
          rows: compliance.whole.rights.map((right) => ({ header: `Right ${right.right}`, cells: statusCells(right) })),
        },
      },
      {
        id: 'organisations',
        heading: 'By organisation',
        intro: 'Each duty belongs to the organisation that owed it: the area’s organisations directory names one for each kind of owner (the police force, the CPS area, the witness care unit, the victim care service, probation). Duties of a kind the directory does not name for their area are counted apart, never left out.',
        table: {
          caption: `Duties due from ${longDate(period.from)} to ${longDate(period.to)}, by the organisation that owed them`,
          head: ['Organisation', 'Kind', 'Due', 'On time', 'Late', 'Breached', 'Open', '% on time'],
          rows: compliance.whole.organisations.map((organisation) => ({
            header: organisation.organisationName,
            cells: [organisation.organisationKind ? label(organisation.organisationKind) : organisation.owners.map(label).join(', '), ...statusCells(organisation)],
          })),
        },
      },
      {
        id: 'owners',
        heading: 'Worst rules by organisation',
        intro: 'The three rules with the lowest % on time of each organisation, then of each kind of owner.',
        table: {
          caption: 'The three rules with the lowest % on time, of each organisation and of each kind of owner',
          head: ['Organisation or owner', 'Rules, worst first'],
          rows: [
            ...trends.worstByOrganisation.map((organisation) => ({
              header: organisation.organisationName,
              cells: [organisation.rules.length ? organisation.rules.map((rule) => `${rule.ruleId} ${percent(rule.onTimePercent)}`).join('; ') : 'No rule with a % on time shown'],
            })),
            ...trends.worstByOwner.map((owner) => ({
              header: `${label(owner.owner)} (every organisation of the kind)`,
              cells: [owner.rules.length ? owner.rules.map((rule) => `${rule.ruleId} ${percent(rule.onTimePercent)}`).join('; ') : 'No rule with a % on time shown'],
            })),
          ],
        },
      },
    ];
    const keyFigures = [
      { label: 'on time', value: percent(total.onTimePercent), note: `${points(total.changeOnPrevious)} on the previous period` },
      { label: 'met late', value: count(total.metLate) },
      { label: 'breached', value: count(total.breached) },
      { label: 'open', value: count(total.open) },
    ];
    return page.render('figures/figures.njk', {
      pageTitle,
      ...frame,
      period,
      intro: `Duties due from ${longDate(period.from)} to ${longDate(period.to)}, where they stand at ${londonDateTime(trends.asOf)}. Compared with ${
        trends.previous ? `${longDate(trends.previous.from)} to ${longDate(trends.previous.to)}` : 'no earlier period'
      }${trends.lastYear ? ` and with ${longDate(trends.lastYear.from)} to ${longDate(trends.lastYear.to)}` : ''}.`,
      keyFigures,
      keyFiguresCaption: `All rules: ${count(total.due)} duties due`,
      trendsCsv: `/figures/trends.csv${filterQuery(filters)}`,
      sections,
    });
  }

  private async trendsCsv(page: Page): Promise<FastifyReply> {
    const filters = filtersOf(page.query);
    const period = chosenPeriod(filters.period, this.today());
    const query = await asRequest(TrendsQuery, { from: period.from, to: period.to, ...complianceFilters(filters), ...(filters.rule ? { ruleId: filters.rule } : {}) });
    const report = await this.trends.trends(page.actor, query, 'csv');
    return page.reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="trends-${period.from}-${period.to}.csv"`).send(trendsCsv(report));
  }

  // Outcomes, witness and trial, rights offered

  private async periodQuery(filters: FigureFilters) {
    const period = chosenPeriod(filters.period, this.today());
    return { period, query: await asRequest(PeriodReportQuery, { from: period.from, to: period.to, ...reportFilters(filters) }) };
  }

  private async outcomes(page: Page): Promise<FastifyReply> {
    const filters = filtersOf(page.query);
    const frame = this.frame(page, filters, '/figures/outcomes');
    const pageTitle = 'Outcomes';
    let period;
    let report;
    try {
      const asked = await this.periodQuery(filters);
      period = asked.period;
      report = await this.reports.copeRecover(page.actor, asked.query, 'json');
    } catch (error) {
      return this.failed(page, error, 'figures/figures.njk', frame, pageTitle);
    }
    const whole = report.whole;
    const domains = whole.domains;
    const best = domains.filter((domain) => domain.improvedPercent !== null).sort((a, b) => b.improvedPercent! - a.improvedPercent!)[0];
    const domainSummary = best
      ? `${percent(whole.improvedPercent)} of those with start and end scores were better able to cope and recover; most often in ${label(best.domain).toLowerCase()} (${percent(best.improvedPercent)}).`
      : 'No domain has an improvement % shown for this period.';
    const reasons = Object.entries(whole.closureReasons) as Array<[string, Count]>;
    const closureSummary = `${count(whole.closed)} journeys closed; ${reasons.map(([reason, value]) => `${label(reason).toLowerCase()} ${count(value)}`).join(', ')}.`;
    const sections: FigureSection[] = [
      {
        id: 'domains',
        heading: 'Cope and recover, by domain',
        intro: domainSummary,
        chart: barChart({ id: 'chart-domains', title: 'Better able to cope and recover, % by domain', summary: domainSummary, percent: true, bars: domains.map((domain) => ({ label: label(domain.domain), value: domain.improvedPercent })) }),
        table: {
          caption: 'Journeys closed with start and end scores, improved by domain',
          head: ['Domain', 'Compared', 'Improved', '% improved', 'Mean change'],
          rows: [
            ...domains.map((domain) => ({ header: label(domain.domain), cells: [count(domain.compared), count(domain.improved), percent(domain.improvedPercent), domain.meanChange === null ? NOT_SHOWN : domain.meanChange.toFixed(2)] })),
            { header: 'Overall', cells: [count(whole.compared), count(whole.improved), percent(whole.improvedPercent), whole.meanChange === null ? NOT_SHOWN : whole.meanChange.toFixed(2)] },
          ],
        },
      },
      {
        id: 'closures',
        heading: 'Closures by reason',
        intro: closureSummary,
        chart: barChart({ id: 'chart-closures', title: 'Journeys closed, by reason', summary: closureSummary, percent: false, bars: reasons.map(([reason, value]) => ({ label: label(reason), value: countValue(value), text: count(value) })) }),
        table: { caption: 'Journeys closed in the period, by reason', head: ['Reason', 'Closed'], rows: [...reasons.map(([reason, value]) => ({ header: label(reason), cells: [count(value)] })), { header: 'All reasons', cells: [count(whole.closed)] }] },
      },
      {
        id: 'satisfaction',
        heading: 'Satisfaction',
        intro: `Mean score ${whole.satisfaction.meanScore === null ? NOT_SHOWN : whole.satisfaction.meanScore.toFixed(1)} out of 10, from ${count(whole.satisfaction.answered)} answers.`,
        table: {
          caption: 'Satisfaction asked at closure',
          head: ['Answer', 'Journeys'],
          rows: [
            { header: 'Answered', cells: [count(whole.satisfaction.answered)] },
            { header: 'Declined to answer', cells: [count(whole.satisfaction.declined)] },
            { header: 'Not recorded', cells: [count(whole.satisfaction.notRecorded)] },
            { header: 'Mean score (0 to 10)', cells: [whole.satisfaction.meanScore === null ? NOT_SHOWN : whole.satisfaction.meanScore.toFixed(1)] },
          ],
        },
      },
    ];
    return page.render('figures/figures.njk', { pageTitle, ...frame, period, intro: `Journeys closed from ${longDate(period.from)} to ${longDate(period.to)}, as at ${londonDateTime(report.asOf)}.`, sections });
  }

  private async witnessAndTrial(page: Page): Promise<FastifyReply> {
    const filters = filtersOf(page.query);
    const frame = this.frame(page, filters, '/figures/witness-and-trial');
    const pageTitle = 'Witness and trial';
    let period;
    let report;
    try {
      const asked = await this.periodQuery(filters);
      period = asked.period;
      report = await this.reports.witnessAndTrial(page.actor, asked.query, 'json');
    } catch (error) {
      return this.failed(page, error, 'figures/figures.njk', frame, pageTitle);
    }
    const { trials, attendance, specialMeasures, witnessesInformed } = report.whole;
    const trialSummary = `${count(trials.total)} trials: ${percent(trials.effectivePercent)} effective, ${percent(trials.crackedPercent)} cracked, ${percent(trials.ineffectivePercent)} ineffective; ${count(trials.witnessIssues.total)} lost to witness issues (${percent(trials.witnessIssues.percent)}).`;
    const sections: FigureSection[] = [
      {
        id: 'trials',
        heading: 'Trials',
        intro: trialSummary,
        chart: barChart({
          id: 'chart-trials', title: 'Trials by effectiveness, %', summary: trialSummary, percent: true,
          bars: [
            { label: 'Effective', value: trials.effectivePercent },
            { label: 'Cracked', value: trials.crackedPercent },
            { label: 'Ineffective', value: trials.ineffectivePercent },
            { label: 'Lost to witness issues', value: trials.witnessIssues.percent },
          ],
        }),
        table: {
          caption: 'Trials heard in the period',
          head: ['Trials', 'Number', '%'],
          rows: [
            { header: 'Effective', cells: [count(trials.effective), percent(trials.effectivePercent)] },
            { header: 'Cracked', cells: [count(trials.cracked), percent(trials.crackedPercent)] },
            { header: 'Ineffective', cells: [count(trials.ineffective), percent(trials.ineffectivePercent)] },
            { header: 'Lost to witness issues', cells: [count(trials.witnessIssues.total), percent(trials.witnessIssues.percent)] },
            { header: 'All trials', cells: [count(trials.total), ''] },
          ],
        },
      },
      {
        id: 'special-measures',
        heading: 'Special measures',
        intro: `${count(specialMeasures.requested)} requested; ${percent(specialMeasures.grantedPercent)} of those decided were granted.`,
        table: {
          caption: 'Special measures requested in the period',
          head: ['Special measures', 'Number'],
          rows: [
            { header: 'Requested', cells: [count(specialMeasures.requested)] },
            { header: 'Granted', cells: [count(specialMeasures.granted)] },
            { header: 'Refused', cells: [count(specialMeasures.refused)] },
            { header: 'Not yet decided', cells: [count(specialMeasures.outstanding)] },
            { header: '% granted of those decided', cells: [percent(specialMeasures.grantedPercent)] },
          ],
        },
      },
      {
        id: 'attendance',
        heading: 'Attendance',
        intro: `${percent(attendance.attendedPercent)} of the witnesses expected at court attended; ${percent(attendance.warnedPercent)} had been warned.`,
        table: {
          caption: 'Witnesses at hearings heard in the period',
          head: ['Attendance', 'Number'],
          rows: [
            { header: 'Expected at court', cells: [count(attendance.expected)] },
            { header: 'Attended', cells: [count(attendance.attended)] },
            { header: 'Failed to attend', cells: [count(attendance.failedToAttend)] },
            { header: 'Excused', cells: [count(attendance.excused)] },
            { header: '% attended', cells: [percent(attendance.attendedPercent)] },
          ],
        },
      },
      {
        id: 'informed',
        heading: 'Witnesses told of hearings',
        intro: `${percent(witnessesInformed.onTimePercent)} told of each hearing on time (Code right 8).`,
        table: { caption: 'Duties to tell witnesses of a hearing, due in the period', head: ['Duties', 'Due', 'On time', 'Late', 'Breached', 'Open', '% on time'], rows: [{ header: 'Told of the hearing', cells: statusCells(witnessesInformed) }] },
      },
    ];
    return page.render('figures/figures.njk', { pageTitle, ...frame, period, intro: `Trials and hearings from ${longDate(period.from)} to ${longDate(period.to)}, as at ${londonDateTime(report.asOf)}.`, sections });
  }

  private async rightsOffered(page: Page): Promise<FastifyReply> {
    const filters = filtersOf(page.query);
    const frame = this.frame(page, filters, '/figures/rights-offered');
    const pageTitle = 'Rights offered';
    let period;
    let report;
    try {
      const asked = await this.periodQuery(filters);
      period = asked.period;
      report = await this.reports.rightsOffered(page.actor, asked.query, 'json');
    } catch (error) {
      return this.failed(page, error, 'figures/figures.njk', frame, pageTitle);
    }
    const { journeys, offerDuties, victimContactScheme: vcs, complaints } = report.whole;
    const offersSummary = `Of ${count(journeys.closed)} journeys closed, ${percent(journeys.vpsOfferedPercent)} were offered a victim personal statement and ${percent(journeys.rjOfferedPercent)} restorative justice.`;
    const sections: FigureSection[] = [
      {
        id: 'offers',
        heading: 'Victim personal statement and restorative justice',
        intro: offersSummary,
        chart: barChart({
          id: 'chart-offers', title: 'Journeys closed: % offered and taken up', summary: offersSummary, percent: true,
          bars: [
            { label: 'Offered a VPS', value: journeys.vpsOfferedPercent },
            { label: 'Made a VPS', value: journeys.vpsMadePercent },
            { label: 'Offered restorative justice', value: journeys.rjOfferedPercent },
          ],
        }),
        table: {
          caption: 'Journeys closed in the period, and what they were offered',
          head: ['Journeys closed', 'Number', '%'],
          rows: [
            { header: 'Offered a victim personal statement', cells: [count(journeys.vpsOffered), percent(journeys.vpsOfferedPercent)] },
            { header: 'Made a statement', cells: [count(journeys.vpsMade), percent(journeys.vpsMadePercent)] },
            { header: 'Offered restorative justice', cells: [count(journeys.rjOffered), percent(journeys.rjOfferedPercent)] },
            { header: 'Interested in restorative justice', cells: [count(journeys.rjInterested), ''] },
            { header: 'Referred to restorative justice', cells: [count(journeys.rjReferred), ''] },
            { header: 'All closed', cells: [count(journeys.closed), ''] },
          ],
        },
      },
      {
        id: 'offer-duties',
        heading: 'Offer duties',
        table: {
          caption: 'Duties to offer a statement and restorative justice, due in the period',
          head: ['Duty', 'Due', 'On time', 'Late', 'Breached', 'Open', '% on time'],
          rows: [
            { header: 'Offer a VPS', cells: statusCells(offerDuties.vpsOffer) },
            { header: 'Offer restorative justice', cells: statusCells(offerDuties.rjOffer) },
          ],
        },
      },
      {
        id: 'vcs',
        heading: 'Victim Contact Scheme',
        intro: `${count(vcs.referrals)} referrals; ${count(vcs.contacted)} reached so far, ${count(vcs.victimChoice.joined)} joined.`,
        table: {
          caption: 'Referrals to the Victim Contact Scheme made in the period',
          head: ['Victim Contact Scheme', 'Number'],
          rows: [
            { header: 'Referred', cells: [count(vcs.referrals)] },
            { header: 'Reached', cells: [count(vcs.contacted)] },
            { header: 'Joined', cells: [count(vcs.victimChoice.joined)] },
            { header: 'Declined', cells: [count(vcs.victimChoice.declined)] },
            { header: 'Not reached yet', cells: [count(vcs.notContacted)] },
            { header: 'Referred on time (%)', cells: [percent(vcs.referralDuty.onTimePercent)] },
          ],
        },
      },
      {
        id: 'complaints',
        heading: 'Complaints',
        intro: `${count(complaints.received)} complaints received; ${percent(complaints.respondDuty.onTimePercent)} of responses due were on time.`,
        table: {
          caption: 'Complaints received in the period, by the organisation complained about',
          head: ['Complaints', 'Number'],
          rows: [
            ...(Object.entries(complaints.against) as Array<[string, Count]>).map(([kind, value]) => ({ header: `About ${label(kind === 'court' ? 'court_owner' : kind)}`, cells: [count(value)] })),
            { header: 'Received', cells: [count(complaints.received)] },
            { header: 'Responded to', cells: [count(complaints.responded)] },
            { header: 'Escalated', cells: [count(complaints.escalated)] },
            { header: 'Still open', cells: [count(complaints.stillOpen)] },
          ],
        },
      },
    ];
    return page.render('figures/figures.njk', { pageTitle, ...frame, period, intro: `From ${longDate(period.from)} to ${longDate(period.to)}, as at ${londonDateTime(report.asOf)}.`, sections });
  }

  // The quarterly return: preview and downloads

  private async returnOf(page: Page, format: ReportFormat, filters: FigureFilters): Promise<QuarterlyReturnReport> {
    const period = chosenPeriod(filters.period, this.today());
    const quarter = period.quarter ?? chosenPeriod(undefined, this.today()).quarter!;
    const query = await asRequest(QuarterlyReturnQuery, { financialYear: quarter.financialYear, quarter: String(quarter.quarter), ...(filters.area ? { areaId: filters.area } : {}) });
    return this.reports.quarterlyReturn(page.actor, query, format);
  }

  private async quarterlyReturn(page: Page): Promise<FastifyReply> {
    const filters = filtersOf(page.query);
    const frame = this.frame(page, filters, '/figures/quarterly-return', { period: 'quarter' });
    const pageTitle = 'Quarterly return';
    let report;
    try {
      report = await this.returnOf(page, 'json', filters);
    } catch (error) {
      return this.failed(page, error, 'figures/figures.njk', frame, pageTitle);
    }
    const period = chosenPeriod(filters.period, this.today());
    const quarter = period.quarter ? period : periodChoices(this.today()).quarters[0];
    const figures = report.columns.filter((column) => !['layout', 'area_code', 'area_name'].includes(column));
    const downloadQuery = filterQuery({ ...filters, period: quarter.value, offence: '', rights: '', role: '', rule: '', organisation: '' });
    const sections: FigureSection[] = [
      {
        id: 'return',
        heading: `${quarter.text}`,
        intro: `One column per area, as the return has one row per area (layout ${report.layout}). Offence, rights and role filters do not apply to the return.`,
        table: {
          caption: `The quarterly return, ${quarter.text}`,
          head: ['Figure', ...report.rows.map((row) => String(row.area_name))],
          rows: figures.map((column) => ({ header: column, cells: report.rows.map((row) => (row[column] === null || row[column] === undefined ? NOT_SHOWN : typeof row[column] === 'number' ? (row[column] as number).toLocaleString('en-GB') : String(row[column]))) })),
        },
      },
    ];
    return page.render('figures/figures.njk', {
      pageTitle,
      ...frame,
      period: quarter,
      intro: `The figures sent to the Ministry of Justice for ${quarter.text}, as at ${londonDateTime(report.asOf)}.`,
      downloads: [
        { href: `/figures/quarterly-return/download${downloadQuery}${downloadQuery ? '&' : '?'}format=csv`, text: 'Download the return as CSV' },
        { href: `/figures/quarterly-return/download${downloadQuery}${downloadQuery ? '&' : '?'}format=xlsx`, text: 'Download the return as an Excel spreadsheet (XLSX)' },
      ],
      sections,
    });
  }

  private async download(page: Page): Promise<FastifyReply> {
    const filters = filtersOf(page.query);
    const format = page.query.format === 'xlsx' ? 'xlsx' : 'csv';
    // The format is only written to the audit row: say what was downloaded.
    const report = await this.returnOf(page, format as ReportFormat, filters);
    const name = `quarterly-return-${report.filters.from ?? ''}-${report.filters.to ?? ''}`.replace(/-+$/, '');
    if (format === 'csv') {
      return page.reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(quarterlyReturnCsv(report));
    }
    return page.reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}.xlsx"`)
      .send(await quarterlyReturnWorkbook(report));
  }
}

function statusCells(figures: ComplianceStatusFigures | DutyTimeliness): string[] {
  return [count(figures.due), count(figures.met), count(figures.metLate), count(figures.breached), count(figures.open), percent(figures.onTimePercent)];
}

