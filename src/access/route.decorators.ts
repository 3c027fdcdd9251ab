import { applyDecorators } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader } from '@nestjs/swagger';
import { ACCESS_REASON_HEADER } from '../app/openapi-headers.js';
import { Roles } from './access.decorators.js';
import type { Role } from './roles.js';

/** An If-Match header as OpenAPI documents it (src/app/openapi-headers.ts). */
interface IfMatchHeader {
  name: string;
  required: boolean;
  description: string;
}

/**
 * A read of records about people: who may call it, and the X-Access-Reason it may carry,
 * kept in the audit log with the read.
 */
export const AuditedRead = (...roles: Role[]) => applyDecorators(ApiHeader(ACCESS_REASON_HEADER), Roles(...roles));

/**
 * A write guarded by a version: who may call it (unless the controller says), the If-Match
 * it takes (REQUIRED_IF_MATCH, OPTIONAL_IF_MATCH or ROW_IF_MATCH), and, when `conflicts` is
 * given, its 409: those codes, or CONFLICT on a stale If-Match.
 */
export function VersionedWrite(options: { roles?: readonly Role[]; ifMatch: IfMatchHeader; conflicts?: readonly string[] }) {
  return applyDecorators(
    ...(options.conflicts
      ? [ApiConflictResponse({ description: `${options.conflicts.map((code) => `${code}, `).join('')}${options.conflicts.length > 0 ? 'or ' : ''}CONFLICT on a stale If-Match` })]
      : []),
    ApiHeader(options.ifMatch),
    ...(options.roles ? [Roles(...options.roles)] : []),
  );
}
