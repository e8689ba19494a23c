import type { Firestore } from '@google-cloud/firestore';
import { FirestoreAuditLog } from '../audit/firestore-audit-log';
import type { Logger } from '../core/logging/logger';
import type { Clock } from '../core/ports/clock';
import type { GatedFunctionDeps } from './gatekeeper';
import { watchedPolicyHolder } from './firestore-policy-source';

/**
 * What a function that acts for callers needs for its Gatekeeper, as deployed: the published
 * policy set (hot-swapped), the audit log, and the function's clock, source and logger.
 */
export function gatekeeperDeps(context: {
  db: Firestore;
  logger: Logger;
  clock: Clock;
  source: string;
}): GatedFunctionDeps {
  const { db, logger, clock, source } = context;
  return { holder: watchedPolicyHolder(db, logger), audit: new FirestoreAuditLog(db), clock, source, logger };
}
