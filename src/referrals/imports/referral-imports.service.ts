import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor.js';
import { Clock } from '../../app/clock.js';
import { CommonError, notFound, validationFailed } from '../../app/common.errors.js';
import { describeError } from '../../app/logging.js';
import type { PageQuery } from '../../app/pagination.js';
import { AuditService } from '../../audit/audit.service.js';
import { TransactionRunner } from '../../database/transaction.js';
import { IdempotencyStore } from '../../idempotency/idempotency.store.js';
import { CsvSyntaxError, csvRecords } from './csv-records.js';
import type { ReferralImportAccepted, ReferralImportProblemList, ReferralImportQuery, ReferralImportResponse } from './dto/referral-import.dto.js';
import type { ReferralImport } from './entities/referral-import.entity.js';
import { readHeader } from './referral-csv-columns.js';
import { ReferralImportQueue } from './referral-import-queue.js';
import { ReferralImportsRepository } from './referral-imports.repository.js';

export const REFERRAL_IMPORTS_PATH = '/api/v1/referral-imports';

export interface ImportAnswer {
  body: ReferralImportAccepted;
  replayed: boolean;
}

function linksOf(id: string) {
  return { self: `${REFERRAL_IMPORTS_PATH}/${id}`, problems: `${REFERRAL_IMPORTS_PATH}/${id}/problems` };
}

/**
 * Bulk referral intake, api side: the file is checked as far as its header, stored with the
 * uploader's roles and areas in one transaction and handed to the worker after commit.
 * The worker (ReferralImportRunner) does the rest; a lost job is found again by the reconcile.
 */
@Injectable()
export class ReferralImportsService {
  private readonly logger = new Logger(ReferralImportsService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly imports: ReferralImportsRepository,
    private readonly queue: ReferralImportQueue,
    private readonly idempotency: IdempotencyStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async upload(actor: Actor, file: unknown, query: ReferralImportQuery, idempotencyKey: string | null): Promise<ImportAnswer> {
    if (!Buffer.isBuffer(file)) throw CommonError.of('UNSUPPORTED_MEDIA_TYPE', 'Send the CSV file as the body, with Content-Type: text/csv');
    const content = decodeUtf8(file);
    checkHeader(content);
    const fingerprint = { mode: query.mode, fileName: query.fileName ?? null, sha256: createHash('sha256').update(file).digest('hex') };

    const answer = await this.transactions.run(async (tx): Promise<ImportAnswer> => {
      if (idempotencyKey) {
        const earlier = await this.idempotency.claim(tx, actor.userId, idempotencyKey, 'POST /referral-imports', fingerprint);
        if (earlier) return { body: earlier.body as ReferralImportAccepted, replayed: true };
      }
      const id = await this.imports.insert(tx, {
        createdBy: actor.userId,
        organisationId: actor.organisationId,
        actorRoles: actor.roles,
        actorAreaIds: actor.areaIds,
        fileName: query.fileName ?? null,
        mode: query.mode,
        content,
        now: this.clock.now(),
      });
      await this.audit.record(tx, actor, {
        action: 'create',
        entityType: 'referral_import',
        entityId: id,
        details: { mode: query.mode, bytes: file.length },
      });
      const body: ReferralImportAccepted = { id, status: 'queued', links: linksOf(id) };
      if (idempotencyKey) await this.idempotency.complete(tx, actor.userId, idempotencyKey, { statusCode: 202, body });
      return { body, replayed: false };
    });

    if (!answer.replayed) {
      // After commit, so the worker finds the row. If Redis is away the import stays queued
      // in Postgres and the worker's reconcile queues it later: the upload still succeeded.
      await this.queue.enqueue(answer.body.id).catch((error: unknown) => {
        this.logger.warn({ importId: answer.body.id, error: describeError(error) }, 'referral import not queued; the reconcile will queue it');
      });
    }
    return answer;
  }

  async get(actor: Actor, id: string): Promise<ReferralImportResponse> {
    const answer = await this.transactions.run(async (tx) => {
      const found = await this.visible(tx, actor, id);
      return found && toResponse(found, await this.imports.problemCount(tx, id));
    });
    if (!answer) throw notFound('The import');
    return answer;
  }

  /** The imports the caller's organisation uploaded, newest first (no personal data: counts and file names). */
  list(actor: Actor, page: { limit: number; offset: number }): Promise<{ items: ReferralImportResponse[]; total: number }> {
    return this.transactions.run(async (tx) => {
      const [found, total] = await this.imports.ofOrganisationList(tx, actor.organisationId, page.limit, page.offset);
      const counts = await this.imports.problemCounts(tx, found.map((item) => item.id));
      const items = found.map((item) => toResponse(item, counts.get(item.id) ?? 0));
      return { items, total };
    });
  }

  async problems(actor: Actor, id: string, page: PageQuery): Promise<ReferralImportProblemList> {
    const answer = await this.transactions.run(async (tx) => {
      const found = await this.visible(tx, actor, id);
      return found && { items: await this.imports.problems(tx, id, page.limit, page.offset), total: await this.imports.problemCount(tx, id) };
    });
    if (!answer) throw notFound('The import');
    return answer;
  }

  /** The import if the caller's organisation uploaded it; otherwise null, the attempt audited (committed with the read). */
  private async visible(tx: EntityManager, actor: Actor, id: string): Promise<ReferralImport | null> {
    const found = await this.imports.ofOrganisation(tx, actor.organisationId, id);
    if (!found) await this.audit.record(tx, actor, { action: 'access_denied', entityType: 'referral_import', entityId: id });
    return found;
  }
}

function decodeUtf8(file: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    throw CommonError.of('MALFORMED_REQUEST', 'The file is not UTF-8 text: save it as "CSV UTF-8"');
  }
  // Postgres text cannot hold NUL, and no CSV export writes one: this is not a CSV file.
  if (text.includes('\u0000')) throw CommonError.of('MALFORMED_REQUEST', 'The file holds NUL characters: it is not a CSV text file');
  return text;
}

/** The header row is checked at upload, so a wrong template is refused before anything is queued. */
function checkHeader(content: string): void {
  let first;
  try {
    first = csvRecords(content).next();
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw validationFailed([{ field: 'header', message: error.message }]);
  }
  if (first.done) throw validationFailed([{ field: 'header', message: 'the file is empty: the first line must name the columns' }]);
  const { problems } = readHeader(first.value.cells);
  if (problems.length > 0) throw validationFailed(problems);
}

function toResponse(found: ReferralImport, problemCount: number): ReferralImportResponse {
  return {
    id: found.id,
    status: found.status,
    mode: found.mode,
    fileName: found.fileName,
    totalRows: found.totalRows,
    validatedRows: found.validatedRows,
    importedRows: found.importedRows,
    linkedRows: found.linkedRows,
    rejectedRows: found.rejectedRows,
    problemCount,
    createdAt: found.createdAt.toISOString(),
    startedAt: found.startedAt?.toISOString() ?? null,
    finishedAt: found.finishedAt?.toISOString() ?? null,
    failure: found.failure,
    links: linksOf(found.id),
  };
}
