import type { ArgumentMetadata } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { AccessScope } from '../../access/access-scope.js';
import type { Actor } from '../../access/actor.js';
import { DomainError, type FieldProblem } from '../../app/domain-error.js';
import { createValidationPipe } from '../../app/validation.js';
import { CreateReferralRequest } from '../dto/referral.dto.js';
import { referralProblems } from '../referral-rules.js';
import { type CsvRecord, CsvSyntaxError, csvRecords, isBlankRecord } from './csv-records.js';
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
  /** The file lines of the rows without a problem, in file order: `goodReferralRows` reads them again, a chunk at a time, to write them. */
  goodLines: number[];
  problems: ImportProblem[];
  /** Lines with at least one problem. */
  rejectedRows: number;
  /** The file could not be read to its end (bad header or CSV syntax): nothing of it may be imported. */
  unreadable: boolean;
}

export interface CheckOptions {
  actor: Actor;
  areaIdByCode: ReadonlyMap<string, string>;
  /** The instant rows are checked against; both readings of a file use the same one. */
  now: Date;
}

const BODY: ArgumentMetadata = { type: 'body', metatype: CreateReferralRequest, data: undefined };

/** A data row, checked: the request when it has no problem, else its problems. */
export interface CheckedRecord {
  line: number;
  request: CreateReferralRequest | null;
  problems: ImportProblem[];
}

type OpenedFile = { problems: ImportProblem[] } | { problems: null; rows: AsyncGenerator<CheckedRecord> };

/**
 * Checks every row of a referral CSV file exactly as POST /referrals checks a body: the same
 * ValidationPipe (whitelist, unknown fields refused) over the same DTO, then the same
 * `referralProblems` in the uploader's scope. Problems name the file line and the column.
 * Keeps the problems and counts only, not the good rows: a 100,000-row file's requests
 * would hold hundreds of megabytes for the whole import (issue 20), so the writer reads
 * them again with `goodReferralRows`, a chunk at a time.
 */
export async function checkReferralCsv(
  content: string,
  options: CheckOptions & { onProgress?: (validatedRows: number) => Promise<void>; progressEvery?: number },
): Promise<CheckedFile> {
  const progressEvery = options.progressEvery ?? 1000;
  const problems: ImportProblem[] = [];
  let totalRows = 0;
  const goodLines: number[] = [];
  let rejectedRows = 0;
  try {
    const opened = openReferralCsv(content, options);
    if (opened.problems) return { totalRows: 0, goodLines: [], problems: opened.problems, rejectedRows: 0, unreadable: true };
    for await (const row of opened.rows) {
      totalRows++;
      if (row.request) goodLines.push(row.line);
      if (row.problems.length > 0) {
        problems.push(...row.problems);
        rejectedRows++;
      }
      if (options.onProgress && totalRows % progressEvery === 0) await options.onProgress(totalRows);
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    problems.push({ line: error.line, column: WHOLE_ROW, message: error.message });
    return { totalRows, goodLines: [], problems, rejectedRows, unreadable: true };
  }
  if (options.onProgress) await options.onProgress(totalRows);
  return { totalRows, goodLines, problems, rejectedRows, unreadable: false };
}

/**
 * The rows `checkReferralCsv` found good (`goodLines`), read again from the same file,
 * `chunkRows` at a time, as the requests the check made of them: the same cells and area
 * codes, turned into the same DTO by the same class-transformer step ValidationPipe takes
 * before it validates. They are not validated again (the file has not changed since, and
 * every check was made against `options.now`): that was a third of the import's CPU.
 */
export function* goodReferralRows(content: string, options: CheckOptions, goodLines: readonly number[], chunkRows: number): Generator<CheckedRow[]> {
  const opened = openRecords(content);
  if (opened.problems) throw new Error('goodReferralRows: the file was not readable when read again');
  const { records, columns } = opened;
  let next = 0;
  let chunk: CheckedRow[] = [];
  for (const record of records) {
    if (next === goodLines.length) break;
    if (record.line !== goodLines[next]) continue;
    next++;
    // A good row's request, as ValidationPipe makes it (`transform: true`) before it validates.
    chunk.push({ line: record.line, request: plainToInstance(CreateReferralRequest, referralBodyOf(columns, record, options).body) });
    if (chunk.length === chunkRows) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
  if (next !== goodLines.length) throw new Error(`goodReferralRows: ${goodLines.length - next} good lines were not found when the file was read again`);
}

type Columns = ReturnType<typeof readHeader>['columns'];

/** The header's problems, or its columns and the data records after it. */
function openRecords(content: string): { problems: ImportProblem[] } | { problems: null; records: ReturnType<typeof csvRecords>; columns: Columns } {
  const records = csvRecords(content);
  const first = records.next();
  if (first.done) return { problems: [{ line: 1, column: WHOLE_ROW, message: 'the file is empty' }] };
  const header = readHeader(first.value.cells);
  if (header.problems.length > 0) return { problems: header.problems.map((problem) => ({ line: 1, column: problem.field, message: problem.message })) };
  return { problems: null, records, columns: header.columns };
}

/** The header's problems, or the data rows, checked lazily one at a time. */
export function openReferralCsv(content: string, options: CheckOptions): OpenedFile {
  const opened = openRecords(content);
  return opened.problems ? { problems: opened.problems } : { problems: null, rows: checkRecords(opened.records, opened.columns, options) };
}

/** A data row as the body POST /referrals takes, its area code (as written) turned into the area's id: undefined when missing or unknown. */
function referralBodyOf(columns: Columns, record: CsvRecord, options: CheckOptions): ReturnType<typeof rowToReferralBody> & { areaCode: string | undefined } {
  const { body, problems } = rowToReferralBody(columns, record.cells);
  const areaCode = typeof body.areaId === 'string' ? body.areaId.toLowerCase() : undefined;
  body.areaId = areaCode === undefined ? undefined : options.areaIdByCode.get(areaCode);
  return { body, problems, areaCode };
}

async function* checkRecords(records: Iterable<CsvRecord>, columns: Columns, options: CheckOptions): AsyncGenerator<CheckedRecord> {
  const pipe = createValidationPipe();
  const scope = AccessScope.of(options.actor);
  for (const record of records) {
    if (isBlankRecord(record)) continue;
    const problems = (found: readonly FieldProblem[]) => found.map((problem) => ({ line: record.line, column: columnOfField(problem.field), message: problem.message }));
    if (record.cells.length !== columns.length) {
      yield { line: record.line, request: null, problems: problems([{ field: WHOLE_ROW, message: `has ${record.cells.length} cells; the header has ${columns.length}` }]) };
      continue;
    }
    const { body, problems: cellProblems, areaCode } = referralBodyOf(columns, record, options);
    if (areaCode === undefined) cellProblems.push({ field: 'areaId', message: 'is required' });
    else if (!body.areaId) cellProblems.push({ field: 'areaId', message: 'is not a known area code' });
    const found = [...cellProblems];
    // An unknown area code is said once; "must be a UUID" or "not one of your areas" about it would only puzzle.
    const reported = new Set(cellProblems.map((problem) => problem.field));
    const unreported = (more: readonly FieldProblem[]) => more.filter((problem) => !reported.has(problem.field));
    let request: CreateReferralRequest | null = null;
    try {
      request = (await pipe.transform(body, BODY)) as CreateReferralRequest;
      found.push(...unreported(referralProblems(request, scope, options.now)));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') throw error;
      found.push(...unreported(error.extensions.errors as FieldProblem[]));
    }
    yield { line: record.line, request: found.length === 0 ? request : null, problems: problems(found) };
  }
}
