import { defineErrors, type DomainError, type FieldProblem } from './domain-error.js';

/** Errors every module can raise. */
export const CommonError = defineErrors({
  VALIDATION_FAILED: { status: 400, title: 'The request has invalid fields' },
  MALFORMED_REQUEST: { status: 400, title: 'The request could not be read' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  FORBIDDEN: { status: 403, title: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONFLICT: { status: 409, title: 'The record was changed by someone else' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  UNPROCESSABLE: { status: 422, title: 'The request cannot be processed' },
  PRECONDITION_REQUIRED: { status: 428, title: 'An If-Match header is required' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'A service this request needs is unavailable' },
  INTERNAL: { status: 500, title: 'Something went wrong' },
});

export function validationFailed(errors: FieldProblem[]): DomainError {
  const detail = errors.map((error) => `${error.field}: ${error.message}`).join('; ');
  return CommonError.of('VALIDATION_FAILED', detail, { errors });
}

export function notFound(what: string): DomainError {
  return CommonError.of('NOT_FOUND', `${what} was not found`);
}
