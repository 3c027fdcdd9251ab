import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BANK_HOLIDAYS_FIRST_YEAR, BANK_HOLIDAYS_LAST_YEAR } from '../../libs/working-days/src/index.js';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { Clock } from '../app/clock.js';
import type { FieldProblem } from '../app/domain-error.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { buildComplianceReport } from './code-compliance.report.js';
import type { BreachListQuery, ComplianceReportQuery, PeriodReportQuery, QuarterlyReturnQuery, ReportFilters, ReportFormat } from './dto/report-query.dto.js';
import type {
  AppliedFilters,
  BreachList,
  ComplianceReport,
  OutcomesReport,
  QuarterlyReturnReport,
  ReferralTimelinessReport,
  ReportHeader,
  WitnessTrialReport,
  RightsOfferedReport,
} from './dto/report-responses.dto.js';
import type { DimensionFilters, FactScope, FactSource } from './facts/fact-scope.js';
import { buildCopeRecoverReport } from './cope-recover.report.js';
import { PersonPseudonyms } from './person-pseudonyms.js';
import { buildQuarterlyReturn, QUARTERLY_RETURN_COLUMNS, QUARTERLY_RETURN_LAYOUT } from './quarterly-return.report.js';
import { buildReferralReport } from './referral-timeliness.report.js';
import {
  financialQuarter,
  firstOfMonth,
  isCalendarDate,
  lastOfMonth,
  monthsSpanned,
  periodGroups,
  type PeriodGroup,
  type ReportGrouping,
  splitAtWholeMonths,
  wholePeriod,
} from './report-periods.js';
import { ReportWorkingDays } from './report-working-days.js';
import { periodTooFine } from './reports.errors.js';
import { DUTY_OWNERS_OF_KIND } from './duty-owners.js';
import type { DutySelection } from './facts/duty-facts.js';
import { type OwingOrganisation, OwingOrganisations, type OwnerPairs } from './owing-organisations.js';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service.js';
import { ReportsRepository, ROLLUP_STATE_SQL, type RollupState, rollupStateOf } from './reports.repository.js';
import { ReportResults } from './report-results.js';
import { buildRightsOfferedReport } from './rights-offered.report.js';
import { type CellProtection, disclosureNoteOf } from './disclosure/figure-table.js';
import { protectedBuild } from './disclosure/protected-build.js';
import { buildWitnessTrialReport } from './witness-trial.report.js';

export const REPORT_NAMES = [
  'code-compliance', 'code-compliance-breaches', 'referral-timeliness', 'outcomes', 'quarterly-return', 'witness-and-trial', 'rights-offered',
] as const;
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

/** Where a caller may insist a report's facts come from: the rollups (monthly and daily) or the tables. */
export type ForcedSource = 'rollup' | 'live';

interface Figures {
  /** rollup: whole months from the monthly rollups, the days of part months from the daily ones. */
  source: ForcedSource;
  asAt: Date;
}

/** What a report reads: fact rows, or named lists of them. */
type FactRows = readonly object[] | Readonly<Record<string, readonly object[]>>;

/** The facts of several parts of a period, as one: each list is the parts' lists one after another. */
function concatenated<T extends FactRows>(parts: readonly T[]): T {
  if (parts.length === 1) return parts[0];
  if (Array.isArray(parts[0])) return parts.flatMap((part) => part as readonly object[]) as unknown as T;
  const keys = Object.keys(parts[0]);
  return Object.fromEntries(keys.map((key) => [key, parts.flatMap((part) => (part as Record<string, readonly object[]>)[key])])) as unknown as T;
}

