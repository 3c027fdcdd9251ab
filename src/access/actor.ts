import type { Role } from './roles.js';

/** Who is asking: resolved once per request by the AuthGuard from a token or API key. */
export interface Actor {
  userId: string;
  roles: readonly Role[];
  organisationId: string;
  areaIds: readonly string[];
  requestId: string;
  /** DPA 2018 s.62 justification given with the request (X-Access-Reason), if any. */
  accessReason: string | null;
  /** The refresh-token family of this session; null for API-key clients. */
  sessionFamilyId: string | null;
}

/** For work the system does itself (worker jobs, demo data): audited as the system. */
export function systemActor(requestId: string): Actor {
  return {
    userId: '00000000-0000-0000-0000-000000000000',
    roles: [],
    organisationId: '00000000-0000-0000-0000-000000000000',
    areaIds: [],
    requestId,
    accessReason: null,
    sessionFamilyId: null,
  };
}
