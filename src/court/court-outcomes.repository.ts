import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { updateVersioned } from '../database/versioned-update.js';
import type { AppealGround, AppealResult, AppealStage, Appellant, Disposal, Verdict } from './court-vocabulary.js';

/** A row of court_outcomes, as a command locks it. */
interface OutcomeRow {
  id: string;
  verdict: Verdict;
  verdict_at: Date;
  sentenced_at: Date | null;
  version: number;
}

/** A row of appeals, as a command locks it. */
interface AppealRow {
  id: string;
  outcome_id: string;
  ground: AppealGround;
  lodged_at: Date;
  hearing_listed_at: Date | null;
  decided_at: Date | null;
  version: number;
}

/** An outcome a command changes or appeals against, as it stands. */
export interface LockedOutcome {
  id: string;
  verdict: Verdict;
  verdictAt: Date;
  sentencedAt: Date | null;
  version: number;
}

/** An appeal a command moves on, as it stands. */
export interface LockedAppeal {
  id: string;
  outcomeId: string;
  ground: AppealGround;
  lodgedAt: Date;
  hearingListedAt: Date | null;
  decidedAt: Date | null;
  version: number;
}

export interface NewOutcome {
  id: string;
  areaId: string;
  crimeId: string;
  defendantId: string;
  hearingId: string | null;
  verdict: Verdict;
  verdictAt: Date;
  receivedAt: Date;
  recordedBy: string;
}

export interface Sentence {
  sentencedAt: Date;
  receivedAt: Date;
  disposal: Disposal;
  custodialMonths: number;
  offenceViolentOrSexual: boolean;
}

export interface NewAppeal {
  id: string;
  areaId: string;
  crimeId: string;
  outcomeId: string;
  by: Appellant;
  against: AppealGround;
  lodgedAt: Date;
  receivedAt: Date;
  recordedBy: string;
}

export interface AppealHearing {
  courtId: string;
  listedFor: Date;
  listedAt: Date;
  receivedAt: Date;
}

export interface AppealDecision {
  decidedAt: Date;
  receivedAt: Date;
  result: AppealResult;
}

/**
 * SQL over court_outcomes (verdicts and sentences) and appeals for the court's commands:
 * the crime is locked in scope by CourtWork first (or the journey's crime is the key), and
 * each statement is keyed by the record's id or the crime's. The API's views are CourtRecords'.
 */
@Injectable()
export class CourtOutcomesRepository {
  async hasOutcome(tx: EntityManager, defendantId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM court_outcomes WHERE defendant_id = $1`, [defendantId]);
    return rows.length > 0;
  }

  async insertOutcome(tx: EntityManager, outcome: NewOutcome): Promise<void> {
    await tx.query(
      `INSERT INTO court_outcomes (id, area_id, crime_id, defendant_id, hearing_id, verdict, verdict_at, verdict_received_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [outcome.id, outcome.areaId, outcome.crimeId, outcome.defendantId, outcome.hearingId, outcome.verdict, outcome.verdictAt, outcome.receivedAt, outcome.recordedBy],
    );
  }

  /** The outcome, locked for the command (its crime is already locked and in scope). */
  async lockOutcome(tx: EntityManager, outcomeId: string): Promise<LockedOutcome> {
    const [row]: OutcomeRow[] = await tx.query(`SELECT id, verdict, verdict_at, sentenced_at, version FROM court_outcomes WHERE id = $1 FOR UPDATE`, [outcomeId]);
    return {
      id: row.id,
      verdict: row.verdict,
      verdictAt: new Date(row.verdict_at),
      sentencedAt: row.sentenced_at ? new Date(row.sentenced_at) : null,
      version: row.version,
    };
  }

