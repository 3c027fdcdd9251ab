import { validateAnswers, type AnswerProblem, type CopeRecoverAnswers } from './answers.js';
import type { CopeRecoverFramework } from './frameworks.js';

export interface DomainChange {
  readonly domain: string;
  readonly start: number;
  readonly end: number;
  /** end - start */
  readonly change: number;
  readonly improved: boolean;
}

export interface ScoreChange {
  readonly frameworkVersion: string;
  readonly domains: readonly DomainChange[];
  readonly overallChange: number;
  /** "Better able to cope and recover", as reported to the PCC. */
  readonly overallImproved: boolean;
  /** Domains that got worse by the framework's worsening limit or more; any one stops overall improvement. */
  readonly worsenedDomains: readonly string[];
}

export class CopeRecoverAnswersError extends Error {
  readonly code = 'INVALID_COPE_RECOVER_ANSWERS';

  constructor(
    readonly which: 'start' | 'end',
    readonly problems: readonly AnswerProblem[],
  ) {
    super(`The ${which} answers are not valid: ${problems.map(({ message }) => message).join('; ')}`);
    this.name = 'CopeRecoverAnswersError';
  }
}

function validScores(framework: CopeRecoverFramework, which: 'start' | 'end', answers: CopeRecoverAnswers) {
  const problems = validateAnswers(framework, answers);
  if (problems.length > 0) throw new CopeRecoverAnswersError(which, problems);
  return answers as Readonly<Record<string, number>>;
}

/**
 * How a victim's scores changed between the start and the end of support. Both sets of
 * answers must be valid for the framework (see validateAnswers).
 */
export function scoreChange(
  framework: CopeRecoverFramework,
  start: CopeRecoverAnswers,
  end: CopeRecoverAnswers,
): ScoreChange {
  const startScores = validScores(framework, 'start', start);
  const endScores = validScores(framework, 'end', end);
  const domains = framework.domains.map(({ id }): DomainChange => {
    const change = endScores[id]! - startScores[id]!;
    return {
      domain: id,
      start: startScores[id]!,
      end: endScores[id]!,
      change,
      improved: change >= framework.domainImprovedAt,
    };
  });
  const overallChange = domains.reduce((sum, { change }) => sum + change, 0);
  const worsenedDomains = domains
    .filter(({ change }) => change <= -framework.worseningLimit)
    .map(({ domain }) => domain);
  return {
    frameworkVersion: framework.version,
    domains,
    overallChange,
    overallImproved: overallChange >= framework.overallThreshold && worsenedDomains.length === 0,
    worsenedDomains,
  };
}
