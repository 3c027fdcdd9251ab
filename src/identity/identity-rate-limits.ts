import type { RateLimitSpec } from '../access/rate-limit.js';

/** An admin resets a few passwords in a working hour; a script resetting every account is stopped. */
export const PASSWORD_RESETS: RateLimitSpec = { name: 'password-reset', limit: 20, windowSeconds: 3600 };

/** Changing one's own password takes a try or two; more is guessing (wrong guesses also lock sign-in). */
export const PASSWORD_CHANGES: RateLimitSpec = { name: 'password-change', limit: 10, windowSeconds: 900 };
