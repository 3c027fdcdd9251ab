import type { CopeRecoverFramework } from './frameworks.js';

/** A victim's scores, by domain id, as received (e.g. from a form): nothing is trusted yet. */
export type CopeRecoverAnswers = Readonly<Record<string, unknown>>;

export interface AnswerProblem {
  readonly domain: string;
  readonly problem: 'missing_domain' | 'unknown_domain' | 'not_an_integer' | 'out_of_range';
  readonly message: string;
}

/** Everything wrong with a set of answers, naming the domain of each problem; empty when valid. */
export function validateAnswers(framework: CopeRecoverFramework, answers: CopeRecoverAnswers): AnswerProblem[] {
  const { min, max } = framework.scale;
  const problems: AnswerProblem[] = [];
  for (const { id } of framework.domains) {
    const score = Object.hasOwn(answers, id) ? answers[id] : undefined;
    if (score === undefined || score === null) {
      problems.push({ domain: id, problem: 'missing_domain', message: `${id} has no score` });
    } else if (typeof score !== 'number' || !Number.isInteger(score)) {
      problems.push({
        domain: id,
        problem: 'not_an_integer',
        message: `${id} must be a whole number, got ${JSON.stringify(score)}`,
      });
    } else if (score < min || score > max) {
      problems.push({
        domain: id,
        problem: 'out_of_range',
        message: `${id} must be from ${min} to ${max}, got ${score}`,
      });
    }
  }
  const known = new Set(framework.domains.map(({ id }) => id));
  for (const domain of Object.keys(answers)
    .filter((key) => !known.has(key))
    .sort()) {
    problems.push({ domain, problem: 'unknown_domain', message: `${domain} is not a domain of ${framework.version}` });
  }
  return problems;
}
