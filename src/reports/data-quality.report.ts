import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BANK_HOLIDAYS_FIRST_YEAR, BANK_HOLIDAYS_LAST_YEAR } from '../../libs/working-days/src/index.js';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import type { FieldProblem } from '../app/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { KEYED_KINDS, type DataQualityQuery, type DataQualityReport, type KeyedKind, type KeyingFigures, type OrganisationKeying } from './dto/data-quality.dto.js';
import type { ReportFormat } from './dto/report-query.dto.js';
import { toCsv } from './report-csv.js';
import { isCalendarDate, monthsSpanned } from './report-periods.js';
import { ReportWorkingDays } from './report-working-days.js';
import { MAX_REPORT_MONTHS } from './reports.service.js';

/**
 * The timeline events a record keyed by hand or by a feed carries a `receivedAt` on (the
 * Code's clock runs from receipt: libs/victims-code RECEIPT_CLOCK_EVENT_TYPES), by kind.
 */
const KEYED_EVENT_KINDS: Record<KeyedKind, readonly string[]> = {
  referral: ['referral.received'],
  hearing: ['hearing.listed', 'hearing.moved', 'hearing.adjourned', 'hearing.vacated'],
  court_result: ['plea.not-guilty', 'court.bail-decision', 'court.verdict', 'court.sentence'],
  appeal: ['appeal.lodged', 'appeal.hearing-listed', 'appeal.decided'],
  request_or_complaint: ['vrr.police-requested', 'vcs.referred', 'expenses.claim-received', 'complaint.received'],
};
/** News about the crime, told to every journey on it in one command: one keyed record, however many victims. */
const CRIME_LEVEL_KINDS: readonly KeyedKind[] = ['hearing', 'court_result', 'appeal'];

interface KeyingRow {
  organisation_id: string | null;
  organisation_name: string | null;
  organisation_kind: string | null;
  kind: KeyedKind | null;
  level: number;
  keyed: number;
  same_day: number;
  next_working_day: number;
  keyed_late: number;
  median: number | null;
  p90: number | null;
  max: number | null;
}

export const DATA_QUALITY_CSV_COLUMNS = [
  'as_of', 'period_from', 'period_to', 'level', 'organisation_id', 'organisation_name', 'organisation_kind', 'kind',
  'keyed', 'same_day', 'next_working_day', 'keyed_late', 'median_working_days', 'p90_working_days', 'max_working_days',
];

/**
 * Data quality, "keyed late" (issue 16): duties whose clock runs from receipt are timed from
 * `receivedAt`, so news keyed days after it arrived shows its duty late from the moment it
 * is recorded. This report counts, by the organisation of whoever keyed each record, how
 * long after receipt it was keyed (`recordedAt` − `receivedAt`, in London working days):
 * the organisation can see where its keying costs it, and the compliance figures can be
 * read knowing it. Records, not people: no victim's attribute is a filter here, and no
 * record is listed, so the counts are exact. News recorded for a late referral (from before
 * the victim was referred) is the service's own copy and is left out.
 */
@Injectable()
export class DataQualityReportService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly workingDays: ReportWorkingDays,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async report(actor: Actor, query: DataQualityQuery, format: ReportFormat): Promise<DataQualityReport> {
    const problems: FieldProblem[] = [];
    const first = `${BANK_HOLIDAYS_FIRST_YEAR}-01-01`;
    const last = `${BANK_HOLIDAYS_LAST_YEAR}-12-31`;
    for (const [field, date] of [['from', query.from], ['to', query.to]] as const) {
      if (!isCalendarDate(date)) problems.push({ field, message: 'is not a calendar date' });
      else if (date < first || date > last) problems.push({ field, message: `must be from ${first} to ${last}, the years the working-day calendar knows` });
    }
    if (problems.length === 0 && query.to < query.from) problems.push({ field: 'to', message: 'must not be before from' });
    if (problems.length === 0 && monthsSpanned(query.from, query.to) > MAX_REPORT_MONTHS) problems.push({ field: 'to', message: `must be within ${MAX_REPORT_MONTHS} months of from` });
    if (problems.length > 0) throw validationFailed(problems);

