import { type CallHandler, type ExecutionContext, type NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import { CommonError, validationFailed } from './common.errors.js';

/** Versions travel as strong ETags (`"3"`); a write must send the one it read as If-Match. */
export function setEtag(reply: FastifyReply, version: number): void {
  void reply.header('etag', `"${version}"`);
}

export function versionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw CommonError.of('PRECONDITION_REQUIRED', 'Send If-Match with the ETag you read, so a concurrent change is not overwritten');
  }
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match) throw validationFailed([{ field: 'If-Match', message: 'must be an ETag such as "3"' }]);
  return Number(match[1]);
}

/** For appends: If-Match is checked when sent (a stale copy is a 409) but not required. */
export function optionalVersion(header: string | undefined): number | undefined {
  return header === undefined || header.trim() === '' ? undefined : versionFromIfMatch(header);
}

/**
 * A command's answer whose ETag is not its body's own: an append to a journey answers the
 * new row (which has no version of its own, or whose version is not what the client sends
 * next) with the journey's new version.
 */
export interface Versioned<T> {
  body: T;
  version: number;
}

/** Sets the ETag from the answer's version, so handlers return their answer and never touch the reply. */
class EtagFromVersion implements NestInterceptor {
  constructor(private readonly answer: 'is-the-body' | 'wraps-the-body') {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((answer: { version?: unknown; body?: unknown } | null | undefined) => {
        if (typeof answer?.version === 'number') setEtag(context.switchToHttp().getResponse<FastifyReply>(), answer.version);
        return this.answer === 'wraps-the-body' ? answer?.body : answer;
      }),
    );
  }
}

/** The answer's own `version` (a row's, or a journey view's) is sent as its ETag. */
export const SendsEtag = () => UseInterceptors(new EtagFromVersion('is-the-body'));

/** The handler answers a `Versioned<T>`: `body` is sent, with `version` (the journey's) as the ETag. */
export const SendsBodyWithEtag = () => UseInterceptors(new EtagFromVersion('wraps-the-body'));