/**
 * The commissioners' reports: aggregate figures protected by the cell key method, read from
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
    private readonly directory: OrganisationDirectoryService,
    private readonly results: ReportResults,
  ) {}

  async codeCompliance(actor: Actor, query: ComplianceReportQuery, format: ReportFormat, source?: ForcedSource): Promise<ComplianceReport> {
    const request = await this.resolve(actor, query, query.from, query.to, query.groupBy);
    const { groups, whole } = this.groups(request, query.groupBy);
    // The refresh's state is read while the directory is: two round trips at once, not one after the other.
    const state = source === 'live' ? undefined : this.currentRollupState();
    // The directories of the areas reported on, read once: they resolve every duty's (area, owner) to its organisation.
    const directory = new OwingOrganisations(await this.directory.ownersIn(request.areaIds));
    const selection: DutySelection = { ruleSet: query.ruleSet, owing: this.owingPairs(directory, query.owingOrganisationId) };
    const { figures, built } = await this.read(
      { report: 'code-compliance', request, groupBy: query.groupBy, also: [query.ruleSet ?? null, query.owingOrganisationId ?? null, directory.fingerprint()] },
      source,
      // Where the duties stand by area and owner (what the breakdown by organisation resolves; the totals are their
      // sums), and the late ones by days late: no row for each day late of each status, which the medians do not need.
      async (tx, scope, chosen) => ({
        duties: await this.repository.dutyOwnerTotals(tx, scope, chosen, selection),
        late: await this.repository.dutyLateDays(tx, scope, chosen, selection),
      }),
      (rows) => this.protectedBuild(rows, (facts, protection) => buildComplianceReport(facts, groups, whole, protection, directory)),
      undefined,
      state,
    );
    const applied = { ...request, applied: { ...request.applied, owingOrganisationId: query.owingOrganisationId ?? null } };
    const report: ComplianceReport = { ...this.header('code-compliance', figures, applied), periods: built.periods, whole: built.whole };
    await this.audited(actor, report, format, applied);
    return report;
  }

  /**
   * The organisations the compliance report may be filtered by for `actor`: those named in
   * the organisations directories of their areas (of `areaId` alone when given and theirs).
   * Settings, not personal data: what the workspace's filter offers.
   */
  async owingOrganisationChoices(actor: Actor, areaId?: string): Promise<OwingOrganisation[]> {
    const scope = AccessScope.of(actor);
    const areaIds = areaId && scope.allows(areaId) ? [areaId] : [...scope.areaIds];
    return new OwingOrganisations(await this.directory.ownersIn(areaIds)).named();
  }

  /** The (area, owner) pairs the filter keeps; an organisation the areas' directories do not name is a 400 naming the field. */
  private owingPairs(directory: OwingOrganisations, organisationId: string | undefined): OwnerPairs | undefined {
    if (organisationId === undefined) return undefined;
    const pairs = directory.pairsOf(organisationId);
    if (!pairs) throw validationFailed([{ field: 'owingOrganisationId', message: 'is not an organisation named in the organisations directory of the areas reported on' }]);
    return pairs;
  }

  async referralTimeliness(actor: Actor, query: PeriodReportQuery, format: ReportFormat, source?: ForcedSource): Promise<ReferralTimelinessReport> {
    const request = await this.resolve(actor, query, query.from, query.to, query.groupBy);
    const { groups, whole } = this.groups(request, query.groupBy);
    const { figures, built } = await this.read(
      { report: 'referral-timeliness', request, groupBy: query.groupBy },
      source,
      (tx, scope, chosen) => this.repository.referralTotals(tx, scope, chosen),
      (rows) => this.protectedBuild(rows, (facts, protection) => buildReferralReport(facts, groups, whole, protection)),
    );
    const report: ReferralTimelinessReport = { ...this.header('referral-timeliness', figures, request), periods: built.periods, whole: built.whole };
    await this.audited(actor, report, format, request);
    return report;
  }

  async copeRecover(actor: Actor, query: PeriodReportQuery, format: ReportFormat, source?: ForcedSource): Promise<OutcomesReport> {
    const request = await this.resolve(actor, query, query.from, query.to, query.groupBy);
    const { groups, whole } = this.groups(request, query.groupBy);
    const { figures, built } = await this.read(
      { report: 'outcomes', request, groupBy: query.groupBy },
      source,
      async (tx, scope, chosen) => ({
        closedJourneys: await this.repository.closedJourneyTotals(tx, scope, chosen),
        domains: await this.repository.closedJourneyDomainTotals(tx, scope, chosen),
      }),
      (rows) => this.protectedBuild(rows, (facts, protection) => buildCopeRecoverReport(facts.closedJourneys, facts.domains, groups, whole, protection)),
    );
    const report: OutcomesReport = { ...this.header('outcomes', figures, request), periods: built.periods, whole: built.whole };
    await this.audited(actor, report, format, request);
    return report;
  }

  // The witness and trial report

  async witnessAndTrial(actor: Actor, query: PeriodReportQuery, format: ReportFormat, source?: ForcedSource): Promise<WitnessTrialReport> {
    const request = await this.resolve(actor, query, query.from, query.to, query.groupBy);
    const { groups, whole } = this.groups(request, query.groupBy);
    const { figures, built } = await this.read(
      { report: 'witness-and-trial', request, groupBy: query.groupBy },
      source,
      async (tx, scope, chosen) => ({
        trials: await this.repository.trialTotals(tx, scope, chosen),
        duties: await this.repository.dutyTotals(tx, scope, chosen),
        attendance: await this.repository.witnessAttendanceTotals(tx, scope, chosen),
        specialMeasures: await this.repository.specialMeasureTotals(tx, scope, chosen),
        preTrialVisits: await this.repository.preTrialVisitTotals(tx, scope, chosen),
      }),
      (rows) => this.protectedBuild(rows, (facts, protection) => buildWitnessTrialReport(facts, groups, whole, protection)),
    );
    const report: WitnessTrialReport = { ...this.header('witness-and-trial', figures, request), periods: built.periods, whole: built.whole };
    await this.audited(actor, report, format, request);
    return report;
  }

  // The rights offered report
  async rightsOffered(actor: Actor, query: PeriodReportQuery, format: ReportFormat, source?: ForcedSource): Promise<RightsOfferedReport> {
    const request = await this.resolve(actor, query, query.from, query.to, query.groupBy);
    const { groups, whole } = this.groups(request, query.groupBy);
    const { figures, built } = await this.read(
      { report: 'rights-offered', request, groupBy: query.groupBy },
      source,
      async (tx, scope, chosen) => ({
        journeys: await this.repository.rightsJourneyTotals(tx, scope, chosen),
        duties: await this.repository.dutyTotals(tx, scope, chosen),
        vcs: await this.repository.vcsReferralTotals(tx, scope, chosen),
        rj: await this.repository.rjReferralTotals(tx, scope, chosen),
        complaints: await this.repository.complaintTotals(tx, scope, chosen),
      }),
      (rows) => this.protectedBuild(rows, (facts, protection) => buildRightsOfferedReport(facts, groups, whole, protection)),
    );
    const report: RightsOfferedReport = { ...this.header('rights-offered', figures, request), periods: built.periods, whole: built.whole };
    await this.audited(actor, report, format, request);
    return report;
  }

  async quarterlyReturn(actor: Actor, query: QuarterlyReturnQuery, format: ReportFormat, source?: ForcedSource): Promise<QuarterlyReturnReport> {
    const startYear = Number(query.financialYear.slice(0, 4));
    if ((startYear + 1) % 100 !== Number(query.financialYear.slice(5))) {
      throw validationFailed([{ field: 'financialYear', message: 'must be two consecutive years, e.g. 2026-27' }]);
    }
    const { from, to } = financialQuarter(startYear, query.quarter);
    const request = await this.resolve(actor, query, from, to);
    const { figures, built } = await this.read(
      { report: 'quarterly-return', request, also: [query.financialYear, query.quarter] },
      source,
      async (tx, requested, chosen) => {
        // One row per area: the totals are kept apart by area.
        const scope: FactScope = { ...requested, perArea: true };
        return {
          areas: await this.repository.areas(tx, request.areaIds),
          referrals: await this.repository.referralTotals(tx, scope, chosen, true),
          duties: await this.repository.dutyTotals(tx, scope, chosen),
          closedJourneys: await this.repository.closedJourneyTotals(tx, scope, chosen),
          domains: await this.repository.closedJourneyDomainTotals(tx, scope, chosen),
          trials: await this.repository.trialTotals(tx, scope, chosen),
          attendance: await this.repository.witnessAttendanceTotals(tx, scope, chosen),
          specialMeasures: await this.repository.specialMeasureTotals(tx, scope, chosen),
          rightsJourneys: await this.repository.rightsJourneyTotals(tx, scope, chosen),
          vcs: await this.repository.vcsReferralTotals(tx, scope, chosen),
          complaints: await this.repository.complaintTotals(tx, scope, chosen),
        };
      },
      (rows, figures) => {
        const context = {
          financialYear: query.financialYear,
          quarter: query.quarter,
          from,
          to,
          months: wholePeriod(from, to).months,
          organisationId: request.filters.organisationId ?? null,
          asOf: figures.asAt,
        };
        return this.protectedBuild(rows, (facts, protection) =>
          buildQuarterlyReturn(
            facts.areas,
            context,
            {
              ...facts,
              witnessTrial: { trials: facts.trials, duties: facts.duties, attendance: facts.attendance, specialMeasures: facts.specialMeasures, preTrialVisits: [] },
              rights: { journeys: facts.rightsJourneys, vcs: facts.vcs, complaints: facts.complaints },
            },
            protection,
          ),
        );
      },
    );
    const report: QuarterlyReturnReport = {
      ...this.header('quarterly-return', figures, request),
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
    const request = await this.resolve(actor, query, query.from, query.to, undefined, false);
    await this.workingDays.ensure();
    const asAt = this.clock.now();
    const kind = await this.repository.organisationKind(this.transactions.manager, actor.organisationId);
    const owners = kind ? DUTY_OWNERS_OF_KIND[kind] : [];
    const { rows, total } = await this.transactions.snapshot((tx) =>
      this.repository.breaches(tx, this.scopeOf(request, asAt), { ruleId: query.ruleId, right: query.right, owners }, query),
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
          details: { report: list.report, format, filters: list.filters, owners, page: { limit: query.limit, offset: query.offset }, rows: rows.length, total },
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

  /** Builds a report protected as configured (docs/reports.md, "Disclosure control"). */
  private protectedBuild<R, T>(rows: R, build: (rows: R, protection: CellProtection) => T): T {
    return protectedBuild(this.config.reports.disclosureControl, rows, build);
  }

  /** Checks the period and filters and places the request in the caller's areas (another area: 404, audited). */
  private async resolve(actor: Actor, filters: ReportFilters, from: string, to: string, groupBy?: ReportGrouping, protectedFigures = true): Promise<ResolvedRequest> {
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
    // Protected figures come on a fixed grid of whole months; the supervisors' record-level list need not.
    if (protectedFigures && this.config.reports.disclosureControl === 'cell-key') {
      const tooFine: FieldProblem[] = [];
      if (from !== firstOfMonth(from)) tooFine.push({ field: 'from', message: 'must be the first day of a month' });
      if (to !== lastOfMonth(to)) tooFine.push({ field: 'to', message: 'must be the last day of a month' });
      if (tooFine.length > 0) throw periodTooFine(tooFine);
    }

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

  /** The rollups' refresh as now committed, read at once (its failure is the awaiting reader's, never unhandled). */
  private currentRollupState(): Promise<RollupState | null> {
    const read = this.repository.rollupState(this.transactions.manager);
    read.catch(() => undefined);
    return read;
  }

  private groups(request: ResolvedRequest, grouping: ReportGrouping): { groups: PeriodGroup[]; whole: PeriodGroup } {
    const { from, to } = request.period;
    return { groups: periodGroups(from, to, grouping), whole: wholePeriod(from, to) };
  }

  private scopeOf(request: ResolvedRequest, asAt: Date): FactScope {
    return { areaIds: request.areaIds, period: request.period, asAt, filters: request.filters };
  }

  /**
   * Reads a report's facts in one snapshot and builds it. When the rollups were refreshed
   * recently enough, the period's whole months come from the monthly rollups and any part
   * months at its ends (or a period inside one month) from the daily ones, all as at the
   * refresh; otherwise the whole period comes from the tables, as at now. `forced` picks one
   * (tests, the bench). The fact rows of each part are concatenated: `work` answers fact
   * rows, or an object of fact row lists.
   *
   * A report built from the rollups is kept (ReportResults) under what it was built from:
   * `what` (the report, areas, period, filters, grouping and anything else its build reads)
   * and the refresh (RollupState.version). Until the next refresh the same request is answered from there, after
   * one read of the refresh's state and without the snapshot; readers arriving together share one
   * build; and after the next refresh ReportResultsWarmer builds it again before anyone asks
   * (`origin.rebuild`, which is this read again with what it captured: no actor, no audit).
   * `stateRead` is the refresh's state when the caller has started reading it already.
   */
  private async read<T extends FactRows, B>(
    what: { report: ReportName; request: ResolvedRequest; groupBy?: ReportGrouping; also?: unknown[] },
    forced: ForcedSource | undefined,
    work: (tx: EntityManager, scope: FactScope, source: FactSource) => Promise<T>,
    build: (rows: T, figures: Figures) => B,
    lastRead?: number,
    stateRead?: Promise<RollupState | null>,
  ): Promise<{ figures: Figures; built: B }> {
    const { request } = what;
    const identity = ReportResults.keyOf([
      what.report, request.areaIds, request.period, request.filters, what.groupBy ?? null, what.also ?? [], this.config.reports.disclosureControl,
    ]);
    const keyOf = (state: RollupState) => ReportResults.keyOf([identity, state.version, state.asAt.toISOString()]);
    const useRollups = (state: RollupState | null, now: Date): state is RollupState =>
      state !== null && (forced === 'rollup' || now.getTime() - state.refreshedAt.getTime() <= this.config.reports.rollupMaxAgeMinutes * 60_000);
    const keptFor = (state: RollupState) => {
      const kept = this.results.get<B>(keyOf(state), lastRead ?? this.clock.now().getTime());
      return kept === undefined ? undefined : { figures: { source: 'rollup', asAt: state.asAt } as Figures, built: kept };
    };
    let seen: RollupState | null = null;
    if (forced !== 'live') {
      const state = await (stateRead ?? this.repository.rollupState(this.transactions.manager));
      if (useRollups(state, this.clock.now())) {
        seen = state;
        const kept = keptFor(state);
        if (kept) return kept;
      }
    }
    const buildNow = async (): Promise<{ figures: Figures; built: B; state: RollupState | null }> => {
      await this.workingDays.ensure();
      // The refresh's state is read in the statement that opens the snapshot.
      const read = await this.transactions.snapshot(async (tx, opened) => {
        const now = this.clock.now();
        const state = forced !== 'live' ? rollupStateOf(opened) : null;
        if (!useRollups(state, now)) {
          return { figures: { source: 'live', asAt: now } as Figures, rows: await work(tx, this.scopeOf(request, now), 'live'), state: null };
        }
        const split = splitAtWholeMonths(request.period.from, request.period.to);
        const parts: T[] = [];
        if (split.months) parts.push(await work(tx, this.scopeOf({ ...request, period: split.months }, state.asAt), 'rollup'));
        for (const edge of split.edges) parts.push(await work(tx, this.scopeOf({ ...request, period: edge }, state.asAt), 'daily'));
        return { figures: { source: 'rollup', asAt: state.asAt } as Figures, rows: concatenated(parts), state };
      }, forced !== 'live' ? ROLLUP_STATE_SQL : undefined);
      const built = build(read.rows, read.figures);
      if (read.state) {
        this.results.set(keyOf(read.state), built, {
          identity,
          version: read.state.version,
          lastRead: lastRead ?? this.clock.now().getTime(),
          rebuild: (readAt) => this.read(what, forced, work, build, readAt),
        });
      }
      return { figures: read.figures, built, state: read.state };
    };
    if (!seen) {
      const { figures, built } = await buildNow();
      return { figures, built };
    }
    // Readers of the same report from the same refresh share one build; the one who waited gets its own copy.
    const { value, shared } = await this.results.once(keyOf(seen), buildNow);
    if (!shared) return { figures: value.figures, built: value.built };
    const kept = value.state ? keptFor(value.state) : undefined;
    if (kept) return kept;
    // Not kept (too large to keep): this reader builds its own rather than share one object.
    const own = await buildNow();
    return { figures: own.figures, built: own.built };
  }

  private header(report: ReportName, figures: Figures, request: ResolvedRequest): ReportHeader {
    return {
      report,
      asOf: figures.asAt,
      source: figures.source,
      filters: request.applied,
      disclosure: disclosureNoteOf(this.config.reports.disclosureControl),
    };
  }

  /**
   * One audit row per request: who (the actor), which report, which filters; no figures.
   * A single INSERT on the pool, which commits on its own: an explicit transaction around
   * it would only add two round trips (START and COMMIT) to every report read.
   */
  private audited(actor: Actor, report: ReportHeader, format: ReportFormat, request: ResolvedRequest): Promise<void> {
    return this.audit.record(this.transactions.manager, actor, {
      action: 'report',
      entityType: 'report',
      entityId: report.report,
      areaId: request.areaIds.length === 1 ? request.areaIds[0] : null,
      details: { report: report.report, format, source: report.source, asOf: report.asOf.toISOString(), filters: report.filters },
    });
  }
}
