import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor.js';
import { Clock } from '../../app/clock.js';
import { describeError } from '../../app/logging.js';
import { AuditService } from '../../audit/audit.service.js';
import { TransactionRunner } from '../../database/transaction.js';
import type { Role } from '../../access/roles.js';
import { ReferralIntake } from '../referral-intake.service.js';
import type { ReferralImport } from './entities/referral-import.entity.js';
import { type CheckOptions, checkReferralCsv, type CheckedRow, goodReferralRows } from './referral-csv-check.js';
import { ReferralImportsRepository, type ImportOutcome } from './referral-imports.repository.js';

/** Runs an import may start before it is given up as failed. */
export const MAX_IMPORT_ATTEMPTS = 3;

/** Rows handed to ReferralIntake at a time: big enough for few statements, small enough for steady progress. */
export const IMPORT_CHUNK_ROWS = 1000;

export type ImportRunOutcome = 'completed' | 'rejected' | 'failed' | 'already_finished' | 'running_elsewhere';

export const IMPORT_FAILURE_MESSAGE =
  `The import did not finish after ${MAX_IMPORT_ATTEMPTS} attempts and nothing from it was kept. ` +
  'Upload the file again; if it fails again, give support the import id.';

/** The uploader as they were at upload: the import acts with exactly their roles and areas. */
export function actorOfImport(referralImport: Pick<ReferralImport, 'id' | 'createdBy' | 'organisationId' | 'actorRoles' | 'actorAreaIds'>): Actor {
  return {
    userId: referralImport.createdBy,
    roles: referralImport.actorRoles as Role[],
    organisationId: referralImport.organisationId,
    areaIds: referralImport.actorAreaIds,
    requestId: `import-${referralImport.id}`,
    accessReason: null,
    sessionFamilyId: null,
  };
}

/**
 * Takes a CSV import in, in the worker: every row checked first (status validating), then
 * - all or nothing, or the good rows - written through ReferralIntake in chunks inside one
 * transaction for the whole file. The file is read twice (checked, then its good rows
 * checked again and written a chunk at a time) rather than holding every row's request. If the worker dies the transaction rolls back and a
 * re-run starts clean; progress is written on its own connection so it shows meanwhile.
 */
@Injectable()
export class ReferralImportRunner {
  private readonly logger = new Logger(ReferralImportRunner.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly imports: ReferralImportsRepository,
    private readonly intake: ReferralIntake,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async run(importId: string): Promise<ImportRunOutcome> {
    let attempts = 0;
    try {
      return await this.transactions.run(async (tx) => {
        // Two runs of one import (a job re-enqueued while its worker still works) must not both write it.
        const [{ locked }]: Array<{ locked: boolean }> = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [
          `referral-import|${importId}`,
        ]);
        if (!locked) return 'running_elsewhere';
        const started = await this.imports.claim(importId, this.clock.now());
        if (!started) return 'already_finished';
        attempts = started.attempts;
        if (started.attempts > MAX_IMPORT_ATTEMPTS) {
          await this.imports.fail(importId, IMPORT_FAILURE_MESSAGE, this.clock.now());
          return 'failed';
        }
        return this.take(tx, started);
      });
    } catch (error) {
      this.logger.error({ importId, attempts, error: describeError(error) }, 'referral import run failed');
      if (attempts >= MAX_IMPORT_ATTEMPTS) {
        await this.imports.fail(importId, IMPORT_FAILURE_MESSAGE, this.clock.now());
        return 'failed';
      }
      throw error;
    }
  }

  private async take(tx: EntityManager, started: ReferralImport): Promise<'completed' | 'rejected'> {
    const actor = actorOfImport(started);
    const areas: Array<{ id: string; code: string }> = await tx.query(`SELECT id, code FROM areas`);
    const content = started.content ?? '';
    const options: CheckOptions = { actor, areaIdByCode: new Map(areas.map((area) => [area.code.toLowerCase(), area.id])), now: this.clock.now() };
    const checked = await checkReferralCsv(content, {
      ...options,
      onProgress: (validatedRows) => this.imports.reportProgress(started.id, { validatedRows }, this.clock.now()),
    });
    await this.imports.addProblems(tx, started.id, checked.problems);

    const outcome: ImportOutcome = {
      status: 'rejected',
      totalRows: checked.totalRows,
      validatedRows: checked.totalRows,
      importedRows: 0,
      linkedRows: 0,
      rejectedRows: checked.rejectedRows,
    };
    const refused = checked.unreadable || (started.mode === 'all_or_nothing' && checked.problems.length > 0);
    if (!refused) {
      await this.imports.reportProgress(started.id, { status: 'importing', totalRows: checked.totalRows }, this.clock.now());
      const written = await this.write(tx, actor, started.id, goodReferralRows(content, options, checked.goodLines, IMPORT_CHUNK_ROWS));
      if (written.importedRows + written.linkedRows !== checked.goodLines.length) {
        // The rows are checked twice against one instant: they cannot differ, but if they did the transaction must not commit.
        throw new Error(`referral import ${started.id}: ${checked.goodLines.length} good rows when checked, ${written.importedRows + written.linkedRows} when written`);
      }
      Object.assign(outcome, { status: 'completed' }, written);
    }
    await this.imports.finish(tx, started.id, outcome, this.clock.now());
    await this.audit.record(tx, actor, {
      action: 'import',
      entityType: 'referral_import',
      entityId: started.id,
      details: { status: outcome.status, mode: started.mode, totalRows: outcome.totalRows, importedRows: outcome.importedRows,
        linkedRows: outcome.linkedRows, rejectedRows: outcome.rejectedRows, problemCount: checked.problems.length, attempt: started.attempts },
    });
    return outcome.status;
  }

  /** Writes the good rows a chunk at a time: only one chunk's requests are in memory at once. */
  private async write(tx: EntityManager, actor: Actor, importId: string, chunks: Iterable<CheckedRow[]>): Promise<{ importedRows: number; linkedRows: number }> {
    let importedRows = 0;
    let linkedRows = 0;
    for (const chunk of chunks) {
      const results = await this.intake.intake(
        tx,
        actor,
        chunk.map((row) => row.request),
        { kind: 'csv', importId, lines: chunk.map((row) => row.line) },
      );
      for (const result of results) {
        if (result.outcome === 'created') importedRows++;
        else linkedRows++;
      }
      // The chunk's audit rows now, not all at commit: the same rows, without holding every row's records.
      await this.audit.flush(tx);
      await this.imports.reportProgress(importId, { importedRows, linkedRows }, this.clock.now());
    }
    return { importedRows, linkedRows };
  }
}
