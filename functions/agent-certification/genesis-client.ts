import type { CertificationRequest } from '@backbone/shared/agents';

/**
 * Genesis, the certification service (000#2), as Backbone calls it: one certification request per
 * submitted version. Resolves once Genesis has it (Genesis dedupes on `requestId`, so a repeat is
 * harmless); throws TransientError when it may succeed later, InvalidEventError when it never will.
 */
export interface GenesisClient {
  requestCertification(request: CertificationRequest): Promise<void>;
}
