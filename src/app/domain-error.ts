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
