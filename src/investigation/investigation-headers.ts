/** Crime-level creates a police or CPS feed posts: retried safely with a key. */
export { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency-headers.js';
