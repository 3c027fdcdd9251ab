import { defineErrors } from '../app/domain-error.js';

/** Why the worker's health server refuses a request. */
export const HealthError = defineErrors({
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
});
