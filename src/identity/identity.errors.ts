import { defineErrors } from '../app/domain-error.js';

export const IdentityError = defineErrors({
  INVALID_CREDENTIALS: { status: 401, title: 'The email or password is wrong' },
  INVALID_TOKEN: { status: 401, title: 'The token is invalid or has expired' },
  REFRESH_TOKEN_REUSED: { status: 401, title: 'This session was ended because a used refresh token was presented again' },
  ACCOUNT_LOCKED: { status: 429, title: 'Too many failed sign-in attempts; try again later' },
  ACCOUNT_DISABLED: { status: 401, title: 'The account is disabled' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, title: 'Change your temporary password before continuing' },
  ROLE_NOT_ALLOWED: { status: 403, title: 'Your role may not do this' },
  WEAK_PASSWORD: { status: 400, title: 'The new password does not meet the password rules' },
  LAST_ADMIN: { status: 409, title: 'This would leave the service without an enabled admin' },
  EMAIL_TAKEN: { status: 409, title: 'A user with this email exists' },
  UNKNOWN_AREA: { status: 400, title: 'An area does not exist' },
  UNKNOWN_ORGANISATION: { status: 400, title: 'The organisation does not exist' },
});
