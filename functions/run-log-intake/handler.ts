import { consume, InvalidEventError, toFieldIssues, type FailureRecorder, type Logger } from '@backbone/shared/core';
import { ingestSteps, StepInputSchema, type StepStore } from '@backbone/shared/runlogs';
import manifest from './function';
import { consumedEvents } from './schema';

/**
 * The same step records over Pub/Sub: checked like the HTTP batch, masked before they are stored;
 * one that can never be stored (invalid, or the same step with other content) is dead-lettered,
 * masked, and acknowledged.
 */
export function makeHandler(deps: { store: StepStore; failures: FailureRecorder; logger: Logger }) {
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    const parsed = StepInputSchema.safeParse(event.data);
    if (!parsed.success) throw new InvalidEventError('Not a valid step record.', toFieldIssues(parsed.error));
    const [result] = await ingestSteps(deps.store, [parsed.data]);
    if (result!.outcome === 'conflict')
      throw new InvalidEventError(`Step ${result!.step} of run ${result!.runId} was recorded with other content.`);
    ctx.log.info('step recorded', { runId: result!.runId, step: result!.step, outcome: result!.outcome });
  });
}
