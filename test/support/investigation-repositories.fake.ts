import type { EntityManager } from 'typeorm';
import type { SubjectKind } from '../../libs/victims-code/src/index.js';
import type { CodeDutiesRepository, SubjectDuty } from '../../src/investigation/code-duties.repository.js';
import type { DecisionBodySpec } from '../../src/investigation/decision-bodies.js';
import type { DecisionNotice, DecisionNoticesRepository, NewDecisionNotice } from '../../src/investigation/decision-notices.repository.js';
import type { DecisionOnCrime, DecisionsRepository, JourneyOnCrime, NewDecision } from '../../src/investigation/decisions.repository.js';
import type { DefendantCorrection, DefendantsRepository, NewDefendant } from '../../src/investigation/defendants.repository.js';
import type { DecisionResponse } from '../../src/investigation/dto/decision.dto.js';
import type { DefendantResponse } from '../../src/investigation/dto/defendant.dto.js';
import type { NewVrrRequest, VrrAnswer, VrrRequestRow, VrrRequestsRepository } from '../../src/investigation/vrr-requests.repository.js';
import type { DecisionBody } from '../../src/investigation/investigation-vocabulary.js';
import { versioned, type JourneyFrame } from './journey-frame.fake.js';

type StoredDecision = NewDecision & { body: DecisionBody; createdAt: Date; version: number };
type StoredNotice = DecisionNotice & { body: DecisionBody };
type StoredDuty = SubjectDuty & { journeyId: string; subjectKind: SubjectKind };

/**
 * The investigation's tables in memory, for its service specs: arrays made with
 * JourneyFrame.table() so they roll back with a refused command. The journeys on each
 * crime, and the duties the ledger would have stored, are set up by the spec.
 */
export class InvestigationTables {
  readonly journeys: Array<JourneyOnCrime & { crimeId: string }>;
  readonly defendants: Array<DefendantResponse & { areaId: string }>;
  readonly decisions: StoredDecision[];
  readonly notices: StoredNotice[];
  readonly requests: Array<VrrRequestRow & { areaId: string; receivedAt: Date }>;
  readonly duties: StoredDuty[];

  constructor(frame: Pick<JourneyFrame, 'table'>) {
    this.journeys = frame.table();
    this.defendants = frame.table();
    this.decisions = frame.table();
    this.notices = frame.table();
    this.requests = frame.table();
    this.duties = frame.table();
  }
}

export class InMemoryDecisions implements DecisionsRepository {
  constructor(private readonly tables: InvestigationTables) {}

  async insert(_tx: EntityManager, spec: DecisionBodySpec, decision: NewDecision): Promise<void> {
    this.tables.decisions.push({ ...decision, defendantIds: [...decision.defendantIds], body: spec.body, createdAt: decision.decidedAt, version: 1 });
  }

  async charge(_tx: EntityManager, defendantIds: readonly string[], chargedAt: Date): Promise<void> {
    for (const defendant of this.tables.defendants) {
      if (defendantIds.includes(defendant.id) && defendant.status !== 'charged') Object.assign(defendant, { status: 'charged', chargedAt, version: defendant.version + 1 });
    }
  }

  async defendantsNotOnCrime(_tx: EntityManager, crimeId: string, defendantIds: readonly string[]): Promise<string[]> {
    return defendantIds.filter((id) => !this.tables.defendants.some((defendant) => defendant.id === id && defendant.crimeId === crimeId));
  }

  async decisionsOf(_tx: EntityManager, spec: DecisionBodySpec, crimeId: string, decisionId?: string): Promise<DecisionResponse[]> {
    return this.tables.decisions
      .filter((row) => row.body === spec.body && row.crimeId === crimeId && (!decisionId || row.id === decisionId))
      .map((row) => ({
        id: row.id,
        crimeId: row.crimeId,
        body: row.body,
        kind: row.kind as DecisionResponse['kind'],
        decidedAt: row.decidedAt,
        defendants: row.defendantIds.map((id) => ({ id, reference: this.tables.defendants.find((defendant) => defendant.id === id)!.reference })),
        recordedBy: row.recordedBy,
        createdAt: row.createdAt,
        version: row.version,
      }));
  }

  async onJourneyCrime(_tx: EntityManager, spec: DecisionBodySpec, decisionId: string, journeyId: string): Promise<DecisionOnCrime | null> {
    const crimeId = this.tables.journeys.find((journey) => journey.id === journeyId)?.crimeId;
    const row = this.tables.decisions.find((decision) => decision.body === spec.body && decision.id === decisionId && decision.crimeId === crimeId);
    return row ? { id: row.id, kind: row.kind, decidedAt: row.decidedAt } : null;
  }

  async journeysOnCrime(_tx: EntityManager, crimeId: string): Promise<JourneyOnCrime[]> {
    return this.tables.journeys.filter((journey) => journey.crimeId === crimeId).map(({ id, reference }) => ({ id, reference }));
  }

  async crimeOfJourney(_tx: EntityManager, journeyId: string): Promise<string> {
    return this.tables.journeys.find((journey) => journey.id === journeyId)!.crimeId;
  }
}

export class InMemoryDecisionNotices implements DecisionNoticesRepository {
  constructor(private readonly tables: InvestigationTables) {}

