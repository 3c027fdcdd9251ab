/** Crime-level creates a police or CPS feed posts: retried safely with a key. */
export const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Required for partner systems: 8-255 printable characters, e.g. a UUID; a retry with the same key and body gets the first answer',
};