  /** When the verdict was given and the sentence passed, if the outcome is one of the crime's; else null. */
  async outcomeOnCrime(tx: EntityManager, outcomeId: string, crimeId: string): Promise<{ verdictAt: Date; sentencedAt: Date | null } | null> {
    const [row]: Array<{ verdict_at: Date; sentenced_at: Date | null }> = await tx.query(`SELECT verdict_at, sentenced_at FROM court_outcomes WHERE id = $1 AND crime_id = $2`, [
      outcomeId,
      crimeId,
    ]);
    return row ? { verdictAt: new Date(row.verdict_at), sentencedAt: row.sentenced_at ? new Date(row.sentenced_at) : null } : null;
  }

  async recordSentence(tx: EntityManager, outcomeId: string, expectedVersion: number, sentence: Sentence): Promise<void> {
    await updateVersioned(tx, {
      table: 'court_outcomes',
      id: outcomeId,
      expectedVersion,
      changes: {
        sentenced_at: sentence.sentencedAt,
        sentence_received_at: sentence.receivedAt,
        disposal: sentence.disposal,
        custodial_months: sentence.custodialMonths,
        offence_violent_or_sexual: sentence.offenceViolentOrSexual,
      },
      what: 'The outcome',
    });
  }

  /** Whether an appeal on this ground against the outcome is still to be decided. */
  async hasOpenAppeal(tx: EntityManager, outcomeId: string, ground: AppealGround): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM appeals WHERE outcome_id = $1 AND ground = $2 AND decided_at IS NULL`, [outcomeId, ground]);
    return rows.length > 0;
  }

  async insertAppeal(tx: EntityManager, appeal: NewAppeal): Promise<void> {
    await tx.query(
      `INSERT INTO appeals (id, area_id, crime_id, outcome_id, appellant, ground, lodged_at, lodged_received_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [appeal.id, appeal.areaId, appeal.crimeId, appeal.outcomeId, appeal.by, appeal.against, appeal.lodgedAt, appeal.receivedAt, appeal.recordedBy],
    );
  }

  /** The appeal, locked for the command (its crime is already locked and in scope). */
  async lockAppeal(tx: EntityManager, appealId: string): Promise<LockedAppeal> {
    const [row]: AppealRow[] = await tx.query(
      `SELECT id, outcome_id, ground, lodged_at, hearing_listed_at, decided_at, version FROM appeals WHERE id = $1 FOR UPDATE`,
      [appealId],
    );
    return {
      id: row.id,
      outcomeId: row.outcome_id,
      ground: row.ground,
      lodgedAt: new Date(row.lodged_at),
      hearingListedAt: row.hearing_listed_at ? new Date(row.hearing_listed_at) : null,
      decidedAt: row.decided_at ? new Date(row.decided_at) : null,
      version: row.version,
    };
  }

  /** When the appeal reached each stage, if it is one of the crime's; else null. */
  async appealStagesOnCrime(tx: EntityManager, appealId: string, crimeId: string): Promise<Record<AppealStage, Date | null> | null> {
    const [row]: Array<Record<AppealStage, Date | null>> = await tx.query(
      `SELECT lodged_at AS lodged, hearing_listed_at AS hearing_listed, decided_at AS decided FROM appeals WHERE id = $1 AND crime_id = $2`,
      [appealId, crimeId],
    );
    return row ?? null;
  }

  async listAppealHearing(tx: EntityManager, appealId: string, expectedVersion: number, hearing: AppealHearing): Promise<void> {
    await updateVersioned(tx, {
      table: 'appeals',
      id: appealId,
      expectedVersion,
      changes: { hearing_court_id: hearing.courtId, hearing_listed_for: hearing.listedFor, hearing_listed_at: hearing.listedAt, hearing_received_at: hearing.receivedAt },
      what: 'The appeal',
    });
  }

  async decideAppeal(tx: EntityManager, appealId: string, expectedVersion: number, decision: AppealDecision): Promise<void> {
    await updateVersioned(tx, {
      table: 'appeals',
      id: appealId,
      expectedVersion,
      changes: { decided_at: decision.decidedAt, decision_received_at: decision.receivedAt, result: decision.result },
      what: 'The appeal',
    });
  }
}
