import { defineErrors } from '../app/domain-error.js';

export const OrganisationsError = defineErrors({
  DIRECTORY_ENTRY_EXISTS: { status: 409, title: 'The area already names an organisation for this owner; change that entry instead' },
});
