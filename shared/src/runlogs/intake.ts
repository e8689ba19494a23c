import { storedStep, type StepInput } from './step';
import type { StepOutcome, StepStore } from './step-store';

/**
 * Stores steps, masked (004§1.1), each once: a step sent again with the same content is a
 * `duplicate`, with other content a `conflict` that changes nothing; steps may come in any order.
 */
export async function ingestSteps(
  store: StepStore,
  steps: StepInput[],
): Promise<{ runId: string; step: number; outcome: StepOutcome }[]> {
  const outcomes = await store.putAll(steps.map(storedStep));
  return steps.map((step, i) => ({ runId: step.runId, step: step.step, outcome: outcomes[i]! }));
}
