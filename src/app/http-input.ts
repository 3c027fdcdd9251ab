import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommonError, validationFailed } from './common.errors.js';

/**
 * Nesting deeper than this is refused before anything walks the body. No request of the
 * API nests more than a few levels; class-transformer and class-validator recurse once per
 * level, so 20,000 levels of `[` overflowed the stack after seconds of work (a 500, with the
 * event loop blocked meanwhile).
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether JSON text nests objects and arrays deeper than `limit`. One pass over the bytes,
 * no recursion, stopping at the first level too deep: a megabyte of `[` costs a millisecond.
 * Brackets inside strings are skipped (the text need not be valid JSON: the parser decides).
 */
export function nestsDeeperThan(text: Buffer | string, limit: number): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === 0x5c /* \ */) escaped = true;
      else if (byte === 0x22 /* " */) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b /* [ */ || byte === 0x7b /* { */) {
      depth += 1;
      if (depth > limit) return true;
    } else if (byte === 0x5d /* ] */ || byte === 0x7d /* } */) {
      depth -= 1;
    }
  }
  return false;
}

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * The first field (as validation names fields: `person.givenName`, `items[2].note`) whose
 * text or name holds a NUL character, or undefined. PostgreSQL refuses NUL in text and
 * jsonb, so a NUL that got through would be a 500 at the first INSERT or WHERE.
 * Iterative, so it is safe on any value (bodies are depth-checked before, queries are flat).
 */
export function firstFieldWithNul(value: unknown, root = ''): string | undefined {
  const stack: Array<{ path: string; value: unknown }> = [{ path: root, value }];
  while (stack.length > 0) {
    const { path, value: current } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path || 'body';
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) stack.push({ path: childPath(path, index), value: current[index] });
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      const entries = Object.entries(current);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, child] = entries[index];
        if (key.includes('\u0000')) return path || 'body';
        stack.push({ path: childPath(path, key), value: child });
      }
    }
  }
  return undefined;
}

/** Refuses a NUL in the body, the query or the path parameters, naming the field. */
export function refuseNulCharacters(request: FastifyRequest): void {
  const field =
    firstFieldWithNul(request.params) ?? firstFieldWithNul(request.query) ?? firstFieldWithNul(request.body);
  if (field !== undefined) throw validationFailed([{ field, message: 'must not contain a NUL character' }]);
}

/** The media type of a request, lower-cased, without parameters; '' when none is given. */
export function mediaTypeOf(request: FastifyRequest): string {
  const header = request.headers['content-type'];
  return (typeof header === 'string' ? header.split(';')[0] : '').trim().toLowerCase();
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/** Fastify route config of a route that takes a bulk CSV upload (see AcceptsCsvUpload). */
export interface CsvUploadRouteConfig {
  csvUpload?: boolean;
}

/**
 * The API speaks JSON, and CSV on the routes that import files. Anything else sent to a path
 * under `apiPrefix` is a 415 before its body is read, whatever parsers other parts of the
 * server (a web workspace's form pages) register. JSON sent to a CSV route keeps the JSON
 * body limit, though the route's own is far larger.
 */
export function apiMediaTypeGate(apiPrefix: string, jsonBodyLimitBytes: number) {
  return async function apiMediaType(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    if (!request.url.startsWith(apiPrefix) || !hasBody(request)) return;
    const type = mediaTypeOf(request);
    const csvRoute = (request.routeOptions.config as CsvUploadRouteConfig | undefined)?.csvUpload === true;
    if (type === 'application/json') {
      if (csvRoute && Number(request.headers['content-length'] ?? 0) > jsonBodyLimitBytes) throw CommonError.of('PAYLOAD_TOO_LARGE');
      return;
    }
    if (type === 'text/csv' && csvRoute) return;
    throw CommonError.of(
      'UNSUPPORTED_MEDIA_TYPE',
      csvRoute ? 'Send the file with Content-Type: text/csv' : 'Send JSON with Content-Type: application/json',
    );
  };
}

/** Marks the route that takes a bulk CSV file: the only one whose body may be CSV, with a limit of its own. */
export const AcceptsCsvUpload = () => RouteConfig({ csvUpload: true } satisfies CsvUploadRouteConfig);
