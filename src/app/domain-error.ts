/**
 * Errors are values with codes. Each module declares its codes with their HTTP status
 * once (see e.g. identity.errors.ts); the ProblemDetailsFilter turns any DomainError into
 * an RFC 9457 problem+json answer, so controllers never build error responses.
 */
export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `contact.email`, or a header/param name. */
  field: string;
  message: string;
}

export interface ErrorSpec {
  status: number;
  title: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'DomainError';
  }
}

/** Builds a typed factory for a module's error codes: `IdentityError.of('INVALID_CREDENTIALS')`. */
export function defineErrors<Code extends string>(specs: Record<Code, ErrorSpec>) {
  return {
    codes: specs,
    of(code: Code, detail?: string, extensions?: Record<string, unknown>): DomainError {
      const spec = specs[code];
      return new DomainError(code, spec.status, spec.title, detail, extensions);
    },
  };
}

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
