// The run logs domain: agents' step records, masked before they are stored (004§1.1, 004§1.2).
export { STEP_KINDS, StepInputSchema, storedStep, type ModelCall, type StepInput, type StoredStep } from './step';
export type { StepOutcome, StepStore } from './step-store';
export { runSteps } from './run-log-events';
export { ingestSteps } from './intake';
