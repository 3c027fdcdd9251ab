import { COPE_RECOVER_FRAMEWORKS, END_SCORE_MISSING_REASONS } from '../../libs/cope-recover/src/index.js';
import { CLOSURE_REASONS } from '../journeys/journey-vocabulary.js';
import type { ClosureReasonCounts, DomainOutcome, MissingEndScores, OutcomePeriod } from './dto/report-responses.dto.js';
import type { ClosedJourneyDomainTotalsRow, ClosedJourneyTotalsRow } from './facts/closed-journey-facts.js';
import type { PeriodGroup } from './report-periods.js';
import { type CellProtection, FigureTable, mean, percent, restOf, type ShownFigures } from './disclosure/figure-table.js';

/** End of support without end scores: the reasons recorded, or none recorded. */
export const MISSING_END_KEYS = [...END_SCORE_MISSING_REASONS, 'not_recorded'] as const;
type MissingEndKey = (typeof MISSING_END_KEYS)[number];

export interface DomainCounts {
  frameworkVersion: string;
  domain: string;
  compared: number;
  improved: number;
  changeSum: number;
}

export interface CopeRecoverCounts {
  closed: number;
  closureReasons: Record<string, number>;
  withStartScore: number;
  withoutStartScore: number;
  compared: number;
  improved: number;
  overallChangeSum: number;
  endScoreMissing: Record<MissingEndKey, number>;
  domains: DomainCounts[];
  satisfaction: { answered: number; declined: number; notRecorded: number; scoreSum: number };
}

/** Every domain of every framework, in the frameworks' order: reports list them all, zero or not. */
function frameworkDomains(): Array<{ frameworkVersion: string; domain: string }> {
  return Object.values(COPE_RECOVER_FRAMEWORKS).flatMap((framework) => framework.domains.map(({ id }) => ({ frameworkVersion: framework.version, domain: id })));
}

export function sumCopeRecoverRows(rows: readonly ClosedJourneyTotalsRow[], domainRows: readonly ClosedJourneyDomainTotalsRow[], months: readonly string[]): CopeRecoverCounts {
  const counts: CopeRecoverCounts = {
    closed: 0,
    closureReasons: Object.fromEntries(CLOSURE_REASONS.map((reason) => [reason, 0])),
    withStartScore: 0,
    withoutStartScore: 0,
    compared: 0,
    improved: 0,
    overallChangeSum: 0,
    endScoreMissing: Object.fromEntries(MISSING_END_KEYS.map((key) => [key, 0])) as Record<MissingEndKey, number>,
    domains: frameworkDomains().map((domain) => ({ ...domain, compared: 0, improved: 0, changeSum: 0 })),
    satisfaction: { answered: 0, declined: 0, notRecorded: 0, scoreSum: 0 },
  };
  for (const row of rows) {
    if (!months.includes(row.month)) continue;
    counts.closed += row.closed;
    counts.closureReasons[row.closure_reason] = (counts.closureReasons[row.closure_reason] ?? 0) + row.closed;
    if (row.framework_version === null) {
      counts.withoutStartScore += row.closed;
    } else {
      counts.withStartScore += row.closed;
      if (row.end_measure === 'answered') {
        counts.compared += row.closed;
        counts.improved += row.improved;
        counts.overallChangeSum += row.overall_change_sum;
      } else {
        const key = (row.end_measure === 'none' ? 'not_recorded' : row.end_measure) as MissingEndKey;
        counts.endScoreMissing[key] += row.closed;
      }
    }
    if (row.satisfaction === 'answered') {
      counts.satisfaction.answered += row.closed;
      counts.satisfaction.scoreSum += row.satisfaction_score_sum;
    } else if (row.satisfaction === 'declined') counts.satisfaction.declined += row.closed;
    else counts.satisfaction.notRecorded += row.closed;
  }
  for (const row of domainRows) {
    if (!months.includes(row.month)) continue;
    const domain = counts.domains.find((candidate) => candidate.frameworkVersion === row.framework_version && candidate.domain === row.domain);
    if (!domain) continue;
    domain.compared += row.compared;
    domain.improved += row.improved;
    domain.changeSum += row.change_sum;
  }
  return counts;
}

const domainName = (domain: { frameworkVersion: string; domain: string }) => `domain:${domain.frameworkVersion}:${domain.domain}`;