  async noticeOf(_tx: EntityManager, spec: DecisionBodySpec, journeyId: string, decisionId: string): Promise<DecisionNotice | null> {
    const row = this.tables.notices.find((notice) => notice.body === spec.body && notice.journeyId === journeyId && notice.decisionId === decisionId);
    return row ? notice(row) : null;
  }

  async noticesOf(_tx: EntityManager, spec: DecisionBodySpec, decisionIds: readonly string[], journeyId?: string): Promise<DecisionNotice[]> {
    return this.tables.notices.filter((row) => row.body === spec.body && decisionIds.includes(row.decisionId) && (!journeyId || row.journeyId === journeyId)).map(notice);
  }

  async insert(_tx: EntityManager, spec: DecisionBodySpec, added: NewDecisionNotice): Promise<string> {
    const id = `notice-${this.tables.notices.length + 1}`;
    this.tables.notices.push({ id, journeyId: added.journeyId, decisionId: added.decisionId, informedAt: added.informedAt, method: added.method, recordedBy: added.recordedBy, body: spec.body });
    return id;
  }
}

function notice({ body: _body, ...row }: StoredNotice): DecisionNotice {
  return { ...row };
}

export class InMemoryDefendants implements DefendantsRepository {
  constructor(private readonly tables: InvestigationTables) {}

  async insert(_tx: EntityManager, defendant: NewDefendant): Promise<DefendantResponse> {
    const number = this.tables.defendants.length + 1;
    const at = new Date('2026-01-01T00:00:00Z');
    const row = {
      id: `d0000000-0000-4000-8000-${String(number).padStart(12, '0')}`,
      reference: `DEF-${String(number).padStart(6, '0')}`,
      ...defendant,
      status: 'suspect' as const,
      chargedAt: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    this.tables.defendants.push(row);
    const { areaId: _areaId, ...view } = row;
    return view;
  }

  async find(_tx: EntityManager, crimeId: string, defendantId: string): Promise<DefendantResponse | null> {
    const row = this.tables.defendants.find((defendant) => defendant.id === defendantId && defendant.crimeId === crimeId);
    if (!row) return null;
    const { areaId: _areaId, ...view } = row;
    return { ...view };
  }

  async correct(_tx: EntityManager, defendantId: string, expectedVersion: number, correction: DefendantCorrection): Promise<void> {
    const row = versioned(this.tables.defendants, defendantId, expectedVersion, 'The defendant');
    for (const [field, value] of Object.entries(correction)) if (value !== undefined) Object.assign(row, { [field]: value });
  }
}

export class InMemoryVrrRequests implements VrrRequestsRepository {
  constructor(private readonly tables: InvestigationTables) {}

  async exists(_tx: EntityManager, journeyId: string, decisionId: string): Promise<boolean> {
    return this.tables.requests.some((request) => request.journeyId === journeyId && request.decisionId === decisionId);
  }

  async insert(_tx: EntityManager, request: NewVrrRequest): Promise<void> {
    this.tables.requests.push({ ...request, status: 'requested', acknowledgedAt: null, decidedAt: null, outcome: null, version: 1 });
  }

  async lock(_tx: EntityManager, journeyId: string, requestId: string): Promise<VrrRequestRow | null> {
    const row = this.tables.requests.find((request) => request.id === requestId && request.journeyId === journeyId);
    return row ? this.view(row) : null;
  }

  async byId(_tx: EntityManager, requestId: string): Promise<VrrRequestRow> {
    return this.view(this.tables.requests.find((request) => request.id === requestId)!);
  }

  async idsOf(_tx: EntityManager, journeyId: string): Promise<string[]> {
    return this.tables.requests.filter((request) => request.journeyId === journeyId).map((request) => request.id);
  }

  async answer(_tx: EntityManager, requestId: string, expectedVersion: number, answer: VrrAnswer): Promise<void> {
    const row = versioned(this.tables.requests, requestId, expectedVersion, 'The review request');
    if (answer.status === 'acknowledged') Object.assign(row, { status: 'acknowledged', acknowledgedAt: answer.at });
    else Object.assign(row, { status: 'decided', decidedAt: answer.at, outcome: answer.outcome });
  }

  private view({ areaId: _areaId, receivedAt: _receivedAt, ...row }: VrrRequestRow & { areaId: string; receivedAt: Date }): VrrRequestRow {
    return { ...row };
  }
}

export class InMemoryCodeDuties implements CodeDutiesRepository {
  constructor(private readonly tables: InvestigationTables) {}

  async about(_tx: EntityManager, journeyId: string, ruleIds: readonly string[], subjectKind: SubjectKind, subjectIds: readonly string[]): Promise<SubjectDuty[]> {
    return this.tables.duties
      .filter((duty) => duty.journeyId === journeyId && ruleIds.includes(duty.ruleId) && duty.subjectKind === subjectKind && subjectIds.includes(duty.subjectId))
      .map(({ journeyId: _journeyId, subjectKind: _kind, ...duty }) => ({ ...duty }));
  }
}

/** The investigation's tables and repositories over one frame. */
export function investigationWorld(frame: Pick<JourneyFrame, 'table'>) {
  const tables = new InvestigationTables(frame);
  return {
    tables,
    decisions: new InMemoryDecisions(tables),
    notices: new InMemoryDecisionNotices(tables),
    defendants: new InMemoryDefendants(tables),
    requests: new InMemoryVrrRequests(tables),
    duties: new InMemoryCodeDuties(tables),
  };
}
