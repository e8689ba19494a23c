import { FieldValue, type Firestore, type WriteBatch } from '@google-cloud/firestore';
import { queryDocuments } from '../gcp/firestore-documents';
import { activityForStep } from './activity';
import { activityRef, activityWrite } from './firestore-activity-feed';
import { rollupWrite } from './firestore-run-rollups';
import { rollupDeltas } from './run-rollup';
import type { StoredStep } from './step';
import type { ModelCallQuery, StepOutcome, StepStore } from './step-store';

const ALREADY_EXISTS = 6;
const stepKey = (s: StoredStep) => `${s.tenant}/${s.agentId}/${s.runId}/${s.step}`;

/**
 * `tenants/{tenant}/agents/{agent}/runs/{run}/steps/{step, zero-padded}`: one document per step,
 * created once (no shared document on the intake path, so steps of many runs write in parallel).
 * A batch of steps is one atomic write with its rollup increments (one sharded rollup document
 * per agent and day) and its feed items; when a step of it exists already, each step is retried alone.
 */
export class FirestoreStepStore implements StepStore {
  constructor(private readonly db: Firestore) {}

  async putAll(steps: StoredStep[]): Promise<StepOutcome[]> {
    const distinct = new Set(steps.map(stepKey)).size === steps.length;
    if (distinct && steps.length > 1) {
      try {
        await this.commit(steps);
        return steps.map(() => 'stored');
      } catch (error) {
        if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
      }
    }
    const outcomes: StepOutcome[] = [];
    for (const step of steps) outcomes.push(await this.putOne(step));
    return outcomes;
  }

  private async putOne(step: StoredStep): Promise<StepOutcome> {
    try {
      await this.commit([step]);
      return 'stored';
    } catch (error) {
      if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
      const existing = await this.stepRef(step).get();
      return existing.get('contentHash') === step.contentHash ? 'duplicate' : 'conflict';
    }
  }

  private async commit(steps: StoredStep[]): Promise<void> {
    const batch: WriteBatch = this.db.batch();
    for (const step of steps) {
      batch.create(this.stepRef(step), step);
      const item = activityForStep(step);
      if (item) batch.set(activityRef(this.db, item), activityWrite(item, FieldValue.serverTimestamp()));
    }
    for (const delta of rollupDeltas(steps)) rollupWrite(this.db, batch, delta, randomShard());
    await batch.commit();
  }

  async steps(tenant: string, agentId: string, runId: string): Promise<StoredStep[]> {
    return queryDocuments<StoredStep>(this.steps_(tenant, agentId, runId).orderBy('step').limit(10_000));
  }

  async modelCalls(query: ModelCallQuery): Promise<StoredStep[]> {
    let q = this.db.collectionGroup('steps').where('tenant', '==', query.tenant);
    if (query.agentId) q = q.where('agentId', '==', query.agentId);
    return queryDocuments<StoredStep>(
      q
        .where('kind', '==', 'model_call')
        .where('endedAt', '>=', query.from)
        .where('endedAt', '<', query.to)
        .orderBy('endedAt', 'desc')
        .limit(query.limit),
    );
  }

  private stepRef(step: StoredStep) {
    return this.steps_(step.tenant, step.agentId, step.runId).doc(String(step.step).padStart(6, '0'));
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

/**
 * Rollup writes of one agent and day spread over this many documents: each takes about one
 * sustained write a second, and an HTTP batch of up to 100 steps is one write.
 */
export const ROLLUP_SHARDS = 16;
const randomShard = () => Math.floor(Math.random() * ROLLUP_SHARDS);
