import type { Firestore } from '@google-cloud/firestore';
import { uuidGenerator, type Clock, type EventPublisher, type Logger } from '@backbone/shared/core';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import { FirestoreApprovalStore, FirestoreBreakGlassStore } from '@backbone/shared/approvals/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { FirestoreRegistryStore, FirestoreTrialStore } from '@backbone/shared/governance/gcp';
import type { PolicyHolder } from '@backbone/shared/policy';
import { ContextResolver } from '../context';
import type { PepDeps } from '../service';

/**
 * The PEP's stores on Firestore: what the deployed function runs with, and what its emulator tests
 * and the benchmarks run, so all three exercise one wiring.
 */
export function firestorePepDeps(
  db: Firestore,
  parts: { holder: PolicyHolder; publisher: EventPublisher; clock: Clock; source: string; logger: Logger },
): PepDeps & { trials: FirestoreTrialStore } {
  const trials = new FirestoreTrialStore(db);
  return {
    ...parts,
    resolver: new ContextResolver({
      trials,
      registry: new FirestoreRegistryStore(db),
      agents: new FirestoreAgentStore(db),
      clock: parts.clock,
    }),
    trials,
    audit: new FirestoreAuditLog(db),
    approvals: new FirestoreApprovalStore(db),
    breakGlass: new FirestoreBreakGlassStore(db),
    ids: uuidGenerator,
  };
}
