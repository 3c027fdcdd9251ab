import { victimWindowCloses, type CpsDecisionKind, type PoliceDecisionKind, type VictimWindowId } from '../../libs/victims-code/src/index.js';
import { codeEvent, type NewJourneyEvent } from '../journeys/journey-events.js';
import type { ReviewWindowView } from './dto/decision.dto.js';
import { CPS_REVIEWABLE_KINDS, POLICE_REVIEWABLE_KINDS, type DecisionBody } from './investigation-vocabulary.js';

/**
 * What differs between a police and a CPS decision: where it is stored, the Code event it
 * puts on each journey, the duty that event opens, and the review scheme that covers it.
 * Everything else about the two is the same, so one service handles both.
 */
export interface DecisionBodySpec {
  body: DecisionBody;
  table: 'police_decisions' | 'cps_decisions';
  defendantLinks: 'police_decision_defendants' | 'cps_decision_defendants';
  noticeColumn: 'police_decision_id' | 'cps_decision_id';
  about: 'police_decision' | 'cps_decision';
  informRule: 'police.inform-decision' | 'cps.inform-decision';
  reviewWindow: VictimWindowId;
  reviewable: readonly string[];
  decisionMade(decisionId: string, kind: string, at: Date): NewJourneyEvent;
  /** Route of the create, for Idempotency-Key records. */
  operation(crimeId: string): string;
}

export const DECISION_BODY: Record<DecisionBody, DecisionBodySpec> = {
  police: {
    body: 'police',
    table: 'police_decisions',
    defendantLinks: 'police_decision_defendants',
    noticeColumn: 'police_decision_id',
    about: 'police_decision',
    informRule: 'police.inform-decision',
    reviewWindow: 'police.victims-right-to-review',
    reviewable: POLICE_REVIEWABLE_KINDS,
    decisionMade: (decisionId, kind, at) => codeEvent('police.decision-made', at, { decisionId, kind: kind as PoliceDecisionKind }),
    operation: (crimeId) => `POST /crimes/${crimeId}/police-decisions`,
  },
  cps: {
    body: 'cps',
    table: 'cps_decisions',
    defendantLinks: 'cps_decision_defendants',
    noticeColumn: 'cps_decision_id',
    about: 'cps_decision',
    informRule: 'cps.inform-decision',
    reviewWindow: 'cps.victims-right-to-review',
    reviewable: CPS_REVIEWABLE_KINDS,
    decisionMade: (decisionId, kind, at) => codeEvent('cps.decision-made', at, { decisionId, kind: kind as CpsDecisionKind }),
    operation: (crimeId) => `POST /crimes/${crimeId}/cps-decisions`,
  },
};

/** The victim's review window for a decision the scheme covers, counted from when they were told. */
export function reviewWindowOf(spec: DecisionBodySpec, kind: string, informedAt: Date): ReviewWindowView | null {
  if (!spec.reviewable.includes(kind)) return null;
  const { askBy, closesAt } = victimWindowCloses(spec.reviewWindow, new Date(informedAt));
  return { id: spec.reviewWindow, askBy, closesAt };
}
