import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsSelect } from 'typeorm';
import { insertRows } from '../../database/insert-rows.js';
import { ReferralImport, type ReferralImportMode, type ReferralImportStatus } from './entities/referral-import.entity.js';

export interface ImportProblem {
  line: number;
  column: string;
  message: string;
}

export interface NewReferralImport {
  createdBy: string;
  organisationId: string;
  actorRoles: readonly string[];
  actorAreaIds: readonly string[];
  fileName: string | null;
  mode: ReferralImportMode;
  content: string;
  now: Date;
}

export interface ImportProgress {
  validatedRows?: number;
  importedRows?: number;
  linkedRows?: number;
  totalRows?: number;
  status?: ReferralImportStatus;
}

/** The final counts an import ends with, written with its rows (or alone when it is rejected). */
export interface ImportOutcome {
  status: 'completed' | 'rejected';
  totalRows: number;
  validatedRows: number;
  importedRows: number;
  linkedRows: number;
  rejectedRows: number;
}

const PROGRESS_COLUMNS: Record<keyof ImportProgress, string> = {
  validatedRows: 'validated_rows',
  importedRows: 'imported_rows',
  linkedRows: 'linked_rows',
  totalRows: 'total_rows',
  status: 'status',
};

/** referral_imports and referral_import_problems. Not area-owned: an import belongs to the uploader's organisation. */
@Injectable()
export class ReferralImportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, values: NewReferralImport): Promise<string> {
    const [row] = await insertRows<{ id: string }>(
      tx,
      'referral_imports',
      ['created_by', 'organisation_id', 'actor_roles', 'actor_area_ids', 'file_name', 'mode', 'status', 'content', 'created_at', 'updated_at'],
      [[values.createdBy, values.organisationId, values.actorRoles, values.actorAreaIds, values.fileName, values.mode, 'queued', values.content, values.now, values.now]],
      { casts: { actor_roles: 'text[]', actor_area_ids: 'uuid[]' }, returning: ['id'] },
    );
    return row.id;
  }

  byId(tx: EntityManager, id: string): Promise<ReferralImport | null> {
    return tx.findOne(ReferralImport, { where: { id } });
  }

  /** The import as an organisation sees it; another organisation's is not found. */
  ofOrganisation(tx: EntityManager, organisationId: string, id: string): Promise<ReferralImport | null> {
    return tx.findOne(ReferralImport, { where: { id, organisationId }, select: IMPORT_WITHOUT_CONTENT });
  }

  /** An organisation's imports, newest first, without their files. */
  ofOrganisationList(tx: EntityManager, organisationId: string, limit: number, offset: number): Promise<[ReferralImport[], number]> {
    return tx.findAndCount(ReferralImport, { where: { organisationId }, select: IMPORT_WITHOUT_CONTENT, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
  }

  /** Problem counts of several imports in one query (a list page). */
  async problemCounts(tx: EntityManager, importIds: readonly string[]): Promise<Map<string, number>> {
    if (importIds.length === 0) return new Map();
    const rows: Array<{ import_id: string; count: number }> = await tx.query(
      `SELECT import_id, count(*)::int AS count FROM referral_import_problems WHERE import_id = ANY($1::uuid[]) GROUP BY import_id`,
      [importIds],
    );
    return new Map(rows.map((row) => [row.import_id, row.count]));
  }

  async problemCount(tx: EntityManager, importId: string): Promise<number> {
    const [{ count }]: Array<{ count: number }> = await tx.query(`SELECT count(*)::int AS count FROM referral_import_problems WHERE import_id = $1`, [importId]);
    return count;
  }

  async problems(tx: EntityManager, importId: string, limit: number, offset: number): Promise<ImportProblem[]> {
    // Insertion order breaks ties within a line, so a row's problems read in column order.
    return tx.query(
      `SELECT line, column_name AS "column", message FROM referral_import_problems WHERE import_id = $1 ORDER BY line, ctid LIMIT $2 OFFSET $3`,
      [importId, limit, offset],
    );
  }

  /**
   * Starts a run: counts the attempt and resets the counts a rolled-back run may have left.
   * Null when the import has already finished (a duplicate or late job).
   */
  async claim(importId: string, now: Date): Promise<ReferralImport | null> {
    const [rows]: [Array<{ id: string }>, number] = await this.dataSource.query(
      `UPDATE referral_imports
          SET status = 'validating', attempts = attempts + 1, started_at = coalesce(started_at, $2), updated_at = $2,
              validated_rows = 0, imported_rows = 0, linked_rows = 0, rejected_rows = 0, version = version + 1
        WHERE id = $1 AND status IN ('queued', 'validating', 'importing')
        RETURNING id`,
      [importId, now],
    );
    return rows.length === 1 ? this.byId(this.dataSource.manager, importId) : null;
  }

  /**
   * Progress on its own connection, committed at once, so the status endpoint shows it
   * while the import's own transaction is still open. Touches updated_at: a running import
   * is not stale.
   */
  async reportProgress(importId: string, progress: ImportProgress, now: Date): Promise<void> {
    const sets: string[] = ['updated_at = $2'];
    const values: unknown[] = [importId, now];
    for (const [key, value] of Object.entries(progress) as Array<[keyof ImportProgress, unknown]>) {
      values.push(value);
      sets.push(`${PROGRESS_COLUMNS[key]} = $${values.length}`);
    }
    await this.dataSource.query(`UPDATE referral_imports SET ${sets.join(', ')} WHERE id = $1 AND status IN ('queued', 'validating', 'importing')`, values);
  }

  async addProblems(tx: EntityManager, importId: string, problems: readonly ImportProblem[]): Promise<void> {
    await insertRows(
      tx,
      'referral_import_problems',
      ['import_id', 'line', 'column_name', 'message'],
      problems.map((problem) => [importId, problem.line, problem.column, problem.message]),
    );
  }

  /** Ends the import in the transaction that wrote its rows, and drops the file: personal data must not linger. */
  async finish(tx: EntityManager, importId: string, outcome: ImportOutcome, now: Date): Promise<void> {
    await tx.query(
      `UPDATE referral_imports
          SET status = $2, total_rows = $3, validated_rows = $4, imported_rows = $5, linked_rows = $6, rejected_rows = $7,
              content = NULL, finished_at = $8, updated_at = $8, failure = NULL, version = version + 1
        WHERE id = $1`,
      [importId, outcome.status, outcome.totalRows, outcome.validatedRows, outcome.importedRows, outcome.linkedRows, outcome.rejectedRows, now],
    );
  }

  /** Gives up on an import; the message says why without personal data. The file is dropped. */
  async fail(importId: string, failure: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE referral_imports
          SET status = 'failed', failure = $2, content = NULL, finished_at = $3, updated_at = $3, version = version + 1
        WHERE id = $1 AND status IN ('queued', 'validating', 'importing')`,
      [importId, failure, now],
    );
  }

  /** Unfinished imports nothing has touched since `before`: their job was lost or their worker died. */
  async stale(before: Date, limit = 100): Promise<Array<{ id: string; attempts: number }>> {
    return this.dataSource.query(
      `SELECT id, attempts FROM referral_imports
        WHERE status IN ('queued', 'validating', 'importing') AND updated_at < $1
        ORDER BY created_at LIMIT $2`,
      [before, limit],
    );
  }
}

/** Everything but the file: status reads never pull megabytes of personal data. */
const IMPORT_WITHOUT_CONTENT: FindOptionsSelect<ReferralImport> = {
  id: true, createdBy: true, organisationId: true, actorRoles: true, actorAreaIds: true, fileName: true, mode: true, status: true,
  totalRows: true, validatedRows: true, importedRows: true, linkedRows: true, rejectedRows: true, attempts: true, failure: true,
  startedAt: true, finishedAt: true, createdAt: true, updatedAt: true, version: true,
};
