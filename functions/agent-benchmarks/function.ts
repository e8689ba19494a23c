import { defineFunction } from '@backbone/shared/core';

export default defineFunction({
  name: 'agent-benchmarks',
  description:
    "Hourly: every agent's health score over the last 7 days from the run rollups, grouped by its specialty, so an agent's health is shown with the percentile it sits at among its peers (000#39).",
  trigger: {
    kind: 'schedule',
    cron: '7 * * * *',
    attemptDeadlineSeconds: 300,
    retryCount: 1,
  },
  runtime: { memory: '512Mi', timeoutSeconds: 300 },
  touches: {
    collections: { read: ['run_rollups', 'agents'], write: ['agent_benchmarks'] },
  },
});