/** Cope-and-recover and closure counts under `prefix`, with the relations that hold by construction. */
export function countCopeRecoverFigures(figures: FigureTable, prefix: string, counts: CopeRecoverCounts): void {
  const closed = figures.count(`${prefix}|closed`, counts.closed);
  figures.relate(closed, CLOSURE_REASONS.map((reason) => figures.count(`${prefix}|reason:${reason}`, counts.closureReasons[reason] ?? 0)));
  const withStart = figures.count(`${prefix}|withStartScore`, counts.withStartScore);
  figures.relate(closed, [withStart, figures.count(`${prefix}|withoutStartScore`, counts.withoutStartScore)]);
  const compared = figures.count(`${prefix}|compared`, counts.compared);
  figures.relate(withStart, [compared, ...MISSING_END_KEYS.map((key) => figures.count(`${prefix}|missing:${key}`, counts.endScoreMissing[key]))]);
  figures.subset(compared, `${prefix}|improved`, counts.improved);
  const comparedByFramework = new Map<string, string[]>();
  for (const domain of counts.domains) {
    const at = `${prefix}|${domainName(domain)}`;
    const domainCompared = figures.count(`${at}|compared`, domain.compared);
    comparedByFramework.set(domain.frameworkVersion, [...(comparedByFramework.get(domain.frameworkVersion) ?? []), domainCompared]);
    figures.subset(domainCompared, `${at}|improved`, domain.improved);
  }
  // Every domain of a framework compares the same journeys, and the frameworks together all of
  // them: a count shown in one place and hidden in another would give it away.
  const perFramework = [...comparedByFramework.values()].map(([first, ...others]) => {
    for (const other of others) figures.relate(other, [first]);
    return first;
  });
  const comparedInDomains = counts.domains.filter((domain, index, all) => all.findIndex((d) => d.frameworkVersion === domain.frameworkVersion) === index);
  if (comparedInDomains.reduce((sum, domain) => sum + domain.compared, 0) === counts.compared) figures.relate(compared, perFramework);
  figures.relate(closed, [
    figures.count(`${prefix}|satisfaction:answered`, counts.satisfaction.answered),
    figures.count(`${prefix}|satisfaction:declined`, counts.satisfaction.declined),
    figures.count(`${prefix}|satisfaction:notRecorded`, counts.satisfaction.notRecorded),
  ]);
}

export function copeRecoverCountKeys(counts: CopeRecoverCounts): string[] {
  return [
    'closed', ...CLOSURE_REASONS.map((reason) => `reason:${reason}`), 'withStartScore', 'withoutStartScore', 'compared',
    ...MISSING_END_KEYS.map((key) => `missing:${key}`), 'improved', restOf('improved'),
    ...counts.domains.flatMap((domain) => [`${domainName(domain)}|compared`, `${domainName(domain)}|improved`, restOf(`${domainName(domain)}|improved`)]),
    'satisfaction:answered', 'satisfaction:declined', 'satisfaction:notRecorded',
  ];
}

/**
 * Outcomes of the journeys closed in each period: closure reasons, the cope-and-recover
 * change of those with start and end scores (overall and per domain, as libs/cope-recover
 * defines improvement), why the others have no end score, and satisfaction at closure.
 */
export function buildCopeRecoverReport(
  rows: readonly ClosedJourneyTotalsRow[],
  domainRows: readonly ClosedJourneyDomainTotalsRow[],
  groups: readonly PeriodGroup[],
  whole: PeriodGroup,
  protection: CellProtection,
): { periods: OutcomePeriod[]; whole: OutcomePeriod } {
  const periods = groups.map((group) => ({ group, key: group.label, counts: sumCopeRecoverRows(rows, domainRows, group.months) }));
  const overall = { group: whole, key: 'all', counts: sumCopeRecoverRows(rows, domainRows, whole.months) };
  const figures = new FigureTable();
  for (const period of [...periods, overall]) countCopeRecoverFigures(figures, period.key, period.counts);
  if (periods.length > 0) {
    for (const key of copeRecoverCountKeys(overall.counts)) figures.relate(`all|${key}`, periods.map((period) => `${period.key}|${key}`));
  }
  const shown = figures.protect(protection);
  const render = (period: typeof overall): OutcomePeriod => ({
    label: period.group.label,
    from: period.group.from,
    to: period.group.to,
    ...showCopeRecoverFigures(shown, period.key, period.counts),
  });
  return { periods: periods.map(render), whole: render(overall) };
}

export function showCopeRecoverFigures(shown: ShownFigures, prefix: string, counts: CopeRecoverCounts): Omit<OutcomePeriod, 'label' | 'from' | 'to'> {
  const key = (name: string) => `${prefix}|${name}`;
  const endScoreMissing = Object.fromEntries(
    MISSING_END_KEYS.map((reason) => [
      reason,
      {
        count: shown.show(key(`missing:${reason}`)),
        percent: shown.percentOf(key(`missing:${reason}`), [key('withStartScore')]),
      },
    ]),
  ) as unknown as MissingEndScores;
  const { satisfaction } = counts;
  return {
    closed: shown.show(key('closed')),
    closureReasons: Object.fromEntries(CLOSURE_REASONS.map((reason) => [reason, shown.show(key(`reason:${reason}`))])) as unknown as ClosureReasonCounts,
    withStartScore: shown.show(key('withStartScore')),
    withoutStartScore: shown.show(key('withoutStartScore')),
    compared: shown.show(key('compared')),
    improved: shown.show(key('improved')),
    improvedPercent: shown.percentOf(key('improved'), [key('compared')]),
    meanChange: shown.meanOf(counts.overallChangeSum, key('compared')),
    endScoreMissing,
    domains: counts.domains.map((domain): DomainOutcome => {
      const at = `${prefix}|${domainName(domain)}`;
      return {
        frameworkVersion: domain.frameworkVersion,
        domain: domain.domain,
        compared: shown.show(`${at}|compared`),
        improved: shown.show(`${at}|improved`),
        improvedPercent: shown.percentOf(`${at}|improved`, [`${at}|compared`]),
        meanChange: shown.meanOf(domain.changeSum, `${at}|compared`),
      };
    }),
    satisfaction: {
      answered: shown.show(key('satisfaction:answered')),
      declined: shown.show(key('satisfaction:declined')),
      notRecorded: shown.show(key('satisfaction:notRecorded')),
      meanScore: shown.meanOf(satisfaction.scoreSum, key('satisfaction:answered')),
    },
  };
}
