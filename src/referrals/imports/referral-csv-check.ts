import type { ArgumentMetadata } from '@nestjs/common';
import { AccessScope } from '../../access/access-scope.js';
import type { Actor } from '../../access/actor.js';
import { DomainError, type FieldProblem } from '../../app/domain-error.js';
import { createValidationPipe } from '../../app/validation.js';
import { CreateReferralRequest } from '../dto/referral.dto.js';
import { referralProblems } from '../referral-rules.js';
import { CsvSyntaxError, csvRecords, isBlankRecord } from './csv-records.js';
import { columnOfField, readHeader, rowToReferralBody } from './referral-csv-columns.js';
import type { ImportProblem } from './referral-imports.repository.js';

/** A problem with the file as a whole rather than with one cell. */
export const WHOLE_ROW = 'row';

export interface CheckedRow {
  line: number;
  request: CreateReferralRequest;
}

export interface CheckedFile {
  totalRows: number;
  good: CheckedRow[];
  problems: ImportProblem[];
  /** Lines with at least one problem. */
  rejectedRows: number;
  /** The file could not be read to its end (bad header or CSV syntax): nothing of it may be imported. */
  unreadable: boolean;
}

const BODY: ArgumentMetadata = { type: 'body', metatype: CreateReferralRequest, data: undefined };

/**
 * Checks every row of a referral CSV file exactly as POST /referrals checks a body: the same
 * ValidationPipe (whitelist, unknown fields refused) over the same DTO, then the same
 * `referralProblems` in the uploader's scope. Problems name the file line and the column.
 */
export async function checkReferralCsv(
  content: string,
  options: { actor: Actor; areaIdByCode: ReadonlyMap<string, string>; now: Date; onProgress?: (validatedRows: number) => Promise<void>; progressEvery?: number },
): Promise<CheckedFile> {
  const pipe = createValidationPipe();
  const scope = AccessScope.of(options.actor);
  const progressEvery = options.progressEvery ?? 1000;
  const good: CheckedRow[] = [];
  const problems: ImportProblem[] = [];
  const rejectedLines = new Set<number>();
  let totalRows = 0;
  const reject = (line: number, found: readonly FieldProblem[]) => {
    for (const problem of found) problems.push({ line, column: columnOfField(problem.field), message: problem.message });
    if (found.length > 0) rejectedLines.add(line);
  };

  const records = csvRecords(content);
  try {
    const first = records.next();
    if (first.done) return { totalRows: 0, good, problems: [{ line: 1, column: WHOLE_ROW, message: 'the file is empty' }], rejectedRows: 0, unreadable: true };
    const header = readHeader(first.value.cells);
    if (header.problems.length > 0) {
      return { totalRows: 0, good, problems: header.problems.map((problem) => ({ line: 1, column: problem.field, message: problem.message })), rejectedRows: 0, unreadable: true };
    }
    for (const record of records) {
      if (isBlankRecord(record)) continue;
      totalRows++;
      if (record.cells.length !== header.columns.length) {
        reject(record.line, [{ field: WHOLE_ROW, message: `has ${record.cells.length} cells; the header has ${header.columns.length}` }]);
      } else {
        const { body, problems: cellProblems } = rowToReferralBody(header.columns, record.cells);
        const areaCode = typeof body.areaId === 'string' ? body.areaId.toLowerCase() : undefined;
        const areaId = areaCode === undefined ? undefined : options.areaIdByCode.get(areaCode);
        if (areaCode === undefined) cellProblems.push({ field: 'areaId', message: 'is required' });
        else if (!areaId) cellProblems.push({ field: 'areaId', message: 'is not a known area code' });
        body.areaId = areaId;
        const found = [...cellProblems];
        // An unknown area code is said once; "must be a UUID" or "not one of your areas" about it would only puzzle.
        const reported = new Set(cellProblems.map((problem) => problem.field));
        const unreported = (problems: readonly FieldProblem[]) => problems.filter((problem) => !reported.has(problem.field));
        try {
          const request = (await pipe.transform(body, BODY)) as CreateReferralRequest;
          found.push(...unreported(referralProblems(request, scope, options.now)));
          if (found.length === 0) good.push({ line: record.line, request });
        } catch (error) {
          if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') throw error;
          found.push(...unreported(error.extensions.errors as FieldProblem[]));
        }
        reject(record.line, found);
      }
      if (options.onProgress && totalRows % progressEvery === 0) await options.onProgress(totalRows);
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    problems.push({ line: error.line, column: WHOLE_ROW, message: error.message });
    return { totalRows, good: [], problems, rejectedRows: rejectedLines.size, unreadable: true };
  }
  if (options.onProgress) await options.onProgress(totalRows);
  return { totalRows, good, problems, rejectedRows: rejectedLines.size, unreadable: false };
}
