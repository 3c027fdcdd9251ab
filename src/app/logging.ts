import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { pino } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from './config.js';

/**
 * Keys whose values are personal data or secrets. Logs carry ids, never these: pino
 * replaces them at any of the first three levels of a logged object.
 */
export const REDACTED_KEYS = [
  'name', 'firstName', 'lastName', 'givenName', 'familyName', 'fullName', 'preferredName', 'displayName',
  'email', 'emailAddress', 'phone', 'phoneNumber', 'mobile', 'telephone',
  'dob', 'dateOfBirth', 'birthDate',
  'address', 'addressLine1', 'addressLine2', 'town', 'postcode',
  'notes', 'note', 'freeText', 'reason', 'description', 'comment',
  'password', 'currentPassword', 'newPassword', 'temporaryPassword',
  'token', 'accessToken', 'refreshToken', 'apiKey', 'secret',
  'authorization', 'cookie', 'set-cookie', 'x-api-key',
] as const;

export function redactionPaths(): string[] {
  return REDACTED_KEYS.flatMap((key) => {
    const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    const join = (prefix: string) => (safe.startsWith('[') ? `${prefix}${safe}` : `${prefix}.${safe}`);
    return [safe.startsWith('[') ? safe : key, join('*'), join('*.*')];
  });
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

/** A caller's X-Request-Id is kept when it is a plain token, so a partner can trace a call; otherwise a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

export function loggerParams(config: AppConfig): Params {
  const options: Options = {
    level: config.logLevel,
    redact: { paths: redactionPaths(), censor: '[redacted]' },
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = (req as IncomingMessage & { id?: string }).id ?? requestIdFrom(req.headers['x-request-id']);
      res.setHeader('x-request-id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    serializers: {
      // Query strings can carry search terms (names); log the path only.
      req: (req: { id?: string; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url?.split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
    ...(config.mode === 'test' ? { level: process.env.LOG_LEVEL ?? 'silent' } : {}),
  };
  // Outside tests, log lines are written to stdout asynchronously (issue 20: synchronous
  // writes were about 4.5% of a read's CPU). No batching (minLength 0), so a line still goes
  // out at once; what is still queued is flushed synchronously on process exit, which is why
  // both entry points end a SIGTERM with process.exit (see SHUTDOWN_HOOKS). pino's own default
  // destination is asynchronous too, so tests ask for a synchronous one: what they read from a
  // child's stdout, up to its last line, is then never held back or lost.
  return { pinoHttp: [options, pino.destination({ dest: 1, sync: config.mode === 'test', minLength: 0 })] };
}

/**
 * Nest's shutdown hooks, for both entry points: on SIGTERM or SIGINT every hook runs (the
 * worker's jobs in hand finish), then the process exits with process.exit(0) rather than
 * re-raising the signal. A re-raised signal ends the process without its 'exit' event, and
 * with it the log lines still queued for the asynchronous destination ("queue workers
 * closed" among them).
 */
export const SHUTDOWN_HOOKS = { useProcessExit: true } as const;

/** An error as logs may show it: its class and code, never its message (driver messages can quote values). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} (${code})` : error.name;
}
