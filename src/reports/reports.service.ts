import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BANK_HOLIDAYS_FIRST_YEAR, BANK_HOLIDAYS_LAST_YEAR } from '../../libs/working-days/src/index.js';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { Clock } from '../app/clock.js';
import { type FieldProblem, notFound, validationFailed } from '../app/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { buildComplianceReport } from './code-compliance.report.js';
import type { BreachListQuery, PeriodReportQuery, QuarterlyReturnQuery, ReportFilters, ReportFormat } from './dto/report-query.dto.js';
import type {
  AppliedFilters,
  BreachList,
  ComplianceReport,
  OutcomesReport,
  QuarterlyReturnReport,
  ReferralTimelinessReport,
  ReportHeader,
  RightsOfferedReport,
} from './dto/report-responses.dto.js';
import type { DimensionFilters, FactScope, FactSource } from './facts/fact-scope.js';
import { buildOutcomesReport } from './outcomes.report.js';
import { PersonPseudonyms } from './person-pseudonyms.js';
import { buildQuarterlyReturn, QUARTERLY_RETURN_COLUMNS, QUARTERLY_RETURN_LAYOUT } from './quarterly-return.report.js';
import { buildReferralReport } from './referral-timeliness.report.js';
import {
  coversWholeMonths,
  financialQuarter,
  isCalendarDate,
  monthsSpanned,
  periodGroups,
  type PeriodGroup,
  type ReportGrouping,
  wholePeriod,
} from './report-periods.js';
import { ReportWorkingDays } from './report-working-days.js';
import { ReportsRepository } from './reports.repository.js';
import { buildRightsOfferedReport } from './rights-offered.report.js';
import { smallCountMarker, WITHHELD } from './suppression/figure-table.js';

