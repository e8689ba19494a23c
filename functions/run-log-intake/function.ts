import { defineFunction } from '@backbone/shared/core';
import { runSteps } from '@backbone/shared/runlogs';

export default defineFunction({
  name: 'run-log-intake',
  description:
    "The agent runtime's step records over Pub/Sub (004§1.1): the same check and masking as run-logs' batch route, once per (run, step); what can never be stored is dead-lettered, masked.",
  trigger: { kind: 'pubsub', topic: runSteps, ordering: true },
  runtime: { maxInstances: 20, concurrency: 50 },
  touches: { collections: { read: ['steps'], write: ['steps', 'run_rollups', 'activity', 'dead_letters'] } },
});
