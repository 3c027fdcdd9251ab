/** The OpenAPI description of Idempotency-Key on creates a partner feed may retry (RELIABILITY.md). */
export const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Required for partner systems: 8-255 printable characters, e.g. a UUID; a retry with the same key and body gets the first answer',
};
