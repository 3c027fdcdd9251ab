/** The request headers routes document in OpenAPI, described once. */

export const ACCESS_REASON_HEADER = {
  name: 'X-Access-Reason',
  required: false,
  description: 'Why you are consulting the record; kept in the audit log (DPA 2018 s.62)',
};

/** A command that changes a journey's state: the journey's ETag is required. */
export const REQUIRED_IF_MATCH = {
  name: 'If-Match',
  required: true,
  description: 'The journey’s ETag, as read, e.g. "3"; a journey changed since is a 409, none sent is a 428',
};

/** An append to a journey (a contact attempt, an action): If-Match is checked when sent. */
export const OPTIONAL_IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The journey’s ETag; when sent, a journey changed since is a 409',
};

/** For a row with its own version (a person, a support action, an onward referral). */
export const ROW_IF_MATCH = (what: string) => ({ name: 'If-Match', required: true, description: `The ${what}’s ETag (its version), as read` });
