import { defineErrors } from '../app/domain-error.js';

export const IdempotencyError = defineErrors({
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'This Idempotency-Key was used for a different request' },
});
