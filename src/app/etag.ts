import type { FastifyReply } from 'fastify';
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
