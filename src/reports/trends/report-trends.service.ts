import { Injectable } from '@nestjs/common';
import type { Actor } from '../../access/actor.js';
import { ComplianceReportQuery, type ReportFormat } from '../dto/report-query.dto.js';
import type { ComplianceFigures, ComplianceReport, ComplianceRuleRow } from '../dto/report-responses.dto.js';
import { type ForcedSource, ReportsService } from '../reports.service.js';
import { ReportTargetsService } from '../targets/report-targets.service.js';
import type { Direction, OrganisationWorstRules, OwnerWorstRules, TrendFigures, TrendMonth, TrendRow, TrendsQuery, TrendsReport, WorstRule } from './report-trends.dto.js';
import { previousPeriod, rollingTwelveMonths, samePeriodLastYear, type DateRange } from './trend-periods.js';

/** Percentage points of on time % that make a rule improving or worsening against the previous period. */
export const DIRECTION_THRESHOLD_POINTS = 2;

/** How many worst rules are named, overall and per owner. */
const WORST = 3;

function figuresOf(row: ComplianceFigures): TrendFigures {
  return { due: row.due, met: row.met, metLate: row.metLate, breached: row.breached, open: row.open, onTimePercent: row.onTimePercent };
}

/** Percentage points between two shown percentages, one decimal; null when either is not shown. */
function pointsBetween(now: number | null, before: number | null): number | null {
  return now === null || before === null ? null : Math.round((now - before) * 10) / 10;
}

export function directionOf(change: number | null): Direction {
  if (change === null) return 'unknown';
  if (change >= DIRECTION_THRESHOLD_POINTS) return 'improving';
  if (change <= -DIRECTION_THRESHOLD_POINTS) return 'worsening';
  return 'steady';
}

/** What ranks a rule among the worst: its shown on time % and breaches, with what names it. */
type RankedRule = Pick<TrendRow, 'ruleId' | 'title' | 'owner' | 'onTimePercent' | 'breached' | 'targetPercent'> & { level: TrendRow['level'] };

/** Rules with a shown on time %, lowest first (ties: more breached first, then the rule's order). */
function worstOf(rows: readonly RankedRule[]): WorstRule[] {
  const breachedOf = (row: RankedRule) => (typeof row.breached === 'number' ? row.breached : 0);
  return rows
    .filter((row) => row.level === 'rule' && row.onTimePercent !== null)
    .map((row, index) => ({ row, index }))
    .sort((a, b) => a.row.onTimePercent! - b.row.onTimePercent! || breachedOf(b.row) - breachedOf(a.row) || a.index - b.index)
    .slice(0, WORST)
    .map(({ row }) => ({ ruleId: row.ruleId!, title: row.title!, owner: row.owner!, onTimePercent: row.onTimePercent!, breached: row.breached, targetPercent: row.targetPercent }));
}

/**
 * The compliance answer's own note on how its figures are protected, whatever it is
 * called: everything of its header besides what it describes.
 */
function protectionOf(report: ComplianceReport): Record<string, unknown> {
  const { report: _name, asOf: _asOf, source: _source, filters: _filters, periods: _periods, whole: _whole, ...rest } = report;
  return rest as Record<string, unknown>;
}

/**
 * Trends of Code compliance (issue 21 part 4): a period against the previous one and the
 * same period last year, the rolling 12 months, a direction of travel per rule, the worst
 * rules, and each rule's target. Every figure is the compliance report's own (asked of
 * ReportsService, so the same scoping, validation, protection of small numbers and audit
 * apply): a figure the report does not show is not shown here either, and nothing is
 * computed from hidden counts.
 */
@Injectable()
export class ReportTrendsService {
  constructor(
    private readonly reports: ReportsService,
    private readonly targets: ReportTargetsService,
  ) {}

  async trends(actor: Actor, query: TrendsQuery, format: ReportFormat, source?: ForcedSource): Promise<TrendsReport> {
    return (await this.trendsWithCompliance(actor, query, format, source)).trends;
  }

