import { defineErrors } from '../app/domain-error.js';

export const NotificationsError = defineErrors({
  NOT_FAILED: { status: 409, title: 'Only a failed notification can be sent again' },
  NOT_A_REMINDER: { status: 422, title: 'Only reminder emails (about a duty or a ULS window) are sent again; a digest is sent afresh each day' },
});