export const REPORT_NAMES = ['code-compliance', 'code-compliance-breaches', 'referral-timeliness', 'outcomes', 'quarterly-return', 'rights-offered'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** The longest period one request may cover. */
export const MAX_REPORT_MONTHS = 36;

/** A request checked and placed in the caller's scope. */
interface ResolvedRequest {
  areaIds: string[];
  period: { from: string; to: string };
  filters: DimensionFilters;
  applied: AppliedFilters;
}

interface Figures {
  source: FactSource;
  asAt: Date;
}

/**
 * The commissioners' reports: aggregate figures with small counts suppressed, read from
 * the rollups for whole months or the source tables otherwise, in the caller's areas,
 * every request audited (which report, which filters; never figures or personal data).
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: ReportsRepository,
    private readonly audit: AuditService,
    private readonly workingDays: ReportWorkingDays,
    private readonly pseudonyms: PersonPseudonyms,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async codeCompliance(actor: Actor, query: PeriodReportQuery, format: ReportFormat, source?: FactSource): Promise<ComplianceReport> {
    const request = await this.resolve(actor, query, query.from, query.to, query.groupBy);
    const { groups, whole } = this.groups(request, query.groupBy);
    const { figures, rows } = await this.read(request, source, (tx, scope, chosen) => this.repository.dutyTotals(tx, scope, chosen));
    const built = buildComplianceReport(rows, groups, whole, this.threshold);
    const report: ComplianceReport = { ...this.header('code-compliance', figures, request, built.hiddenCounts), periods: built.periods, whole: built.whole };
    await this.audited(actor, report, format, request);
    return report;
  }

  async referralTimeliness(actor: Actor, query: PeriodReportQuery, format: ReportFormat, source?: FactSource): Promise<ReferralTimelinessReport> {
    const request = await this.resolve(actor, query, query.from, query.to, query.groupBy);
    const { groups, whole } = this.groups(request, query.groupBy);
    const { figures, rows } = await this.read(request, source, (tx, scope, chosen) => this.repository.referralTotals(tx, scope, chosen));
    const built = buildReferralReport(rows, groups, whole, this.threshold);
    const report: ReferralTimelinessReport = { ...this.header('referral-timeliness', figures, request, built.hiddenCounts), periods: built.periods, whole: built.whole };
    await this.audited(actor, report, format, request);
    return report;
  }

  async outcomes(actor: Actor, query: PeriodReportQuery, format: ReportFormat, source?: FactSource): Promise<OutcomesReport> {
    const request = await this.resolve(actor, query, query.from, query.to, query.groupBy);
    const { groups, whole } = this.groups(request, query.groupBy);
    const { figures, rows } = await this.read(request, source, async (tx, scope, chosen) => ({
      outcomes: await this.repository.outcomeTotals(tx, scope, chosen),
      domains: await this.repository.outcomeDomainTotals(tx, scope, chosen),
    }));
    const built = buildOutcomesReport(rows.outcomes, rows.domains, groups, whole, this.threshold);
    const report: OutcomesReport = { ...this.header('outcomes', figures, request, built.hiddenCounts), periods: built.periods, whole: built.whole };
    await this.audited(actor, report, format, request);
    return report;
  }

  // ---- Rights offered
  async rightsOffered(actor: Actor, query: PeriodReportQuery, format: ReportFormat, source?: FactSource): Promise<RightsOfferedReport> {
    const request = await this.resolve(actor, query, query.from, query.to, query.groupBy);
    const { groups, whole } = this.groups(request, query.groupBy);
    const { figures, rows } = await this.read(request, source, async (tx, scope, chosen) => ({
      journeys: await this.repository.rightsJourneyTotals(tx, scope, chosen),
      duties: await this.repository.dutyTotals(tx, scope, chosen),
      vcs: await this.repository.vcsReferralTotals(tx, scope, chosen),
      rj: await this.repository.rjReferralTotals(tx, scope, chosen),
      complaints: await this.repository.complaintTotals(tx, scope, chosen),
    }));
    const built = buildRightsOfferedReport(rows, groups, whole, this.threshold);
    const report: RightsOfferedReport = { ...this.header('rights-offered', figures, request, built.hiddenCounts), periods: built.periods, whole: built.whole };
    await this.audited(actor, report, format, request);
    return report;
  }
  // ---- end rights offered

  async quarterlyReturn(actor: Actor, query: QuarterlyReturnQuery, format: ReportFormat, source?: FactSource): Promise<QuarterlyReturnReport> {
    const startYear = Number(query.financialYear.slice(0, 4));
    if ((startYear + 1) % 100 !== Number(query.financialYear.slice(5))) {
      throw validationFailed([{ field: 'financialYear', message: 'must be two consecutive years, e.g. 2026-27' }]);
    }
    const { from, to } = financialQuarter(startYear, query.quarter);
    const request = await this.resolve(actor, query, from, to);
    const { figures, rows } = await this.read(request, source, async (tx, scope, chosen) => ({
      areas: await this.repository.areas(tx, request.areaIds),
      referrals: await this.repository.referralTotals(tx, scope, chosen, true),
      duties: await this.repository.dutyTotals(tx, scope, chosen),
      outcomes: await this.repository.outcomeTotals(tx, scope, chosen),
      domains: await this.repository.outcomeDomainTotals(tx, scope, chosen),
    }));
    const built = buildQuarterlyReturn(
      rows.areas,
      {
        financialYear: query.financialYear,
        quarter: query.quarter,
        from,
        to,
        months: wholePeriod(from, to).months,
        organisationId: request.filters.organisationId ?? null,
        asOf: figures.asAt,
      },
      rows,
      this.threshold,
    );
    const report: QuarterlyReturnReport = {
      ...this.header('quarterly-return', figures, request, built.hiddenCounts),
      layout: QUARTERLY_RETURN_LAYOUT,
      columns: QUARTERLY_RETURN_COLUMNS.map((column) => column.name),
      rows: built.rows,
    };
    await this.audited(actor, report, format, request);
    return report;
  }

  /**
   * The duties behind a compliance report's breaches, by journey reference and a
   * pseudonymous person id only. Record-level, so each journey listed is audited too.
   */
  async breaches(actor: Actor, query: BreachListQuery, format: ReportFormat): Promise<BreachList> {
    const request = await this.resolve(actor, query, query.from, query.to);
    await this.workingDays.ensure();
    const asAt = this.clock.now();
    const { rows, total } = await this.transactions.snapshot((tx) =>
      this.repository.breaches(tx, this.scopeOf(request, asAt), { ruleId: query.ruleId, right: query.right }, query),
    );
    const list: BreachList = {
      report: 'code-compliance-breaches',
      asOf: asAt,
      filters: { ...request.applied, ...(query.ruleId ? { ruleId: query.ruleId } : {}), ...(query.right ? { right: query.right } : {}) },
      items: rows.map((row) => ({
        journeyReference: row.reference,
        personPseudonym: this.pseudonyms.of(row.person_id),
        ruleId: row.rule_id,
        right: row.code_right,
        owner: row.owner,
        dueAt: new Date(row.due_at),
        metAt: row.met_at ? new Date(row.met_at) : null,
        status: row.status,
        workingDaysLate: Number(row.working_days_late),
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
    await this.transactions.run((tx) =>
      this.audit.record(tx, actor, [
        {
          action: 'report',
          entityType: 'report',
          entityId: list.report,
          areaId: request.areaIds.length === 1 ? request.areaIds[0] : null,
          details: { report: list.report, format, filters: list.filters, page: { limit: query.limit, offset: query.offset }, rows: rows.length, total },
        },
        ...rows.map((row) => ({
          action: 'list' as const,
          entityType: 'journey',
          entityId: row.journey_id,
          areaId: row.area_id,
          details: { what: 'report_breaches', ruleId: row.rule_id },
        })),
      ]),
    );
    return list;
  }

  private get threshold(): number {
    return this.config.reports.suppressionThreshold;
  }

  /** Checks the period and filters and places the request in the caller's areas (another area: 404, audited). */
  private async resolve(actor: Actor, filters: ReportFilters, from: string, to: string, groupBy?: ReportGrouping): Promise<ResolvedRequest> {
    const problems: FieldProblem[] = [];
    const first = `${BANK_HOLIDAYS_FIRST_YEAR}-01-01`;
    const last = `${BANK_HOLIDAYS_LAST_YEAR}-12-31`;
    for (const [field, date] of [['from', from], ['to', to]] as const) {
      if (!isCalendarDate(date)) problems.push({ field, message: 'is not a calendar date' });
      else if (date < first || date > last) problems.push({ field, message: `must be from ${first} to ${last}, the years the working-day calendar knows` });
    }
    if (problems.length === 0 && to < from) problems.push({ field: 'to', message: 'must not be before from' });
    if (problems.length === 0 && monthsSpanned(from, to) > MAX_REPORT_MONTHS) problems.push({ field: 'to', message: `must be within ${MAX_REPORT_MONTHS} months of from` });
    if (filters.organisationId && !(await this.repository.organisationExists(this.transactions.manager, filters.organisationId))) {
      problems.push({ field: 'organisationId', message: 'is not a known organisation' });
    }
    if (problems.length > 0) throw validationFailed(problems);

    const scope = AccessScope.of(actor);
    if (filters.areaId && !scope.allows(filters.areaId)) {
      await this.transactions.run((tx) => this.audit.record(tx, actor, { action: 'access_denied', entityType: 'area', entityId: filters.areaId, details: { what: 'report' } }));
      throw notFound('The area');
    }
    const areaIds = filters.areaId ? [filters.areaId] : [...scope.areaIds].sort();
    const dimensions: DimensionFilters = {
      ...(filters.organisationId !== undefined ? { organisationId: filters.organisationId } : {}),
      ...(filters.offenceCategory !== undefined ? { offenceCategory: filters.offenceCategory } : {}),
      ...(filters.enhanced !== undefined ? { enhanced: filters.enhanced } : {}),
      ...(filters.role !== undefined ? { role: filters.role } : {}),
    };
    return {
      areaIds,
      period: { from, to },
      filters: dimensions,
      applied: {
        from,
        to,
        ...(groupBy ? { groupBy } : {}),
        areaIds,
        organisationId: filters.organisationId ?? null,
        offenceCategory: filters.offenceCategory ?? null,
        enhanced: filters.enhanced ?? null,
        role: filters.role ?? null,
      },
    };
  }

  private groups(request: ResolvedRequest, grouping: ReportGrouping): { groups: PeriodGroup[]; whole: PeriodGroup } {
    const { from, to } = request.period;
    return { groups: periodGroups(from, to, grouping), whole: wholePeriod(from, to) };
  }

  private scopeOf(request: ResolvedRequest, asAt: Date): FactScope {
    return { areaIds: request.areaIds, period: request.period, asAt, filters: request.filters };
  }

  /**
   * Reads a report's facts in one snapshot: from the rollups when the period is whole
   * months and they were refreshed recently enough (as at their refresh), else from the
   * source tables (as at now). `source` forces one (tests, the bench).
   */
  private async read<T>(
    request: ResolvedRequest,
    forced: FactSource | undefined,
    work: (tx: EntityManager, scope: FactScope, source: FactSource) => Promise<T>,
  ): Promise<{ figures: Figures; rows: T }> {
    await this.workingDays.ensure();
    return this.transactions.snapshot(async (tx) => {
      const now = this.clock.now();
      let figures: Figures = { source: 'live', asAt: now };
      if (forced !== 'live' && coversWholeMonths(request.period.from, request.period.to)) {
        const state = await this.repository.rollupState(tx);
        const fresh = state && now.getTime() - state.refreshedAt.getTime() <= this.config.reports.rollupMaxAgeMinutes * 60_000;
        if (state && (fresh || forced === 'rollup')) figures = { source: 'rollup', asAt: state.asAt };
      }
      return { figures, rows: await work(tx, this.scopeOf(request, figures.asAt), figures.source) };
    });
  }

  private header(report: ReportName, figures: Figures, request: ResolvedRequest, hiddenCounts: number): ReportHeader {
    return {
      report,
      asOf: figures.asAt,
      source: figures.source,
      filters: request.applied,
      suppression: { threshold: this.threshold, smallCount: smallCountMarker(this.threshold), withheld: WITHHELD, hiddenCounts },
    };
  }

  /** One audit row per request: who (the actor), which report, which filters; no figures. */
  private audited(actor: Actor, report: ReportHeader, format: ReportFormat, request: ResolvedRequest): Promise<void> {
    return this.transactions.run((tx) =>
      this.audit.record(tx, actor, {
        action: 'report',
        entityType: 'report',
        entityId: report.report,
        areaId: request.areaIds.length === 1 ? request.areaIds[0] : null,
        details: { report: report.report, format, source: report.source, asOf: report.asOf.toISOString(), filters: report.filters },
      }),
    );
  }
}
