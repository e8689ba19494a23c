import { z } from 'zod';
import { defineTopic } from '../core/events/topic';

/**
 * `run-steps`: the agent runtime's step records over Pub/Sub (the same records the HTTP batch takes),
 * ordered per run. The data is checked by the intake (StepInputSchema), which dead-letters, masked,
 * what it refuses.
 */
export const runSteps = defineTopic('run-steps', {
  ordered: true,
  events: { 'run.step_recorded': z.record(z.string(), z.unknown()) },
});
