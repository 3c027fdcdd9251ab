import { HttpException, HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error.js';
import { CommonError } from './common.errors.js';

/** RFC 9457 problem details, the one error shape of the API. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  [extension: string]: unknown;
}

export type ProblemDetails = ProblemBody & { instance: string; requestId: string };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
]);

function problemType(code: string): string {
  return `/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the error means Postgres or Redis could not be reached, not that the request was wrong. */
export function isUnavailableError(error: unknown): boolean {
  if (error instanceof QueryFailedError) {
    return CONNECTION_ERROR_CODES.has(errorCode(error.driverError) ?? '');
  }
  const code = errorCode(error);
  if (code && CONNECTION_ERROR_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return (
    /Connection terminated|timeout exceeded when trying to connect|Connection is closed|Stream isn't writeable|enableOfflineQueue|connect ECONNREFUSED|The server does not support SSL/i.test(
      message,
    ) || (error instanceof Error && error.name === 'MaxRetriesPerRequestError')
  );
}

function fromDomainError(error: DomainError): ProblemBody {
  return {
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    code: error.code,
    ...error.extensions,
  };
}

function fromFastifyError(error: { code: string; statusCode?: number; message: string }): DomainError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return CommonError.of('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return CommonError.of('UNSUPPORTED_MEDIA_TYPE', 'Send JSON with Content-Type: application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return CommonError.of('MALFORMED_REQUEST', 'The JSON body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return CommonError.of('MALFORMED_REQUEST', 'The body is not valid JSON');
    default:
      return undefined;
  }
}

/**
 * Maps anything thrown while handling a request to problem details. Unknown errors become a
 * bare 500 whose detail never echoes the error message (it may hold personal data).
 */
export function toProblem(error: unknown): { problem: ProblemBody; unexpected: boolean } {
  if (error instanceof DomainError) return { problem: fromDomainError(error), unexpected: false };

  // Nest hands Fastify's own errors (body parsing, limits) over as HttpExceptions whose cause is the FastifyError.
  const fastifyError = error instanceof HttpException && error.cause ? error.cause : error;
  const code = errorCode(fastifyError);
  if (code?.startsWith('FST_')) {
    const mapped = fromFastifyError(fastifyError as { code: string; message: string });
    if (mapped) return { problem: fromDomainError(mapped), unexpected: false };
  }
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return { problem: fromDomainError(CommonError.of('MALFORMED_REQUEST', 'The body is not valid JSON')), unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const byStatus: Partial<Record<number, DomainError>> = {
      [HttpStatus.NOT_FOUND]: CommonError.of('NOT_FOUND', 'No such resource'),
      [HttpStatus.UNAUTHORIZED]: CommonError.of('UNAUTHENTICATED'),
      [HttpStatus.FORBIDDEN]: CommonError.of('FORBIDDEN'),
      [HttpStatus.PAYLOAD_TOO_LARGE]: CommonError.of('PAYLOAD_TOO_LARGE'),
      [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: CommonError.of('UNSUPPORTED_MEDIA_TYPE'),
      [HttpStatus.TOO_MANY_REQUESTS]: CommonError.of('RATE_LIMITED'),
      [HttpStatus.SERVICE_UNAVAILABLE]: CommonError.of('SERVICE_UNAVAILABLE'),
    };
    const mapped = byStatus[status];
    if (mapped) return { problem: fromDomainError(mapped), unexpected: false };
    if (status < 500) {
      const response = error.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? String((response as { message: unknown }).message)
          : error.message;
      return {
        problem: { type: 'about:blank', title: message, status, code: `HTTP_${status}` },
        unexpected: false,
      };
    }
  }
  if (isUnavailableError(error)) {
    return { problem: fromDomainError(CommonError.of('SERVICE_UNAVAILABLE')), unexpected: true };
  }
  if (error instanceof QueryFailedError) {
    const driverCode = errorCode(error.driverError);
    if (driverCode === '23505') {
      return { problem: fromDomainError(CommonError.of('CONFLICT', 'A record with the same unique value exists')), unexpected: false };
    }
    if (driverCode === '40001' || driverCode === '40P01') {
      return { problem: fromDomainError(CommonError.of('CONFLICT', 'A concurrent change interfered; try again')), unexpected: false };
    }
  }
  return { problem: fromDomainError(CommonError.of('INTERNAL')), unexpected: true };
}
