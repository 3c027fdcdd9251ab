import { versionFromIfMatch } from '../app/etag.js';

/** For appends: If-Match is checked when sent (a stale copy is a 409) but not required. */
export function optionalVersion(header: string | undefined): number | undefined {
  return header === undefined || header.trim() === '' ? undefined : versionFromIfMatch(header);
}

export const OPTIONAL_IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The journey’s ETag; when sent, a journey changed since is a 409',
};

export const REQUIRED_IF_MATCH = {
  name: 'If-Match',
  required: true,
  description: 'The journey’s ETag, as read; a journey changed since is a 409, none sent is a 428',
};

/** For a row with its own version (a support action, an onward referral). */
export const ROW_IF_MATCH = (what: string) => ({ name: 'If-Match', required: true, description: `The ${what}’s ETag (its version), as read` });
