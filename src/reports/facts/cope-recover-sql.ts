import { COPE_RECOVER_FRAMEWORKS, type CopeRecoverFramework } from '../../../libs/cope-recover/src/index.js';

/**
 * libs/cope-recover's scoring (scoreChange) written as SQL over a start measure `s` and an
 * end measure `e` (cope_recover_measures rows), generated from the frameworks' own data
 * (domains, improvement and worsening thresholds), so reports count "better able to cope
 * and recover" in the database exactly as the library defines it. A test checks the two
 * agree on random answers.
 */

const SAFE = /^[a-z0-9][a-z0-9_.-]*$/;

function literal(value: string): string {
  if (!SAFE.test(value)) throw new Error(`Unexpected characters in a framework name or domain: ${value}`);
  return `'${value}'`;
}

function frameworks(): CopeRecoverFramework[] {
  return Object.values(COPE_RECOVER_FRAMEWORKS);
}

function change(domain: string): string {
  return `((e.answers ->> ${literal(domain)})::int - (s.answers ->> ${literal(domain)})::int)`;
}

function byFramework(expression: (framework: CopeRecoverFramework) => string): string {
  return `CASE s.framework_version ${frameworks().map((framework) => `WHEN ${literal(framework.version)} THEN ${expression(framework)}`).join(' ')} END`;
}

/** The sum of the domain changes (end - start). */
export function overallChangeSql(): string {
  return byFramework((framework) => `(${framework.domains.map(({ id }) => change(id)).join(' + ')})`);
}

/** Better able to cope and recover: the changes add up to the threshold and no domain got worse by the limit. */
export function overallImprovedSql(): string {
  return byFramework(
    (framework) =>
      `((${framework.domains.map(({ id }) => change(id)).join(' + ')}) >= ${framework.overallThreshold}` +
      ` AND NOT (${framework.domains.map(({ id }) => `${change(id)} <= ${-framework.worseningLimit}`).join(' OR ')}))`,
  );
}

/** One row per framework domain: `fd(framework_version, domain, position, improved_at)`. */
export function frameworkDomainsSql(): string {
  const rows = frameworks().flatMap((framework) =>
    framework.domains.map(({ id }, index) => `(${literal(framework.version)}, ${literal(id)}, ${index + 1}, ${framework.domainImprovedAt})`),
  );
  return `(VALUES ${rows.join(', ')}) AS fd(framework_version, domain, position, improved_at)`;
}

/** A domain's change, for the row of frameworkDomainsSql in scope as `fd`. */
export const DOMAIN_CHANGE_SQL = `((e.answers ->> fd.domain)::int - (s.answers ->> fd.domain)::int)`;
