import type { Firestore } from '@google-cloud/firestore';
import { fromFirestore } from '../gcp/firestore-documents';
import type { StoredStep } from './step';
import type { StepOutcome, StepStore } from './step-store';

/**
 * `tenants/{tenant}/agents/{agent}/runs/{run}/steps/{step, zero-padded}`: one document per step,
 * created once (no shared document on the intake path, so steps of many runs write in parallel).
 */
export class FirestoreStepStore implements StepStore {
  constructor(private readonly db: Firestore) {}

  async put(step: StoredStep): Promise<StepOutcome> {
    const ref = this.steps_(step.tenant, step.agentId, step.runId).doc(String(step.step).padStart(6, '0'));
    try {
      await ref.create(step);
      return 'stored';
    } catch (error) {
      if ((error as { code?: number }).code !== 6) throw error;
      const existing = await ref.get();
      return existing.get('contentHash') === step.contentHash ? 'duplicate' : 'conflict';
    }
  }

  async steps(tenant: string, agentId: string, runId: string): Promise<StoredStep[]> {
    const snap = await this.steps_(tenant, agentId, runId).orderBy('step').limit(10_000).get();
    return snap.docs.map((d) => fromFirestore(d.data()) as StoredStep);
  }

  private steps_(tenant: string, agentId: string, runId: string) {
    return this.db
      .collection('tenants')
      .doc(tenant)
      .collection('agents')
      .doc(agentId)
      .collection('runs')
      .doc(runId)
      .collection('steps');
  }
}