    let scope = AccessScope.of(actor);
    if (query.areaId) {
      if (!scope.allows(query.areaId)) {
        await this.transactions.run((tx) => this.audit.record(tx, actor, { action: 'access_denied', entityType: 'area', entityId: query.areaId, details: { what: 'report' } }));
        throw notFound('The area');
      }
      scope = scope.within(query.areaId);
    }
    await this.workingDays.ensure();
    const asOf = this.clock.now();
    const rows = await this.transactions.snapshot((tx) => this.keying(tx, scope, query.from, query.to));
    const areaIds = [...scope.areaIds].sort();
    const report = assemble(rows, asOf, { from: query.from, to: query.to, areaIds });
    await this.transactions.run((tx) =>
      this.audit.record(tx, actor, {
        action: 'report',
        entityType: 'report',
        entityId: 'data-quality',
        areaId: areaIds.length === 1 ? areaIds[0] : null,
        details: { report: 'data-quality', format, filters: report.filters },
      }),
    );
    return report;
  }

  private keying(tx: EntityManager, scope: AccessScope, from: string, to: string): Promise<KeyingRow[]> {
    const kindCase = KEYED_KINDS.map((kind) => `WHEN e.type IN (${KEYED_EVENT_KINDS[kind].map((type) => `'${type}'`).join(', ')}) THEN '${kind}'`).join(' ');
    const crimeLevel = CRIME_LEVEL_KINDS.flatMap((kind) => KEYED_EVENT_KINDS[kind]);
    const params: unknown[] = [KEYED_KINDS.flatMap((kind) => KEYED_EVENT_KINDS[kind]), from, to, crimeLevel];
    const area = scope.sqlFilter('j.area_id', params);
    return tx.query(
      `WITH keyed AS (
         SELECT CASE ${kindCase} END AS kind, e.actor_user_id, e.received_at, min(e.recorded_at) AS recorded_at
           FROM journey_events e
           JOIN journeys j ON j.id = e.journey_id
          WHERE e.type = ANY($1::text[]) AND e.received_at IS NOT NULL AND e.reason IS NULL
            AND (e.received_at AT TIME ZONE 'Europe/London')::date BETWEEN $2::date AND $3::date
            AND ${area}
          GROUP BY e.type, CASE WHEN e.type = ANY($4::text[]) THEN j.crime_id ELSE e.id END, e.occurred_at, e.received_at, e.actor_user_id
       ), timed AS (
         SELECT k.kind, u.organisation_id,
                (k.recorded_at AT TIME ZONE 'Europe/London')::date = (k.received_at AT TIME ZONE 'Europe/London')::date AS same_day,
                greatest(0, recorded.working_day_number - received.working_day_number) AS working_days
           FROM keyed k
           LEFT JOIN users u ON u.id = k.actor_user_id
           JOIN report_working_days received ON received.day = (k.received_at AT TIME ZONE 'Europe/London')::date
           JOIN report_working_days recorded ON recorded.day = (k.recorded_at AT TIME ZONE 'Europe/London')::date
       )
       SELECT t.organisation_id, o.name AS organisation_name, o.kind AS organisation_kind, t.kind,
              grouping(t.organisation_id, t.kind) AS level,
              count(*)::int AS keyed,
              count(*) FILTER (WHERE t.same_day)::int AS same_day,
              count(*) FILTER (WHERE NOT t.same_day AND t.working_days <= 1)::int AS next_working_day,
              count(*) FILTER (WHERE t.working_days >= 2)::int AS keyed_late,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY t.working_days) AS median,
              percentile_disc(0.9) WITHIN GROUP (ORDER BY t.working_days) AS p90,
              max(t.working_days) AS max
         FROM timed t
         LEFT JOIN organisations o ON o.id = t.organisation_id
        GROUP BY GROUPING SETS ((t.organisation_id, o.name, o.kind, t.kind), (t.organisation_id, o.name, o.kind), ())`,
      params,
    );
  }
}

function figuresOf(row: KeyingRow | undefined): KeyingFigures {
  return {
    keyed: row?.keyed ?? 0,
    sameDay: row?.same_day ?? 0,
    nextWorkingDay: row?.next_working_day ?? 0,
    keyedLate: row?.keyed_late ?? 0,
    medianWorkingDays: row?.median ?? null,
    p90WorkingDays: row?.p90 ?? null,
    maxWorkingDays: row?.max ?? null,
  };
}

/** `level` is grouping(organisation, kind): 0 a kind within an organisation, 1 an organisation, 3 the total. */
function assemble(rows: readonly KeyingRow[], asOf: Date, filters: DataQualityReport['filters']): DataQualityReport {
  const organisations: OrganisationKeying[] = rows
    .filter((row) => Number(row.level) === 1)
    .map((row) => ({
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      organisationKind: row.organisation_kind,
      ...figuresOf(row),
      byKind: rows
        .filter((kindRow) => Number(kindRow.level) === 0 && kindRow.organisation_id === row.organisation_id)
        .sort((a, b) => KEYED_KINDS.indexOf(a.kind!) - KEYED_KINDS.indexOf(b.kind!))
        .map((kindRow) => ({ kind: kindRow.kind!, ...figuresOf(kindRow) })),
    }))
    .sort((a, b) => b.keyedLate - a.keyedLate || b.keyed - a.keyed || (a.organisationName ?? '').localeCompare(b.organisationName ?? ''));
  return { report: 'data-quality', asOf, filters, total: figuresOf(rows.find((row) => Number(row.level) === 3)), organisations };
}

export function dataQualityCsv(report: DataQualityReport): string {
  const common = { as_of: report.asOf, period_from: report.filters.from, period_to: report.filters.to };
  const cells = (figures: KeyingFigures) => ({
    keyed: figures.keyed,
    same_day: figures.sameDay,
    next_working_day: figures.nextWorkingDay,
    keyed_late: figures.keyedLate,
    median_working_days: figures.medianWorkingDays,
    p90_working_days: figures.p90WorkingDays,
    max_working_days: figures.maxWorkingDays,
  });
  const rows = [{ ...common, level: 'total', ...cells(report.total) }];
  for (const organisation of report.organisations) {
    const named = { organisation_id: organisation.organisationId, organisation_name: organisation.organisationName, organisation_kind: organisation.organisationKind };
    rows.push({ ...common, level: 'organisation', ...named, ...cells(organisation) } as (typeof rows)[number]);
    for (const kind of organisation.byKind) rows.push({ ...common, level: 'kind', ...named, kind: kind.kind, ...cells(kind) } as (typeof rows)[number]);
  }
  return toCsv(DATA_QUALITY_CSV_COLUMNS, rows);
}
