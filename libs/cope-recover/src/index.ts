export { validateAnswers } from './answers.js';
export type { AnswerProblem, CopeRecoverAnswers } from './answers.js';
export {
  COPE_RECOVER_FRAMEWORKS,
  CR_1,
  DEFAULT_FRAMEWORK_VERSION,
  END_SCORE_MISSING_REASONS,
  frameworkByVersion,
} from './frameworks.js';
export type { CopeRecoverDomain, CopeRecoverFramework, EndScoreMissingReason } from './frameworks.js';
export { CopeRecoverAnswersError, scoreChange } from './scoring.js';
export type { DomainChange, ScoreChange } from './scoring.js';
