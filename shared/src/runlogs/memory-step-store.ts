import type { StoredStep } from './step';
import type { StepOutcome, StepStore } from './step-store';

/** The StepStore contract in memory. */
export class MemoryStepStore implements StepStore {
  readonly stored = new Map<string, StoredStep>();

  async put(step: StoredStep): Promise<StepOutcome> {
    const key = `${step.tenant}/${step.agentId}/${step.runId}/${step.step}`;
    const existing = this.stored.get(key);
    if (existing) return existing.contentHash === step.contentHash ? 'duplicate' : 'conflict';
    this.stored.set(key, structuredClone(step));
    return 'stored';
  }

  async steps(tenant: string, agentId: string, runId: string) {
    return [...this.stored.values()]
      .filter((s) => s.tenant === tenant && s.agentId === agentId && s.runId === runId)
      .sort((a, b) => a.step - b.step)
      .map((s) => structuredClone(s));
  }
}
