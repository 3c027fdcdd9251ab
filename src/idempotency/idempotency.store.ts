import { createHash } from 'node:crypto';
import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canonicalJson } from '../app/canonical-json.js';
import { validationFailed } from '../app/common.errors.js';
import { IdempotencyError } from './idempotency.errors.js';

export interface StoredAnswer {
  statusCode: number;
  body: unknown;
}

const KEY_PATTERN = /^[\x21-\x7e]{8,255}$/;

/** Reads the Idempotency-Key header: printable ASCII, 8 to 255 characters (a UUID is ideal). */
export function idempotencyKeyFrom(header: string | undefined, required: boolean): string | null {
  if (header === undefined || header === '') {
    if (required) throw validationFailed([{ field: 'Idempotency-Key', message: 'is required for partner systems, so a retried call is safe' }]);
    return null;
  }
  if (!KEY_PATTERN.test(header)) throw validationFailed([{ field: 'Idempotency-Key', message: 'must be 8 to 255 printable ASCII characters' }]);
  return header;
}

/**
 * Idempotency-Key for creates (RELIABILITY.md): the first answer is stored with the
 * command, in its transaction, and replayed for a retry with the same key and body; the
 * same key with a different body is refused. A concurrent duplicate waits on the first's
 * row lock and then replays its answer, so a retry racing the original still creates once.
 */
@Injectable()
export class IdempotencyStore {
  /** Claims the key for this command, or returns the answer the first request got. */
  async claim(tx: EntityManager, clientId: string, key: string, operation: string, body: unknown): Promise<StoredAnswer | null> {
    const requestHash = createHash('sha256').update(operation).update('\n').update(canonicalJson(body)).digest('hex');
    const inserted: unknown[] = await tx.query(
      `INSERT INTO idempotency_records (client_id, key, operation, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (client_id, key) DO NOTHING RETURNING key`,
      [clientId, key, operation, requestHash],
    );
    if (inserted.length === 1) return null;
    const [first]: Array<{ operation: string; request_hash: string; status_code: number; response: unknown }> = await tx.query(
      `SELECT operation, request_hash, status_code, response FROM idempotency_records WHERE client_id = $1 AND key = $2`,
      [clientId, key],
    );
    if (first.operation !== operation || first.request_hash !== requestHash) {
      throw IdempotencyError.of('IDEMPOTENCY_KEY_REUSED', 'Send a new Idempotency-Key for a new request; reuse a key only to retry the same request');
    }
    return { statusCode: first.status_code, body: first.response };
  }

  async complete(tx: EntityManager, clientId: string, key: string, answer: StoredAnswer): Promise<void> {
    await tx.query(`UPDATE idempotency_records SET status_code = $3, response = $4 WHERE client_id = $1 AND key = $2`, [
      clientId,
      key,
      answer.statusCode,
      JSON.stringify(answer.body),
    ]);
  }

  /** Keys are kept for a day: long enough for any partner's retries. */
  async purgeOlderThan(tx: EntityManager, before: Date): Promise<number> {
    const [, count]: [unknown, number] = await tx.query(`DELETE FROM idempotency_records WHERE created_at < $1`, [before]);
    return count;
  }
}

@Global()
@Module({ providers: [IdempotencyStore], exports: [IdempotencyStore] })
export class IdempotencyModule {}