  /** The trends, and the period's own compliance answer they were drawn from (by right, by month: what a dashboard shows beside them). */
  async trendsWithCompliance(actor: Actor, query: TrendsQuery, format: ReportFormat, source?: ForcedSource): Promise<{ trends: TrendsReport; compliance: ComplianceReport }> {
    const period: DateRange = { from: query.from, to: query.to };
    // The period first: its answer validates the filters and the dates, and scopes the areas.
    const current = await this.compliance(actor, query, period, format, source);
    const previous = previousPeriod(period);
    const lastYear = samePeriodLastYear(period);
    const rolling = rollingTwelveMonths(period);
    const [before, yearAgo, months] = await Promise.all([
      previous ? this.compliance(actor, query, previous, format, source) : null,
      lastYear ? this.compliance(actor, query, lastYear, format, source) : null,
      // A period of exactly those 12 months (a financial year) already has them, month by month.
      rolling.from === period.from && rolling.to === period.to ? current : this.compliance(actor, query, rolling, format, source),
    ]);
    const targets = await this.targets.byRule(current.filters.areaIds);
    const target = (ruleId: string | null) => (ruleId ? (targets.get(ruleId) ?? null) : null);
    const ruleIn = (report: ComplianceReport | null, ruleId: string) => report?.whole.rules.find((rule) => rule.ruleId === ruleId) ?? null;

    const trendRow = (level: 'rule' | 'total', rule: ComplianceRuleRow | null, figures: ComplianceFigures, then: ComplianceFigures | null, yearBefore: ComplianceFigures | null): TrendRow => {
      const changeOnPrevious = pointsBetween(figures.onTimePercent, then?.onTimePercent ?? null);
      return {
        level,
        ruleId: rule?.ruleId ?? null,
        title: rule?.title ?? null,
        right: rule?.right ?? null,
        owner: rule?.owner ?? null,
        ...figuresOf(figures),
        targetPercent: target(rule?.ruleId ?? null),
        previousOnTimePercent: then?.onTimePercent ?? null,
        lastYearOnTimePercent: yearBefore?.onTimePercent ?? null,
        changeOnPrevious,
        changeOnLastYear: pointsBetween(figures.onTimePercent, yearBefore?.onTimePercent ?? null),
        direction: directionOf(changeOnPrevious),
      };
    };
    const rows: TrendRow[] = [
      ...current.whole.rules.map((rule) => trendRow('rule', rule, rule, ruleIn(before, rule.ruleId), ruleIn(yearAgo, rule.ruleId))),
      trendRow('total', null, current.whole.total, before?.whole.total ?? null, yearAgo?.whole.total ?? null),
    ];

    const rollingMonths: TrendMonth[] = months.periods.map((month) => {
      const figures = query.ruleId ? (month.rules.find((rule) => rule.ruleId === query.ruleId) ?? null) : month.total;
      return {
        label: month.label,
        from: month.from,
        to: month.to,
        ...(figures ? figuresOf(figures) : { due: 0, met: 0, metLate: 0, breached: 0, open: 0, onTimePercent: null }),
        targetPercent: target(query.ruleId ?? null),
      };
    });

    const owners = [...new Set(rows.filter((row) => row.level === 'rule').map((row) => row.owner!))].sort();
    const worstByOwner: OwnerWorstRules[] = owners.map((owner) => ({ owner, rules: worstOf(rows.filter((row) => row.owner === owner)) }));
    // Each owing organisation's rules, as the compliance answer shows them for the whole period.
    const worstByOrganisation: OrganisationWorstRules[] = current.whole.organisations.map((organisation) => ({
      organisationId: organisation.organisationId,
      organisationName: organisation.organisationName,
      organisationKind: organisation.organisationKind,
      rules: worstOf((organisation.rules ?? []).map((rule) => ({
        level: 'rule' as const, ruleId: rule.ruleId, title: rule.title, owner: rule.owner, onTimePercent: rule.onTimePercent, breached: rule.breached, targetPercent: target(rule.ruleId),
      }))),
    }));

    const trends: TrendsReport = {
      report: 'trends',
      asOf: current.asOf,
      source: current.source,
      filters: current.filters,
      protection: protectionOf(current),
      directionThresholdPoints: DIRECTION_THRESHOLD_POINTS,
      period,
      previous,
      lastYear,
      rows,
      rolling: rollingMonths,
      rollingRuleId: query.ruleId ?? null,
      worstRules: worstOf(rows),
      worstByOwner,
      worstByOrganisation,
    };
    return { trends, compliance: current };
  }

  private compliance(actor: Actor, query: TrendsQuery, range: DateRange, format: ReportFormat, source?: ForcedSource): Promise<ComplianceReport> {
    const ask = Object.assign(new ComplianceReportQuery(), {
      from: range.from,
      to: range.to,
      groupBy: 'month' as const,
      ...(query.areaId !== undefined ? { areaId: query.areaId } : {}),
      ...(query.organisationId !== undefined ? { organisationId: query.organisationId } : {}),
      ...(query.owingOrganisationId !== undefined ? { owingOrganisationId: query.owingOrganisationId } : {}),
      ...(query.offenceCategory !== undefined ? { offenceCategory: query.offenceCategory } : {}),
      ...(query.enhanced !== undefined ? { enhanced: query.enhanced } : {}),
      ...(query.role !== undefined ? { role: query.role } : {}),
    });
    return this.reports.codeCompliance(actor, ask, format, source);
  }
}
